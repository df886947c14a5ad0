import { randomBytes } from 'node:crypto';

/** 128 random bits, base64url (22 characters): unguessable, and safe in URLs and file names. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** A photo id: same shape as a submission id. */
export const newPhotoId = newId;
