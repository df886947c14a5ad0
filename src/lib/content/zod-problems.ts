import type { z } from 'zod';
import { fieldPath, type ContentProblem } from './problems.ts';
import { treatments } from './vocabulary.ts';

/** Fixes for the fields people get wrong most, by the field's last name. */
const fieldFixes: Record<string, string> = {
  treatment: `set treatment to one of: ${treatments.join(', ')}`,
  alt: 'describe what the photo shows for screen-reader users, e.g. alt: "Hairline, 120 days after the last session"',
  consent: "record the client's permission: consent: { recordedAt: YYYY-MM-DD, faceVisible: false } (add expiresAt if it lapses)",
  sha256: 'recompute it with `sha256sum <photo>` and paste the 64 hex characters',
  country: 'use the two-letter ISO 3166-1 code in capitals, e.g. IN, GB, US, BR',
  sessions: 'list 1–6 session dates as YYYY-MM-DD, oldest first',
};

/** Turns zod's issues for one file into problems that say how to fix them. */
export function problemsFromZod(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    const last = [...issue.path].reverse().find((k) => typeof k === 'string') as string | undefined;
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const message = missing ? 'is missing' : issue.message;
    let fix = (last && fieldFixes[last]) ?? '';
    if (!fix && issue.code === 'unrecognized_keys') fix = `remove ${issue.keys.join(', ')} or correct the spelling`;
    if (!fix) fix = missing ? `add ${field || 'the field'}` : `correct ${field || 'the file'} (${issue.message})`;
    return { file, field, message, fix };
  });
}
