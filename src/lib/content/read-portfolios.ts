import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { caseRuleProblems } from './case-rules.ts';
import type { ContentProblem } from './problems.ts';
import { caseSchema, practitionerSchema } from './schema.ts';
import type { ContentSnapshot, Practitioner, PublishedCase } from './types.ts';
import { folderNamePattern } from './vocabulary.ts';
import { problemsFromZod } from './zod-problems.ts';

/** Case folders read between two yields to the event loop (~20 ms of work). */
const yieldEvery = 500;

/** Options for reading portfolios/. */
export interface ReadOptions {
  /** Today's date for "in the future" checks (tests pin it). */
  today?: Date;
  /** Folder that problem paths are shown relative to; defaults to the working directory. */
  displayRoot?: string;
}

/** A case folder's case.yaml, parsed but not validated, and the names of the files beside it. */
export interface CaseFolder { raw: unknown; files: string[] }

/** One case folder read: the published case, or the problems that leave it out. */
export type CaseRead = { kase: PublishedCase; problems: [] } | { kase: undefined; problems: ContentProblem[] };

type Parsed<T> = { data: T; problems: [] } | { data: undefined; problems: ContentProblem[] };

/** A YAML file's parsed value, or the problem that it is missing or not YAML. */
function readRaw(absolute: string, shown: string): { raw: unknown } | { problems: ContentProblem[] } {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return { problems: [{ file: shown, field: '', message: 'is missing', fix: `create ${path.basename(shown)} in this folder` }] };
  }
  let raw: unknown;
  try {
    // js-yaml's core schema reads what `yaml` reads (YAML 1.2, dates stay text) about 6x faster:
    // 100k case files parse in ~5 s instead of ~30 s at start. `yaml` still words the errors.
    // Its strings are slices that keep each whole file's text alive; a JSON round trip copies
    // them out (100k cases: heap 447 MB instead of 555 MB, for ~1 s at start).
    raw = JSON.parse(JSON.stringify(loadYaml(text, { schema: CORE_SCHEMA })));
  } catch {
    try {
      raw = parseYaml(text, { prettyErrors: true });
    } catch (error) {
      return { problems: [{ file: shown, field: '', message: `is not valid YAML (${(error as Error).message.split('\n')[0]})`, fix: 'correct the YAML syntax at the line shown' }] };
    }
  }
  return { raw };
}

/** A parsed value checked against its schema. */
function validate<S extends z.ZodType>(raw: unknown, shown: string, schema: S): Parsed<z.output<S>> {
  const result = schema.safeParse(raw ?? {});
  return result.success ? { data: result.data, problems: [] } : { data: undefined, problems: problemsFromZod(shown, result.error) };
}

