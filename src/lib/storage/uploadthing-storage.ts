import { UTApi, UTFile } from 'uploadthing/server';
import { collectWithLimit, consumeWithLimit } from './stream-limit.ts';
import { maxOriginalBytes } from './upload-input.ts';
import { isUploadThingKey as isKey } from './uploadthing-key.ts';
import {
  InvalidStorageKeyError, OriginalNotFoundError, type OriginalMeta, type OriginalSource, type OriginalStorage, type PutOriginalOptions, type StoredOriginal,
} from './types.ts';

/** Options of `createUploadThingStorage`. */
export interface UploadThingStorageOptions {
  /** UPLOADTHING_TOKEN: base64 JSON `{ apiKey, appId, regions }`. */
  token: string;
  /** Largest original `readOriginal` will fetch (default `maxOriginalBytes`). */
  readMaxBytes?: number;
  /** How long the signed URLs used for reads stay valid, in seconds (default 300). */
  signedUrlSeconds?: number;
}

/**
 * Originals on UploadThing. In production the browser uploads straight to UploadThing through the
 * file router (`uploadthing.ts`); this driver serves the server-side operations: reading an
 * original for ingest through a short-lived signed URL, deleting it on withdrawal, and uploading
 * from the server when a file arrives through the local-style endpoint. The UploadThing app must
 * keep files private (dashboard: ACL private), since originals may carry GPS.
 */
export function createUploadThingStorage(options: UploadThingStorageOptions): OriginalStorage {
  // Fetch is looked up on each call so an HTTP stub (tests) or an instrumented fetch applies.
  const utapi = new UTApi({ token: options.token, fetch: (input, init) => globalThis.fetch(input, init as RequestInit), logLevel: 'Error' });
  const readMaxBytes = options.readMaxBytes ?? maxOriginalBytes;
  const checked = (key: string) => {
    if (!isKey(key)) throw new InvalidStorageKeyError(key, 'UploadThing');
    return key;
  };
  const signedUrl = async (key: string) => (await utapi.generateSignedURL(checked(key), { expiresIn: options.signedUrlSeconds ?? 300 })).ufsUrl;

  async function putOriginal(source: OriginalSource, meta: OriginalMeta, { maxBytes }: PutOriginalOptions): Promise<StoredOriginal> {
    // UploadThing takes whole files: collect under the limit first, so an oversized body is cut off
    // before anything is sent and nothing is left on UploadThing.
    const { bytes, size, sha256 } = await collectWithLimit(source, maxBytes);
    const file = new UTFile([bytes], safeName(meta.name), { type: meta.contentType || 'application/octet-stream' });
    const result = await utapi.uploadFiles(file);
    if (result.error || !result.data) {
      throw new Error(`UploadThing refused the original (${result.error?.code ?? 'no data'}): ${result.error?.message ?? 'no answer'}; try again, and check UPLOADTHING_TOKEN if it persists.`, { cause: result.error });
    }
    return { key: result.data.key, size, sha256 };
  }

  async function readOriginal(key: string): Promise<Uint8Array> {
    const response = await fetchFile(await signedUrl(key), 'GET');
    if (response.status === 404) throw new OriginalNotFoundError(key);
    if (!response.ok || !response.body) throw new Error(`UploadThing answered ${response.status} for original ${key}; try again later.`);
    const chunks: Uint8Array[] = [];
    const { size } = await consumeWithLimit(response.body, readMaxBytes, (chunk) => void chunks.push(chunk));
    return Buffer.concat(chunks, size);
  }

  async function deleteOriginal(key: string): Promise<void> {
    await utapi.deleteFiles(checked(key));
  }

  async function exists(key: string): Promise<boolean> {
    const response = await fetchFile(await signedUrl(key), 'HEAD');
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`UploadThing answered ${response.status} for original ${key}; try again later.`);
    return true;
  }

  return { driver: 'uploadthing', putOriginal, readOriginal, deleteOriginal, exists, isKey };
}

async function fetchFile(url: string, method: 'GET' | 'HEAD'): Promise<Response> {
  try {
    return await globalThis.fetch(url, { method, redirect: 'follow' });
  } catch (error) {
    throw new Error(`Cannot reach UploadThing to ${method === 'GET' ? 'read' : 'look up'} an original: check the network, then try again.`, { cause: error });
  }
}

/** A harmless display name: the browser's name minus anything path-like, or `original`. */
function safeName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop()?.replace(/[^\w. -]/g, '_').slice(0, 100);
  return base && base !== '.' && base !== '..' ? base : 'original';
}
