/**
 * Reads `GET /api/submissions/:id` into the island's forms, so a reload continues the draft.
 * Defensive on purpose: the body comes over the network, and a field the island cannot read
 * leaves its input empty rather than breaking the page.
 */
import { stages, treatments, views, type Stage, type Treatment, type View } from '../../../lib/content/vocabulary.ts';
import { evidenceLevels, type EvidenceLevel } from '../../../lib/evidence/index.ts';
import type { Draft, Flag, UploadedPhoto } from './types.ts';

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
/** A date or timestamp as the `YYYY-MM-DD` a date input takes. */
const day = (value: unknown): string => text(value).slice(0, 10);

function photoOf(value: unknown): Draft['photos'][number] | null {
  if (!isObject(value) || (typeof value.id !== 'string' && typeof value.id !== 'number')) return null;
  const view = views.includes(value.view as View) ? (value.view as View) : 'other';
  const stage = stages.includes(value.stage as Stage) ? (value.stage as Stage) : 'before';
  const name = text(value.originalName ?? value.fileName ?? value.name);
  const claimedStage = stages.includes(value.claimedStage as Stage) ? (value.claimedStage as Stage) : undefined;
  return {
    id: String(value.id),
    view,
    capturedAt: text(value.capturedAt),
    dateSource: value.dateSource === 'exif' || value.dateSource === 'signed' ? value.dateSource : 'declared',
    ...(evidenceOf(value.evidence) && { evidence: evidenceOf(value.evidence)! }),
    width: Number(value.width) || 0,
    height: Number(value.height) || 0,
    stage,
    ...(name && { name }),
    ...(claimedStage && { claimedStage }),
  };
}

/** Evidence as the API gives it; anything malformed reads as absent. */
function evidenceOf(value: unknown): UploadedPhoto['evidence'] {
  if (!isObject(value) || !evidenceLevels.includes(value.level as EvidenceLevel)) return undefined;
  const reasons = Array.isArray(value.reasons) ? value.reasons.filter((r): r is string => typeof r === 'string') : [];
  return {
    level: value.level as EvidenceLevel,
    reasons,
    ...(typeof value.signer === 'string' && { signer: value.signer }),
    ...(typeof value.tool === 'string' && { tool: value.tool }),
    ...(value.ai === true && { ai: true }),
  };
}

/** Flags as the API lists them; anything without a message is dropped. */
export function flagsOf(value: unknown): Flag[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((flag): Flag[] => {
    if (!isObject(flag) || typeof flag.message !== 'string') return [];
    const photoId = flag.photoId === undefined || flag.photoId === null ? undefined : String(flag.photoId);
    return [{ code: text(flag.code), message: flag.message, ...(photoId && { photoId }) }];
  });
}

/** The draft in the island's terms, or null when the body is not a submission. */
export function draftFromApi(body: unknown): Draft | null {
  // Accept both `{…submission}` and `{ submission: {…} }`.
  const root = isObject(body) && isObject(body.submission) ? body.submission : body;
  if (!isObject(root) || (typeof root.id !== 'string' && typeof root.id !== 'number')) return null;
  const profile = isObject(root.profile) ? root.profile : {};
  const consent = isObject(root.consent) ? root.consent : {};
  const treatment = treatments.includes(root.treatment as Treatment) ? (root.treatment as Treatment) : '';
  const sessions = Array.isArray(root.sessions) ? root.sessions.map(day).filter(Boolean) : [];
  return {
    id: String(root.id),
    status: text(root.status) || 'draft',
    details: {
      treatment,
      norwood: text(profile.norwood),
      ludwig: text(profile.ludwig),
      fitzpatrick: text(profile.fitzpatrick),
      scarType: text(profile.scarType),
      sessions: sessions.length ? sessions : [''],
      notes: text(root.notes),
    },
    consent: {
      recordedAt: day(consent.recordedAt),
      faceVisible: consent.faceVisible === true ? 'yes' : consent.faceVisible === false ? 'no' : '',
      expiresAt: day(consent.expiresAt),
      attested: consent.attested === true,
    },
    hasConsent: isObject(root.consent),
    photos: (Array.isArray(root.photos) ? root.photos : []).map(photoOf).filter((p) => p !== null),
    flags: flagsOf(root.flags),
    followUp: root.kind === 'follow-up' && typeof root.caseId === 'string' ? { caseId: root.caseId, touchUp: day(root.touchUp) || null } : null,
  };
}

/** A `201` photo answer, or null when it is not one. */
export function uploadedPhotoFromApi(body: unknown): UploadedPhoto | null {
  const root = isObject(body) && isObject(body.photo) ? body.photo : body;
  const photo = photoOf(root);
  if (!photo) return null;
  const { view: _view, name: _name, claimedStage: _claimed, ...uploaded } = photo;
  return uploaded;
}
