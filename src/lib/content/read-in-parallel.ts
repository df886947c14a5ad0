import path from 'node:path';
import type { ParseCache } from '../db/parse-cache.ts';
import type { FolderPool, YamlAnswer, YamlJob } from './folder-pool.ts';
import type { ContentSnapshot } from './types.ts';
import {
  caseNameProblem, checkCase, checkPractitioner, practitionerNameProblem, readCase, readPractitioner, snapshotBuilder, subfolders,
  yieldToEventLoop, type CaseFolder, type CaseRead, type PractitionerRead, type ReadOptions,
} from './read-portfolios.ts';

/** Files per message to a worker: ~10 ms of its work, a few ms of validation here. */
const batchSize = 200;

/** Options of the parallel read. */
export interface ParallelReadOptions extends ReadOptions {
  /** Parsed case folders from an earlier start: a folder with the same stamp is not parsed again. */
  cache?: ParseCache;
}

/** A file for the workers, and what to do here with their answer. */
type Job = YamlJob & { settle: (answer: YamlAnswer) => Promise<void> | void };

/**
 * Sends `jobs` to the pool in batches and settles each answer here, in order. Only a few batches
 * are asked for ahead of the one being settled (answers hold the files' text: ~150 MB at 100k
 * cases if the workers ran ahead), and each batch is settled in a task of its own, so requests
 * are answered between two batches, not after the whole read.
 */
async function settleInOrder(pool: FolderPool, jobs: readonly Job[]): Promise<void> {
  const batches: Job[][] = [];
  for (let at = 0; at < jobs.length; at += batchSize) batches.push(jobs.slice(at, at + batchSize));
  const asked: Promise<YamlAnswer[]>[] = [];
  const ask = () => {
    const batch = batches[asked.length];
    if (batch) asked.push(pool.read(batch.map(({ file, withFiles, known }) => ({ file, withFiles, known }))));
  };
  for (let i = 0; i <= pool.size * 2; i++) ask();
  for (const [b, batch] of batches.entries()) {
    const answers = await asked[b]!;
    ask();
    await yieldToEventLoop();
    for (const [i, job] of batch.entries()) await job.settle(answers[i]);
  }
}

/**
 * Reads every portfolio into the snapshot `readPortfolios` gives (same entries, order and
 * problems), with the YAML files read and parsed on the pool's worker threads while this thread
 * validates what comes back. At 100k cases the read then uses both cores of a 2-core machine
 * instead of one. A file a worker could not read is read here, which also words its problem.
 */
export async function readPortfoliosInParallel(portfoliosDir: string, pool: FolderPool, options: ParallelReadOptions = {}): Promise<ContentSnapshot> {
  const { snapshot, reject, addCases } = snapshotBuilder(portfoliosDir, options);
  const { cache } = options;
  const known = cache?.stamps() ?? new Map<string, string>();
  const portfolios = subfolders(portfoliosDir).map((slug) => ({ slug, ids: subfolders(path.join(portfoliosDir, slug, 'cases')) }));
  const practitioners: PractitionerRead[] = new Array(portfolios.length);
  const cases: CaseRead[][] = portfolios.map(({ ids }) => new Array<CaseRead>(ids.length));

  const jobs: Job[] = [];
  for (const [p, { slug }] of portfolios.entries()) {
    const badName = practitionerNameProblem(portfoliosDir, slug, options);
    if (badName) practitioners[p] = { problems: [badName] };
    else {
      jobs.push({
        file: path.join(portfoliosDir, slug, 'practitioner.yaml'),
        settle: async (answer) => {
          practitioners[p] = answer?.json === undefined ? await readPractitioner(portfoliosDir, slug, options)
            : checkPractitioner(portfoliosDir, slug, (JSON.parse(answer.json) as CaseFolder).raw, options);
        },
      });
    }
  }
  for (const [p, { slug, ids }] of portfolios.entries()) {
    for (const [i, id] of ids.entries()) {
      const badName = caseNameProblem(portfoliosDir, slug, id, options);
      if (badName) {
        cases[p]![i] = { kase: undefined, problems: [badName] };
        continue;
      }
      const key = `${slug}/cases/${id}`;
      jobs.push({
        file: path.join(portfoliosDir, key, 'case.yaml'),
        withFiles: true,
        known: known.get(key),
        settle: async (answer) => {
          // Unchanged since the cache recorded it, parsed by a worker just now, or read here.
          let json = answer?.json;
          if (answer && json === undefined) json = cache?.get(key, answer.stamp);
          else if (answer && json !== undefined) cache?.put(key, answer.stamp, json);
          cases[p]![i] = json === undefined ? await readCase(portfoliosDir, slug, id, options) : checkCase(portfoliosDir, slug, id, JSON.parse(json) as CaseFolder, options);
        },
      });
    }
  }
  await settleInOrder(pool, jobs);
  void cache?.flush();

  portfolios.forEach(({ slug, ids }, p) => {
    const { practitioner, problems } = practitioners[p]!;
    if (!practitioner) return reject(problems);
    snapshot.practitioners.set(slug, practitioner);
    addCases(slug, ids, cases[p]!);
  });
  return snapshot;
}
