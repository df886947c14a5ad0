import type { UploadDecision, UploadDeps } from '../storage/upload-deps.ts';
import type { Actor } from './context.ts';
import { isSubmissionError } from './errors.ts';
import type { SubmissionService } from './service.ts';

/**
 * The UploadThing route's callbacks, built on the submission service: `authorize` applies the
 * same rule as local uploads (a practitioner adding to their own draft, with room left) before a
 * presigned URL is handed out; `onOriginalStored` ingests and records the stored original, or
 * deletes it and throws the refusal (`{code, message}`) for the browser.
 */
export function createUploadCallbacks(
  service: Pick<SubmissionService, 'checkUpload' | 'recordOriginal'>,
  userOf: (request: Request) => Actor | undefined,
): UploadDeps {
  return {
    async authorize(request, input): Promise<UploadDecision> {
      const user = userOf(request);
      if (!user) return { ok: false, reason: 'unauthenticated', message: 'Sign in first, then upload the photo again.' };
      try {
        service.checkUpload(user, input.submissionId);
        return { ok: true, ownerId: String(user.id) };
      } catch (error) {
        if (!isSubmissionError(error)) throw error;
        return { ok: false, reason: error.status === 404 ? 'not-found' : 'forbidden', message: error.message };
      }
    },
    async onOriginalStored(event) {
      const summary = await service.recordOriginal({
        ownerUserId: Number(event.ownerId),
        submissionId: event.input.submissionId,
        key: event.key,
        fields: {
          view: event.input.view,
          ...(event.input.capturedAt ? { capturedAt: event.input.capturedAt } : {}),
          ...(event.input.claimedStage ? { claimedStage: event.input.claimedStage } : {}),
        },
      });
      return { ...summary };
    },
  };
}

/** One cookie's value from a `Cookie` header (the route gets a bare Request, not Astro's cookies). */
export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim()) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
