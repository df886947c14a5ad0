import { createKeyedLock } from '../submissions/keyed-lock.ts';

/**
 * One change to a live case folder at a time in this process, keyed by case id: a follow-up's
 * append, a client's confirmation and a hold all read `case.yaml`, change it and write it back,
 * and two of them interleaved would lose one change.
 */
export const caseFolderLock = createKeyedLock();
