/**
 * How one photo travels, chosen by the server's storage mode: `local` posts multipart to
 * `/api/submissions/:id/photos` (api.ts); `uploadthing` asks `/api/uploadthing` for a presigned URL
 * and sends the file straight to UploadThing (uploadthing-uploader.ts). Both answer the same
 * `Answer<UploadedPhoto>`, so the photos step shows progress, refusals and results alike. The
 * UploadThing client is imported only in that mode: local mode's scripts do not carry it.
 */
import type { Stage, View } from '../../../lib/content/vocabulary.ts';
import { photoAnswer, uploadPhoto, type Answer, type UploadEvents } from './api.ts';
import type { UploadedPhoto } from './types.ts';
import type { UploadThingOptions, UploadThingSend } from './uploadthing-uploader.ts';

/** Where the server keeps originals (`config.storage.driver`), as submit.astro passes it. */
export type UploadMode = 'local' | 'uploadthing';

/** What goes with one photo: the draft it belongs to and the practitioner's choices. */
export interface PhotoFields {
  submissionId: string;
  view: View;
  /** '' (or absent): let the capture date decide. */
  claimedStage?: Stage | '';
  /** `YYYY-MM-DD`, for a file without a capture date. */
  capturedAt?: string;
}

/** The server's record of the photo, or why it was refused (`status` 0: never reached the server). */
export type PhotoResult = Answer<UploadedPhoto>;

/** Sends one photo; never rejects (every failure is a `PhotoResult`). */
export interface Uploader {
  upload(file: File, fields: PhotoFields, events: UploadEvents): Promise<PhotoResult>;
}

/** Multipart to `POST /api/submissions/:id/photos`, with XHR progress. */
export const localUploader: Uploader = {
  upload: (file, { submissionId, ...fields }, events) => uploadPhoto(submissionId, file, fields, events),
};

const interrupted = { code: 'network', message: 'The upload was interrupted. Check your connection and try again.' };

/** UploadThing: `send` takes the file to UploadThing and answers as the local endpoint would. */
export function uploadThingUploader(send: UploadThingSend): Uploader {
  return {
    async upload(file, { submissionId, view, claimedStage, capturedAt }, events) {
      let sent = false;
      const done = () => {
        if (!sent) events.sent();
        sent = true;
      };
      const input = { submissionId, view, ...(claimedStage ? { claimedStage } : {}), ...(capturedAt ? { capturedAt } : {}) };
      const { status, body } = await send(file, input, (loaded) => {
        // `loaded` counts the multipart body, a little more than the file itself.
        events.progress(Math.min(loaded, file.size), file.size);
        if (loaded >= file.size) done();
      });
      if (status === 0) return { ok: false, status, error: interrupted };
      done();
      return photoAnswer(status, body);
    },
  };
}

let uploadThing: Promise<Uploader> | undefined;

/** The uploader of a mode; the UploadThing one is loaded once, on first use (a separate chunk). */
export function loadUploader(mode: UploadMode, options?: UploadThingOptions): Promise<Uploader> {
  if (mode !== 'uploadthing') return Promise.resolve(localUploader);
  uploadThing ??= import('./uploadthing-uploader.ts').then(
    (module) => uploadThingUploader(module.createUploadThingSend(options)),
    (): Uploader => {
      // The chunk did not load (offline, or a deploy replaced it): this upload says so, the next one tries again.
      uploadThing = undefined;
      return { upload: async () => ({ ok: false, status: 0, error: { code: 'network', message: 'The uploader could not be loaded. Check your connection and try again.' } }) };
    },
  );
  return uploadThing;
}
