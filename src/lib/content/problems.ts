/**
 * A problem found in `portfolios/`: which file, which field, what is wrong and how to fix it.
 * `npm run check` prints these and the server logs them at start, in the same words.
 */
export interface ContentProblem {
  /** Path of the file, relative to the working directory. */
  file: string;
  /** Dotted path of the field inside the file, e.g. `photos[2].alt`; empty for the whole file. */
  field: string;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** One line per problem: `file: field: message. Fix: …` */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.field ? `${problem.file}: ${problem.field}` : problem.file;
  return `${where}: ${problem.message}. Fix: ${problem.fix}`;
}

/** Dotted field path from a zod issue path, with array indexes in brackets. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
