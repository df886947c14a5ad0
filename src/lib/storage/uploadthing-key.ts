// UploadThing's v7 keys are sqids (letters and digits); allow `-` and `_` for custom ids, nothing
// that could change the URL they are put into (no `/`, `?`, `#`, `%`, `.`).
const uploadThingKey = /^[A-Za-z0-9_-]{8,128}$/;

/** Whether `key` has the shape of an UploadThing key (checked before any URL is built). */
export const isUploadThingKey = (key: string): boolean => uploadThingKey.test(key);
