/**
 * glibc keeps freed decode buffers in per-thread arenas; with these two settings (read only at
 * process start) ten concurrent 24 MP uploads peak at ~340 MB RSS instead of ~450 MB
 * (npm run bench:ingest). Ignored on other C libraries. `npm start` and bench:scale set them.
 */
export const allocatorEnv = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' } as const;
