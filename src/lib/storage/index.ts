/**
 * Public face of the storage capability: private originals behind one port, on local disk or on
 * UploadThing. Only this folder touches the originals folder or talks to UploadThing.
 */
export type { OriginalMeta, OriginalSource, OriginalStorage, PutOriginalOptions, StoredOriginal } from './types.ts';
export { InvalidStorageKeyError, OriginalNotFoundError, StorageLimitError } from './types.ts';
export { createStorage } from './factory.ts';
export { assertPrivateDir, createLocalDiskStorage, type LocalDiskStorageOptions } from './local-disk.ts';
// The UploadThing driver and route handler are imported from their own modules
// (`uploadthing-storage.ts`, `uploadthing.ts`): their SDK loads only where UploadThing is used.
export { maxOriginalBytes, uploadInputSchema, type UploadInput } from './upload-input.ts';
export { getUploadDeps, setUploadDeps, type StoredOriginalEvent, type UploadDecision, type UploadDeps, type UploadResultData } from './upload-deps.ts';
export { collectWithLimit, consumeWithLimit } from './stream-limit.ts';
export { createMasterStore, InvalidMasterKeyError, previewContentType, type MasterStore, type MasterStoreOptions } from './masters.ts';
export { receiveOriginal, type ReceivedOriginal } from './receive-original.ts';
