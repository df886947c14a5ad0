import type { z } from 'zod';
import { SubmissionError } from './errors.ts';
import { fieldProblems } from './schema.ts';

/** Parses a request body with a schema; a failure is a 400 naming the first field (and listing every problem). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = fieldProblems(result.error);
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new SubmissionError(400, 'invalid-request', `${first.field}: ${first.message}${more}.`, { field: first.field, problems });
}