/** Visible subfolder names, sorted (none when `dir` cannot be read). */
export function subfolders(dir: string): string[] {
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/** A case folder's parsed case.yaml and file names (the workers of folder-pool.ts read the same). */
function readCaseFolder(dir: string, file: string, shown: string): CaseFolder | { problems: ContentProblem[] } {
  const read = readRaw(file, shown);
  if ('problems' in read) return read;
  const files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  return { raw: read.raw, files };
}

/** portfolios/ as problems show it (relative to the display root), computed once per pair of folders. */
const shownRoots = new Map<string, string>();
function shownRoot(portfoliosDir: string, options: ReadOptions): string {
  const root = options.displayRoot ?? process.cwd();
  const key = `${root}\0${portfoliosDir}`;
  let shown = shownRoots.get(key);
  // path.relative resolves both paths each time: once per folder pair, not once per case.
  if (shown === undefined) shownRoots.set(key, (shown = path.relative(root, portfoliosDir)));
  return shown;
}

/** Where a case folder's files are, and how its case.yaml is named in problems. */
function casePaths(portfoliosDir: string, slug: string, id: string, options: ReadOptions) {
  const dir = path.join(portfoliosDir, slug, 'cases', id);
  return { dir, file: path.join(dir, 'case.yaml'), shown: path.join(shownRoot(portfoliosDir, options), slug, 'cases', id, 'case.yaml') };
}

/** The problem of a case folder whose name cannot be a URL, or undefined when it can. */
export function caseNameProblem(portfoliosDir: string, slug: string, id: string, options: ReadOptions = {}): ContentProblem | undefined {
  if (folderNamePattern.test(id)) return undefined;
  const { shown } = casePaths(portfoliosDir, slug, id, options);
  return { file: shown, field: '', message: `case folder name "${id}" is not URL-safe`, fix: 'rename the folder to lowercase words joined by hyphens, e.g. pune-hairline-2' };
}

/** Validates a case folder already read (schema, rules, photo files): the published case or its problems. */
export function checkCase(portfoliosDir: string, slug: string, id: string, folder: CaseFolder, options: ReadOptions = {}): CaseRead {
  const { dir, shown } = casePaths(portfoliosDir, slug, id, options);
  const parsed = validate(folder.raw, shown, caseSchema);
  if (!parsed.data) return { kase: undefined, problems: parsed.problems };
  const files = new Set(folder.files);
  const problems = caseRuleProblems(parsed.data, { file: shown, today: options.today ?? new Date(), photoExists: (n) => files.has(n) });
  if (problems.length) return { kase: undefined, problems };
  // Joined, not path.join()ed: path.join builds its result by concatenation, a tree of ~10 string
  // pieces per path that stays in memory as such (~200 MB at 100k cases); Array#join gives one
  // flat string. The rules above made every file a plain name inside the folder.
  const kase: PublishedCase = {
    ...parsed.data,
    id,
    practitionerSlug: slug,
    photos: parsed.data.photos.map((p) => ({ ...p, path: [dir, p.file].join(path.sep) })),
  };
  return { kase, problems: [] };
}

/** Reads and validates one case folder. */
export async function readCase(portfoliosDir: string, slug: string, id: string, options: ReadOptions = {}): Promise<CaseRead> {
  const badName = caseNameProblem(portfoliosDir, slug, id, options);
  if (badName) return { kase: undefined, problems: [badName] };
  const { dir, file, shown } = casePaths(portfoliosDir, slug, id, options);
  const read = readCaseFolder(dir, file, shown);
  return 'problems' in read ? { kase: undefined, problems: read.problems } : checkCase(portfoliosDir, slug, id, read, options);
}

/** What reading one practitioner.yaml gives: the practitioner, or the problems that leave them out. */
export interface PractitionerRead { practitioner?: Practitioner; problems: ContentProblem[] }

/** Where a practitioner.yaml is, and how it is named in problems. */
function practitionerPaths(portfoliosDir: string, slug: string, options: ReadOptions) {
  return { file: path.join(portfoliosDir, slug, 'practitioner.yaml'), shown: path.join(shownRoot(portfoliosDir, options), slug, 'practitioner.yaml') };
}

/** The problem of a practitioner folder whose name cannot be a URL, or undefined when it can. */
export function practitionerNameProblem(portfoliosDir: string, slug: string, options: ReadOptions = {}): ContentProblem | undefined {
  if (folderNamePattern.test(slug)) return undefined;
  const { shown } = practitionerPaths(portfoliosDir, slug, options);
  return { file: shown, field: '', message: `practitioner folder name "${slug}" is not URL-safe`, fix: 'rename the folder to lowercase words joined by hyphens, e.g. ana-ribeiro' };
}

/** Validates a practitioner.yaml already parsed (its folder name checked): the practitioner or their problems. */
export function checkPractitioner(portfoliosDir: string, slug: string, raw: unknown, options: ReadOptions = {}): PractitionerRead {
  const parsed = validate(raw, practitionerPaths(portfoliosDir, slug, options).shown, practitionerSchema);
  return parsed.data ? { practitioner: { ...parsed.data, slug }, problems: [] } : { problems: parsed.problems };
}

/** Reads and validates one practitioner.yaml. */
export async function readPractitioner(portfoliosDir: string, slug: string, options: ReadOptions = {}): Promise<PractitionerRead> {
  const badName = practitionerNameProblem(portfoliosDir, slug, options);
  if (badName) return { problems: [badName] };
  const { file, shown } = practitionerPaths(portfoliosDir, slug, options);
  const read = readRaw(file, shown);
  return 'raw' in read ? checkPractitioner(portfoliosDir, slug, read.raw, options) : { problems: read.problems };
}

/**
 * Where each case folder is, from folder names alone (no file is read): case id → practitioner
 * slug. ~0.3 s for 100k cases, so single pages can be served before the full read is done.
 */
export async function listCaseFolders(portfoliosDir: string): Promise<Map<string, string>> {
  const where = new Map<string, string>();
  for (const slug of subfolders(portfoliosDir)) {
    for (const id of subfolders(path.join(portfoliosDir, slug, 'cases'))) if (!where.has(id)) where.set(id, slug);
  }
  return where;
}

/**
 * Collects what a read finds into a snapshot, the same way whatever did the reading: problems
 * counted per file, and a case id already taken (folders are visited in sorted order) left out
 * with a problem, since case folder names are URLs.
 */
export function snapshotBuilder(portfoliosDir: string, options: ReadOptions = {}) {
  const root = options.displayRoot ?? process.cwd();
  const snapshot: ContentSnapshot = { practitioners: new Map(), cases: new Map(), problems: [], invalidFiles: 0 };
  const reject = (problems: ContentProblem[]) => {
    snapshot.problems.push(...problems);
    snapshot.invalidFiles += new Set(problems.map((p) => p.file)).size;
  };
  return {
    snapshot,
    reject,
    /** One practitioner's case folders, read in the order of `ids`. */
    addCases(slug: string, ids: readonly string[], results: readonly CaseRead[]) {
      results.forEach(({ kase, problems }, i) => {
        if (!kase) return reject(problems);
        const other = snapshot.cases.get(kase.id);
        if (other) {
          return reject([{
            file: path.relative(root, path.join(portfoliosDir, slug, 'cases', ids[i]!, 'case.yaml')), field: '',
            message: `case folder name "${kase.id}" is already used by ${other.practitionerSlug}`,
            fix: 'rename one of the folders: case folder names are URLs and must be unique across all portfolios',
          }]);
        }
        snapshot.cases.set(kase.id, kase);
      });
    },
  };
}

/** Lets the event loop answer requests between two stretches of synchronous reading. */
export const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads every portfolio. Invalid files are reported and left out; everything else is returned,
 * so one bad file never takes the site down.
 */
export async function readPortfolios(portfoliosDir: string, options: ReadOptions = {}): Promise<ContentSnapshot> {
  const { snapshot, reject, addCases } = snapshotBuilder(portfoliosDir, options);
  let read = 0;
  for (const slug of subfolders(portfoliosDir)) {
    const { practitioner, problems } = await readPractitioner(portfoliosDir, slug, options);
    if (!practitioner) {
      reject(problems);
      continue;
    }
    snapshot.practitioners.set(slug, practitioner);
    const ids = subfolders(path.join(portfoliosDir, slug, 'cases'));
    const results = [];
    for (const id of ids) {
      results.push(await readCase(portfoliosDir, slug, id, options));
      // Small files read synchronously are ~3x faster than through promises (100k cases: ~6 s
      // instead of ~19 s), but the server keeps answering meanwhile: yield now and then.
      if (++read % yieldEvery === 0) await yieldToEventLoop();
    }
    addCases(slug, ids, results);
  }
  return snapshot;
}
