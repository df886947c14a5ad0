import { stringify } from 'yaml';
import type { StoredConsent, SubmissionRecord } from '../db/submissions.ts';
import type { SubmissionPhotoRecord } from '../db/submission-photos.ts';
import type { PhotoEvidenceData } from '../content/schema.ts';
import type { Treatment, View } from '../content/vocabulary.ts';
import type { PhotoEvidence } from '../evidence/index.ts';
import { daysBetween, sortedSessions, stageOf, touchUpBefore } from '../trust/index.ts';

/** What `case.yaml` holds, as plain data (dates as `YYYY-MM-DD` text; caseSchema coerces them). */
export interface CaseYaml {
  treatment: Treatment;
  profile: SubmissionRecord['profile'];
  sessions: string[];
  photos: CaseYamlPhoto[];
  consent: { recordedAt: string; faceVisible: boolean; expiresAt?: string };
  notes: string;
  publishedAt: string;
  /** The day the client confirmed the case through their link, when they did before it was published. */
  clientConfirmation?: { confirmedAt: string };
}

/** One photo entry of `case.yaml`, with the master it is copied from. */
export interface CaseYamlPhoto {
  file: string;
  view: View;
  capturedAt: string;
  evidence: PhotoEvidenceData;
  alt: string;
  sha256: string;
  fingerprint?: string;
  claimedStage?: SubmissionPhotoRecord['claimedStage'] & string;
  /** Present (`client`) for a photo the client sent through their link. */
  addedBy?: 'client';
}

/** Short words for treatments in case ids (ids are URLs: short and readable). */
const treatmentShort: Record<Treatment, string> = {
  'male-pattern-baldness': 'mpb',
  'female-hair-loss': 'fhl',
  'post-transplant-density': 'density',
  'scar-correction': 'scar',
  'alopecia-areata': 'alopecia',
};

const viewLabels: Record<View, string> = {
  hairline: 'Hairline', top: 'Top', crown: 'Crown', left: 'Left side', right: 'Right side', donor: 'Donor area', scar: 'Scar', other: 'Scalp',
};

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/**
 * The case folder name of a submission: `<slug>-<treatment>-<8 id characters>`, URL-safe and the
 * same every time for the same submission. When `taken` says another case already uses it (ids are
 * base64url, so lowercasing can collide), more of the submission id is used.
 */
export function caseIdFor(submission: Pick<SubmissionRecord, 'id' | 'practitionerSlug' | 'treatment'>, taken: (id: string) => boolean = () => false): string {
  const tail = submission.id.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (let length = 8; length <= tail.length; length++) {
    const id = `${submission.practitionerSlug}-${treatmentShort[submission.treatment]}-${tail.slice(0, length)}`;
    if (!taken(id)) return id;
  }
  throw new Error(`no free case id for submission ${submission.id}: every candidate is taken`);
}

/** Alt text from the view and the days to or from the sessions, e.g. "Hairline, 120 days after the last session". */
export function altText(view: View, capturedAt: string, sessions: readonly string[], touchUps: readonly string[] = []): string {
  const ordered = sortedSessions(sessions.map(day));
  const at = day(capturedAt);
  const label = viewLabels[view];
  const touchUp = touchUpBefore(at, ordered, touchUps.map(day));
  if (touchUp) {
    const since = daysBetween(touchUp, at);
    return since === 0 ? `${label}, on the day of a touch-up session` : `${label}, ${plural(since)} after a touch-up session`;
  }
  const first = ordered[0]!;
  const last = ordered.at(-1)!;
  if (daysBetween(first, at) < 0) return `${label}, ${plural(daysBetween(at, first))} before the first session`;
  const sinceLast = daysBetween(last, at);
  if (sinceLast === 0) return `${label}, on the day of the last session`;
  if (sinceLast > 0) return `${label}, ${plural(sinceLast)} after the last session`;
  return `${label}, between sessions, ${plural(daysBetween(first, at))} after the first session`;
}

/**
 * The `case.yaml` of an approved submission. Pure. Photos are ordered by date (then upload) and
 * named `<view>-<n>.jpg`; a claimed stage is kept only when the dates agree with it (what
 * `npm run check` demands); the consent's `attested` stays in the database.
 */
export function caseYamlFor(submission: SubmissionRecord, photos: readonly SubmissionPhotoRecord[], publishedOn: string, confirmedOn?: string): CaseYaml {
  if (!submission.consent) throw new Error(`submission ${submission.id} has no consent: it cannot be published`);
  const sessions = [...submission.sessions].sort();
  const entries = photoEntries(photos, sessions, [], new Set());
  return {
    treatment: submission.treatment,
    profile: { ...submission.profile },
    sessions,
    photos: entries,
    consent: consentFor(submission.consent),
    notes: submission.notes.trim(),
    publishedAt: publishedOn,
    ...(confirmedOn ? { clientConfirmation: { confirmedAt: confirmedOn } } : {}),
  };
}

/**
 * Photo entries of `case.yaml` for submitted photos: ordered by date (then upload), named
 * `<view>-<n>.jpg` with the first numbers no name in `taken` uses, alt text from the dates, a
 * claimed stage kept only when the dates agree with it, and a client's photo marked as theirs.
 */
export function photoEntries(photos: readonly SubmissionPhotoRecord[], sessions: readonly string[], touchUps: readonly string[], taken: ReadonlySet<string>): CaseYamlPhoto[] {
  const sessionDates = sessions.map(day);
  const touchUpDates = touchUps.map(day);
  const ordered = [...photos].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id));
  const used = new Set(taken);
  const perView = new Map<View, number>();
  return ordered.map((photo): CaseYamlPhoto => {
    let n = perView.get(photo.view) ?? 0;
    do n++; while (used.has(`${photo.view}-${n}.jpg`));
    perView.set(photo.view, n);
    used.add(`${photo.view}-${n}.jpg`);
    const entry: CaseYamlPhoto = {
      file: `${photo.view}-${n}.jpg`,
      view: photo.view,
      capturedAt: photo.capturedAt,
      evidence: publishedEvidence(photo.evidence),
      alt: altText(photo.view, photo.capturedAt, sessions, touchUps),
      sha256: photo.masterSha256,
      ...(photo.fingerprint ? { fingerprint: photo.fingerprint } : {}),
    };
    if (photo.claimedStage && photo.claimedStage === stageOf(day(photo.capturedAt), sessionDates, touchUpDates)) entry.claimedStage = photo.claimedStage;
    if (photo.addedBy === 'client') entry.addedBy = 'client';
    return entry;
  });
}

/** What a public page may say of a photo's evidence: the level and names, not the moderators' reasons. */
function publishedEvidence({ level, signer, tool, ai }: PhotoEvidence): PhotoEvidenceData {
  return { level, ...(signer ? { signer } : {}), ...(tool ? { tool } : {}), ...(ai ? { ai } : {}) };
}

function consentFor(consent: StoredConsent): CaseYaml['consent'] {
  return { recordedAt: consent.recordedAt, faceVisible: consent.faceVisible, ...(consent.expiresAt ? { expiresAt: consent.expiresAt } : {}) };
}

/** The file text of a `case.yaml`: deterministic for the same data, so a resumed publish writes the same bytes. */
export function caseYamlText(data: CaseYaml): string {
  return `# Published by Healed from an approved submission.\n${stringify(data, { lineWidth: 0 })}`;
}
