/** File-system helpers shared by the capabilities that write files (images, storage, publishing, moderation). */
export { writeAtomic, writeFileAtomic, type AtomicWriteOptions } from './atomic-write.ts';
