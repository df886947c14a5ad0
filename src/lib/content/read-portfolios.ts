import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { ParseCache } from '../db/parse-cache.ts';
import { caseRuleProblems } from './case-rules.ts';
import type { ContentProblem } from './problems.ts';
import { caseSchema, practitionerSchema } from './schema.ts';
import type { ContentSnapshot, ListedCase, Practitioner, PublishedCase } from './types.ts';
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
  /** Parsed case folders from an earlier read (the server's readers; `npm run check` always parses). */
  cache?: ParseCache;
  /** Set on a reader thread (read-worker.ts): what is read is copied to the main thread. */
  onReaderThread?: boolean;
}

/** A case folder's case.yaml, parsed but not validated, and the names of the files beside it. */
interface CaseFolder { raw: unknown; files: string[] }

/** One case folder read: the published case, or the problems that leave it out. */
export type CaseRead = { kase: PublishedCase; problems: [] } | { kase: undefined; problems: ContentProblem[] };

type Parsed<T> = { data: T; problems: [] } | { data: undefined; problems: ContentProblem[] };

/** How `readRaw` hands its value on. */
interface RawNeeds {
  /** The value is copied to another thread (a reader's result): no need to copy strings out here. */
  leavesThread?: boolean;
  /** Its JSON text is wanted too (for the parse cache). */
  json?: boolean;
  /** The file's stat is wanted too (for the parse cache's stamp): taken from the file read. */
  stat?: boolean;
}

