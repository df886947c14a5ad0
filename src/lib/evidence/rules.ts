import { editActions, editorNamed, isCaptureSource, isGenerativeSource } from './edit-tools.ts';
import type { C2paFindings, CredentialState, FileMetadata, PhotoEvidence } from './types.ts';

/** Everything the rule reads about one original. */
export interface EvidenceInput {
  c2pa: C2paFindings;
  metadata: FileMetadata;
  /** The EXIF capture day found by ingest (`YYYY-MM-DD`), when it was plausible. */
  exifCapturedDay?: string;
}

/**
 * How long after DateTimeOriginal a ModifyDate says the file was changed: phones write both within
 * seconds (HDR merging, a slow save); editors stamp the time of the edit. An hour leaves room for
 * the former and still catches the latter.
 */
export const modifiedAfterCaptureMinutes = 60;

/** Failure codes that mean the signature itself cannot be relied on. */
const signatureFailure = /^(claimSignature\.|signingCredential\.(invalid|revoked|expired)|timeStamp\.mismatch)/;
/** Failure codes that mean the pixels no longer match what was signed. */
const contentFailure = /^assertion\.(dataHash|boxesHash|bmffHash)\.mismatch$/;

/**
 * The evidence level of a photo and the reasons, from what its file carries. Pure. A tampered or
 * invalid credential never helps a photo; an edit recorded anywhere (even in a credential that
 * fails validation: nobody forges a confession of editing) makes it `edited`.
 */
export function decideEvidence({ c2pa, metadata, exifCapturedDay }: EvidenceInput): PhotoEvidence {
  const reasons: string[] = [];
  const edits: { reason: string; tool: string }[] = [];
  let credentials: CredentialState = 'none';
  let ai = false;
  let signer: string | undefined;
  let signed: { at: string; day: string } | undefined;

  if (c2pa.state === 'remote') {
    credentials = 'unreadable';
    reasons.push('Its Content Credentials are stored on a remote server, which Healed does not contact: they were not checked.');
  } else if (c2pa.state === 'unreadable') {
    credentials = 'unreadable';
    reasons.push(`Its Content Credentials could not be read (${c2pa.error}).`);
  } else if (c2pa.state === 'read') {
    signer = c2pa.signer ?? c2pa.issuer;
    const signatureBroken = c2pa.failures.some((code) => signatureFailure.test(code));
    const pixelsChanged = c2pa.failures.some((code) => contentFailure.test(code));
    // A changed picture under a sound signature is an edit (below), not a broken credential.
    credentials = signatureBroken ? 'invalid' : c2pa.signerTrusted ? 'trusted' : 'untrusted';
    if (signatureBroken) reasons.push(`The signature of its Content Credentials is invalid (${c2pa.failures.filter((c) => signatureFailure.test(c)).join(', ')}): they may have been tampered with.`);
    if (pixelsChanged) edits.push({ reason: 'The pixels were changed after its Content Credentials were signed.', tool: 'a change after signing' });
    if (credentials === 'untrusted') reasons.push(`Its Content Credentials are signed by ${signer ?? 'an unnamed signer'}, which is not on the trust list.`);
    for (const action of c2pa.actions) {
      if (isGenerativeSource(action.digitalSourceType)) ai = true;
      if (editActions.has(action.action)) {
        const named = action.softwareAgent ?? c2pa.generator;
        const tool = named ? editorNamed(named) ?? named : action.action;
        if (!edits.some((e) => e.reason.includes(action.action))) edits.push({ reason: `Its Content Credentials record the edit ${action.action}${tool !== action.action ? ` in ${tool}` : ''}.`, tool });
      }
    }
    const capture = c2pa.actions.find((a) => a.action === 'c2pa.created' && isCaptureSource(a.digitalSourceType));
    if (credentials === 'trusted' && !pixelsChanged && capture) signed = signedMoment(c2pa.timestamp, capture.when);
  }

  for (const software of metadata.software) {
    const editor = editorNamed(software);
    if (editor && !edits.some((e) => e.tool === editor)) edits.push({ reason: `Its metadata names ${editor} as the software that saved it ("${software.trim()}").`, tool: editor });
  }
  const modifiedAfter = minutesBetween(metadata.dateTimeOriginal, metadata.modifyDate);
  if (modifiedAfter !== undefined && modifiedAfter > modifiedAfterCaptureMinutes) {
    edits.push({ reason: `It was modified ${describeMinutes(modifiedAfter)} after it was taken (ModifyDate ${metadata.modifyDate}, DateTimeOriginal ${metadata.dateTimeOriginal}).`, tool: 'a later change' });
  }

  const extra = { credentials, ...(signer ? { signer } : {}) };
  if (ai || edits.length > 0) {
    const tool = edits.find((e) => !e.tool.startsWith('a '))?.tool ?? edits[0]?.tool;
    return { level: 'edited', reasons: [...(ai ? ['Its Content Credentials say generative AI made or changed the picture.'] : []), ...edits.map((e) => e.reason), ...reasons], ...extra, ...(tool ? { tool } : {}), ...(ai ? { ai: true } : {}) };
  }
  if (signed) {
    return { level: 'signed-capture', reasons: [`Signed at capture by ${signer ?? 'a trusted signer'} on ${signed.day}, with no edit recorded since.`, ...reasons], ...extra, signedAt: signed.at, signedDay: signed.day };
  }
  if (credentials === 'trusted') reasons.push('Its Content Credentials are valid but do not record a camera capture with a date.');
  if (exifCapturedDay) {
    return { level: 'camera-original', reasons: [`The camera's own metadata dates it ${exifCapturedDay}, and nothing in the file shows an edit.`, ...reasons], ...extra };
  }
  return { level: 'declared', reasons: ['The file carries no usable capture date: the date is the practitioner\'s word.', ...reasons], ...extra };
}

/**
 * The signed capture moment: the time-stamping authority's time when there is one (it does not
 * depend on the device clock), else the capture action's own time. The day is read on the
 * capture's clock when the action gives an offset, so it matches what the camera showed.
 */
export function signedMoment(timestamp: string | undefined, when: string | undefined): { at: string; day: string } | undefined {
  const whenTime = when ? Date.parse(when) : Number.NaN;
  const stampTime = timestamp ? Date.parse(timestamp) : Number.NaN;
  const at = Number.isFinite(stampTime) ? stampTime : whenTime;
  if (!Number.isFinite(at)) return undefined;
  const localDay = when && Number.isFinite(whenTime) && Math.abs(whenTime - at) <= 36 * 3_600_000 ? /^(\d{4}-\d{2}-\d{2})/.exec(when)?.[1] : undefined;
  return { at: new Date(at).toISOString(), day: localDay ?? new Date(at).toISOString().slice(0, 10) };
}

/** Minutes from one EXIF wall-clock time to another (both `YYYY:MM:DD HH:MM:SS`), if both parse. */
function minutesBetween(from: string | undefined, to: string | undefined): number | undefined {
  const parse = (value: string | undefined) => {
    const m = value && /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(value.trim());
    return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)) : undefined;
  };
  const a = parse(from), b = parse(to);
  return a === undefined || b === undefined ? undefined : (b - a) / 60_000;
}

function describeMinutes(minutes: number): string {
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} hours`;
  return `${Math.round(minutes / 1440)} days`;
}
