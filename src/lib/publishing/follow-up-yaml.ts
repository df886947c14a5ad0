import type { SubmissionPhotoRecord } from '../db/submission-photos.ts';
import type { SubmissionRecord } from '../db/submissions.ts';
import { caseYamlText, photoEntries } from './case-yaml.ts';

/** A live case's `case.yaml` as plain data: what it holds is kept as written, fields we do not know included. */
export type CaseYamlData = Record<string, unknown> & { photos?: unknown; sessions?: unknown; touchUps?: unknown };

const text = (value: unknown) => (typeof value === 'string' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/**
 * A live case with a follow-up appended: its new photos after the ones it has (named so no file
 * name is reused), its touch-up added to `touchUps`. Pure, and idempotent: a photo the case
 * already holds (same master SHA-256) and a touch-up it already lists are not added again, so a
 * publish resumed after a crash computes the same file from whatever the folder holds by then.
 */
export function appendFollowUp(current: CaseYamlData, followUp: Pick<SubmissionRecord, 'touchUp'>, photos: readonly SubmissionPhotoRecord[]): CaseYamlData {
  const existing = Array.isArray(current.photos) ? (current.photos as Array<Record<string, unknown>>) : [];
  const held = new Set(existing.map((p) => p.sha256));
  const sessions = (Array.isArray(current.sessions) ? current.sessions : []).map(text).sort();
  const touchUps = [...new Set([...(Array.isArray(current.touchUps) ? current.touchUps.map(text) : []), ...(followUp.touchUp ? [followUp.touchUp] : [])])].sort();
  const added = photoEntries(photos.filter((p) => !held.has(p.masterSha256)), sessions, touchUps, new Set(existing.map((p) => text(p.file))));
  // The file's own key order, with touchUps right after sessions, as a person reads a case.
  const result: CaseYamlData = {};
  for (const [key, value] of Object.entries(current)) {
    if (key === 'touchUps') continue;
    result[key] = key === 'photos' ? [...existing, ...added] : value;
    if (key === 'sessions' && touchUps.length) result.touchUps = touchUps;
  }
  return result;
}

/** The case with the client's confirmation day set (kept when it is already set: the first confirmation stands). */
export function withClientConfirmation(current: CaseYamlData, confirmedOn: string): CaseYamlData {
  if (current.clientConfirmation) return current;
  return { ...current, clientConfirmation: { confirmedAt: confirmedOn } };
}

/** The file text of an updated `case.yaml` (the publishing header, deterministic for the same data). */
export const updatedCaseYamlText = (data: CaseYamlData) => caseYamlText(data as never);