/** A file's text, and its stat when asked for (one open instead of a stat and a read). */
function readText(absolute: string, withStat: boolean): { text: string; stat?: Stats } {
  if (!withStat) return { text: readFileSync(absolute, 'utf8') };
  const fd = openSync(absolute, 'r');
  try {
    return { stat: fstatSync(fd), text: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

/** A YAML file's parsed value, or the problem that it is missing or not YAML. */
function readRaw(absolute: string, shown: string, needs: RawNeeds = {}): { raw: unknown; json?: string; stat?: Stats } | { problems: ContentProblem[] } {
  let text: string;
  let stat: Stats | undefined;
  try {
    ({ text, stat } = readText(absolute, Boolean(needs.stat)));
  } catch {
    return { problems: [{ file: shown, field: '', message: 'is missing', fix: `create ${path.basename(shown)} in this folder` }] };
  }
  let raw: unknown;
  let json: string | undefined;
  try {
    // js-yaml's core schema reads what `yaml` reads (YAML 1.2, dates stay text) about 6x faster:
    // 100k case files parse in ~5 s instead of ~30 s at start. `yaml` still words the errors.
    raw = loadYaml(text, { schema: CORE_SCHEMA });
    // Its strings are slices that keep each whole file's text alive; a JSON round trip copies
    // them out (100k cases: heap 447 MB instead of 555 MB, for ~1 s at start). A reader thread's
    // values are copied to the main thread anyway, flat.
    if (needs.json || !needs.leavesThread) json = JSON.stringify(raw);
    if (!needs.leavesThread) raw = json === undefined ? undefined : JSON.parse(json);
  } catch {
    try {
      raw = parseYaml(text, { prettyErrors: true });
    } catch (error) {
      return { problems: [{ file: shown, field: '', message: `is not valid YAML (${(error as Error).message.split('\n')[0]})`, fix: 'correct the YAML syntax at the line shown' }] };
    }
  }
  return { raw, json, stat };
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

/**
 * A case folder's parsed case.yaml and file names: from the cache when its size and times are
 * those recorded (two stats instead of a read, a parse and a listing), else read and recorded.
 * The stamp changes when case.yaml is rewritten or a file is added to or removed from the folder.
 */
function readCaseFolder(key: string, dir: string, file: string, shown: string, options: ReadOptions): CaseFolder | { problems: ContentProblem[] } {
  const { cache } = options;
  let folderMtime: number | undefined;
  // An empty cache (a first start) has no entry to look up: case.yaml's stat then comes with its read.
  if (cache && !cache.empty) {
    try {
      const [yaml, folder] = [statSync(file), statSync(dir)];
      const hit = cache.get(key, stampOf(yaml, (folderMtime = folder.mtimeMs)));
      if (hit !== undefined) return JSON.parse(hit) as CaseFolder;
    } catch {
      // Missing: the plain read below says so.
    }
  }
  const read = readRaw(file, shown, { leavesThread: options.onReaderThread, json: Boolean(cache), stat: Boolean(cache) });
  if ('problems' in read) return read;
  let files: string[];
  try {
    // The folder's time is taken before its listing: a file added in between changes it again.
    folderMtime ??= cache ? statSync(dir).mtimeMs : undefined;
    files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    // Removed since case.yaml was read (a withdrawal during the read): gone, like a missing file.
    return { problems: [{ file: shown, field: '', message: 'is missing', fix: `create ${path.basename(shown)} in this folder` }] };
  }
  const folder: CaseFolder = { raw: read.raw, files };
  // The round trip's text is reused: one JSON.stringify per case, not two.
  if (cache && read.stat && folderMtime !== undefined) {
    cache.put(key, stampOf(read.stat, folderMtime), read.json === undefined ? JSON.stringify(folder) : `{"raw":${read.json},"files":${JSON.stringify(files)}}`);
  }
  return folder;
}

/** A case folder's stamp: case.yaml's size and time, and the folder's time (files added or removed). */
const stampOf = (yaml: Stats, folderMtimeMs: number) => `${yaml.size}:${yaml.mtimeMs}:${folderMtimeMs}`;

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

/** Reads and validates one case folder. */
export async function readCase(portfoliosDir: string, slug: string, id: string, options: ReadOptions = {}): Promise<CaseRead> {
  const dir = path.join(portfoliosDir, slug, 'cases', id);
  const shown = path.join(shownRoot(portfoliosDir, options), slug, 'cases', id, 'case.yaml');
  if (!folderNamePattern.test(id)) {
    return { kase: undefined, problems: [{ file: shown, field: '', message: `case folder name "${id}" is not URL-safe`, fix: 'rename the folder to lowercase words joined by hyphens, e.g. pune-hairline-2' }] };
  }
  const read = readCaseFolder(parseCacheKey(slug, id), dir, path.join(dir, 'case.yaml'), shown, options);
  if ('problems' in read) return { kase: undefined, problems: read.problems };
  return publishedFrom(read, dir, shown, slug, id, options);
}

/** The parse cache's key of a case folder: its path under portfolios/. */
export const parseCacheKey = (slug: string, id: string) => `${slug}/cases/${id}`;

/**
 * A case folder as its parse-cache row recorded it (`parseCacheKey` and JSON text), validated as
 * `readCase` validates it: a first start's readers parse every folder once, and hand on the cases
 * from the rows they hold once the listing is answered (read-in-parallel.ts).
 */
export function readCaseFromRow(portfoliosDir: string, key: string, json: string, options: ReadOptions = {}): CaseRead & { slug: string; id: string } {
  const [slug = '', , id = ''] = key.split('/');
  const dir = path.join(portfoliosDir, slug, 'cases', id);
  const shown = path.join(shownRoot(portfoliosDir, options), slug, 'cases', id, 'case.yaml');
  return { ...publishedFrom(JSON.parse(json) as CaseFolder, dir, shown, slug, id, options), slug, id };
}

/** A parsed case folder validated: the published case, or the problems that leave it out. */
function publishedFrom(read: CaseFolder, dir: string, shown: string, slug: string, id: string, options: ReadOptions): CaseRead {
  const parsed = validate(read.raw, shown, caseSchema);
  if (!parsed.data) return { kase: undefined, problems: parsed.problems };
  const files = new Set(read.files);
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

/** What reading one practitioner.yaml gives: the practitioner, or the problems that leave them out. */
export interface PractitionerRead { practitioner?: Practitioner; problems: ContentProblem[] }

/** Reads and validates one practitioner.yaml. */
export async function readPractitioner(portfoliosDir: string, slug: string, options: ReadOptions = {}): Promise<PractitionerRead> {
  const file = path.join(portfoliosDir, slug, 'practitioner.yaml');
  const shown = path.join(shownRoot(portfoliosDir, options), slug, 'practitioner.yaml');
  if (!folderNamePattern.test(slug)) {
    return { problems: [{ file: shown, field: '', message: `practitioner folder name "${slug}" is not URL-safe`, fix: 'rename the folder to lowercase words joined by hyphens, e.g. ana-ribeiro' }] };
  }
  const read = readRaw(file, shown, { leavesThread: options.onReaderThread });
  const parsed = 'raw' in read ? validate(read.raw, shown, practitionerSchema) : { data: undefined, problems: read.problems };
  return parsed.data ? { practitioner: { ...parsed.data, slug }, problems: [] } : { problems: parsed.problems };
}

/** One practitioner folder and the names of its case folders, both sorted. */
export interface PortfolioFolder { slug: string; ids: string[] }

/**
 * Every practitioner folder and its case folders, from folder names alone (~0.25 s at 100k cases).
 * `beforeCases` is told the practitioner folders before their `cases/` folders are listed.
 */
export function listPortfolioFolders(portfoliosDir: string, beforeCases?: (slugs: readonly string[]) => void): PortfolioFolder[] {
  const slugs = subfolders(portfoliosDir);
  beforeCases?.(slugs);
  return slugs.map((slug) => ({ slug, ids: subfolders(path.join(portfoliosDir, slug, 'cases')) }));
}

/**
 * Where each case folder is (case id → practitioner slug; the first in sorted order wins, as in a
 * full read), so single pages can be served before the full read is done.
 */
export function caseFolderOwners(folders: readonly PortfolioFolder[]): Map<string, string> {
  const where = new Map<string, string>();
  for (const { slug, ids } of folders) for (const id of ids) if (!where.has(id)) where.set(id, slug);
  return where;
}

/**
 * Collects what a read finds into a snapshot, the same way whatever did the reading: problems
 * counted per file, and a case id already taken (folders are visited in sorted order) left out
 * with a problem, since case folder names are URLs.
 */
export function snapshotBuilder<C extends ListedCase = PublishedCase>(portfoliosDir: string, options: ReadOptions = {}) {
  const root = options.displayRoot ?? process.cwd();
  const snapshot = { practitioners: new Map<string, Practitioner>(), cases: new Map<string, C>(), problems: [] as ContentProblem[], invalidFiles: 0 };
  const reject = (problems: ContentProblem[]) => {
    snapshot.problems.push(...problems);
    snapshot.invalidFiles += new Set(problems.map((p) => p.file)).size;
  };
  return {
    snapshot,
    reject,
    /** One practitioner's case folders, read in the order of `ids`. */
    addCases(slug: string, ids: readonly string[], results: readonly ({ kase: C; problems: [] } | { kase: undefined; problems: ContentProblem[] })[]) {
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
