import { HttpError, type UploadBody } from '../http/index.ts';
import { StorageLimitError, type OriginalStorage, type StoredOriginal } from './types.ts';
import { maxOriginalBytes } from './upload-input.ts';

/** An upload's file, stored privately, and the text fields that came with it. */
export interface ReceivedOriginal {
  /** Storage key of the untouched file. */
  key: string;
  /** The text fields as sent (the caller validates them). */
  fields: Record<string, string>;
}

interface ReceiveOptions {
  ownerId: string;
  fieldNames: readonly string[];
  what: string;
}

/** Streams the `file` part (if any) into storage under the original size limit. */
async function receive(upload: UploadBody, storage: OriginalStorage, options: ReceiveOptions): Promise<{ file?: StoredOriginal; fields: Record<string, string> }> {
  try {
    return await upload(
      {
        field: 'file',
        store: (source, meta) => storage.putOriginal(source, { ownerId: options.ownerId, ...meta }, { maxBytes: maxOriginalBytes }),
        remove: (stored) => storage.deleteOriginal(stored.key).catch((error) => console.error(`[storage] could not delete original ${stored.key}:`, error)),
      },
      options.fieldNames,
    );
  } catch (error) {
    if (error instanceof StorageLimitError || (error as Error).name === 'StorageLimitError') throw new HttpError(413, 'file-too-large', (error as Error).message, { field: 'file' });
    throw error;
  }
}

/**
 * Streams an upload's `file` part into private storage under the original size limit, with the
 * text fields `fieldNames` beside it. Past the limit: 413 `file-too-large`; no file part: 400
 * `file-required` naming `what` (a photo, a certificate). A refused upload leaves nothing stored.
 */
export async function receiveOriginal(upload: UploadBody, storage: OriginalStorage, options: ReceiveOptions): Promise<ReceivedOriginal> {
  const received = await receive(upload, storage, options);
  if (!received.file) throw new HttpError(400, 'file-required', `Attach ${options.what} as the "file" part of a multipart/form-data body.`, { field: 'file' });
  return { key: received.file.key, fields: received.fields };
}

/**
 * `receiveOriginal` for a form whose file is optional: no file part, or an empty one (what a
 * browser sends for a file input left empty), gives no key and stores nothing.
 */
export async function receiveOptionalOriginal(upload: UploadBody, storage: OriginalStorage, options: ReceiveOptions): Promise<{ key?: string; fields: Record<string, string> }> {
  const received = await receive(upload, storage, options);
  if (received.file && received.file.size === 0) {
    await storage.deleteOriginal(received.file.key).catch((error) => console.error(`[storage] could not delete empty original ${received.file!.key}:`, error));
    return { fields: received.fields };
  }
  return received.file ? { key: received.file.key, fields: received.fields } : { fields: received.fields };
}
