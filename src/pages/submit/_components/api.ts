/**
 * The island's calls to the submissions API. Same-origin requests from the page, so the
 * middleware's origin check passes and the session cookie goes along. Photos go up with
 * XMLHttpRequest because fetch cannot report upload progress.
 */
import type { Stage, View } from '../../../lib/content/vocabulary.ts';
import { draftFromApi, flagsOf, uploadedPhotoFromApi } from './draft-shape.ts';
import type { ApiError, Draft, Flag, UploadedPhoto } from './types.ts';

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError };

const offline: ApiError = { code: 'network', message: 'Healed could not be reached. Check your connection and try again.' };

/** The `{ error }` of a body, or a generic one naming the status. */
export function apiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error.message === 'string') {
    const problems = Array.isArray(error.problems)
      ? error.problems.filter((p): p is { field: string; message: string } => typeof p?.field === 'string' && typeof p?.message === 'string')
      : [];
    return {
      code: String(error.code ?? 'error'),
      message: error.message,
      ...(typeof error.field === 'string' && { field: error.field }),
      ...(typeof error.hint === 'string' && { hint: error.hint }),
      ...(problems.length > 0 && { problems }),
    };
  }
  if (status === 401) return { code: 'unauthenticated', message: 'Your session has ended: sign in again, then come back to this page.' };
  return { code: 'http-' + status, message: `The server answered ${status}. Try again in a moment.` };
}

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown } | null> {
  try {
    const response = await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch {
    return null;
  }
}

const base = (id: string) => `/api/submissions/${encodeURIComponent(id)}`;

/** `POST /api/submissions` → the new draft's id. */
export async function createDraft(body: unknown): Promise<Answer<string>> {
  const answer = await call('POST', '/api/submissions', body);
  if (!answer) return { ok: false, status: 0, error: offline };
  const id = (answer.body as { id?: unknown } | null)?.id;
  if (answer.status === 201 && (typeof id === 'string' || typeof id === 'number')) return { ok: true, value: String(id) };
  return { ok: false, status: answer.status, error: apiError(answer.status, answer.body) };
}

/** `PATCH /api/submissions/:id` with some of the create fields → the draft as it now is (if the answer carries it). */
export async function patchDraft(id: string, body: unknown): Promise<Answer<Draft | null>> {
  const answer = await call('PATCH', base(id), body);
  if (!answer) return { ok: false, status: 0, error: offline };
  if (answer.status === 200 || answer.status === 204) return { ok: true, value: draftFromApi(answer.body) };
  return { ok: false, status: answer.status, error: apiError(answer.status, answer.body) };
}

/** `GET /api/submissions/:id` → the draft, normalized. */
export async function fetchDraft(id: string): Promise<Answer<Draft>> {
  const answer = await call('GET', base(id));
  if (!answer) return { ok: false, status: 0, error: offline };
  const draft = answer.status === 200 ? draftFromApi(answer.body) : null;
  if (draft) return { ok: true, value: draft };
  if (answer.status === 404) return { ok: false, status: 404, error: { code: 'not-found', message: 'This draft does not exist or is not yours: start a new case below.' } };
  return { ok: false, status: answer.status, error: apiError(answer.status, answer.body) };
}

/** `POST /api/submissions/:id/submit` → the new status and the automatic checks' flags. */
export async function submitDraft(id: string): Promise<Answer<{ status: string; flags: Flag[] }>> {
  const answer = await call('POST', `${base(id)}/submit`);
  if (!answer) return { ok: false, status: 0, error: offline };
  const body = answer.body as { status?: unknown; flags?: unknown } | null;
  if (answer.status === 200 && typeof body?.status === 'string') return { ok: true, value: { status: body.status, flags: flagsOf(body.flags) } };
  return { ok: false, status: answer.status, error: apiError(answer.status, answer.body) };
}

/** `DELETE /api/submissions/:id/photos/:photoId`; a photo already gone counts as deleted. */
export async function deletePhoto(id: string, photoId: string): Promise<Answer<null>> {
  const answer = await call('DELETE', `${base(id)}/photos/${encodeURIComponent(photoId)}`);
  if (!answer) return { ok: false, status: 0, error: offline };
  if (answer.status < 300 || answer.status === 404) return { ok: true, value: null };
  return { ok: false, status: answer.status, error: apiError(answer.status, answer.body) };
}

/** URL of a photo's private thumbnail. */
export function previewUrl(id: string, photoId: string): string {
  return `${base(id)}/photos/${encodeURIComponent(photoId)}/preview`;
}

/** True when a refusal asks for the capture date the file does not carry. */
export function asksForCaptureDate(status: number, error: ApiError): boolean {
  return status === 400 && (error.field === 'capturedAt' || /captur/i.test(error.code) || /capturedAt|capture date/i.test(error.message));
}

/** A photo upload's answer: `201` with the photo, or the refusal (UploadThing mode answers alike). */
export function photoAnswer(status: number, body: unknown): Answer<UploadedPhoto> {
  const photo = status === 201 ? uploadedPhotoFromApi(body) : null;
  return photo ? { ok: true, value: photo } : { ok: false, status, error: apiError(status, body) };
}

/** Callbacks of one upload. */
export interface UploadEvents {
  /** Bytes sent so far (of total). */
  progress(loaded: number, total: number): void;
  /** Every byte is sent; the server is checking the photo. */
  sent(): void;
}

/**
 * `POST /api/submissions/:id/photos` as multipart. The small fields go before the file so a
 * streaming parser knows the view and date before the bytes arrive.
 */
export function uploadPhoto(id: string, file: File, fields: { view: View; claimedStage?: Stage | ''; capturedAt?: string }, events: UploadEvents): Promise<Answer<UploadedPhoto>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base(id)}/photos`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => events.progress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => events.sent();
    xhr.onerror = () => resolve({ ok: false, status: 0, error: { code: 'network', message: 'The upload was interrupted. Check your connection and try again.' } });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      resolve(photoAnswer(xhr.status, body));
    };
    const form = new FormData();
    form.append('view', fields.view);
    if (fields.claimedStage) form.append('claimedStage', fields.claimedStage);
    if (fields.capturedAt) form.append('capturedAt', fields.capturedAt);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
