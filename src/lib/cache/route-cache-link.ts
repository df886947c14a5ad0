/**
 * Joins the route-cache provider (created by Astro at the first request, in the server bundle) and
 * the server's invalidation feed (created by server code), without either importing the other:
 * the provider attaches its memory here, the server attaches its recorder.
 */
type Invalidate = (options: { tags: string[] }) => Promise<void>;

let local: Invalidate | undefined;
let recorder: ((tags: string[]) => Promise<unknown>) | undefined;

export const routeCacheLink = {
  /** The provider's own memory cache (this instance only). */
  attachLocal(invalidate: Invalidate): void {
    local = invalidate;
  },
  /** Drops tags from this instance's route cache (nothing before the first request created it). */
  async invalidateLocal(options: { tags: string[] }): Promise<void> {
    await local?.(options);
  },
  /** The server's feed: records tags for the other instances and the shared cache. */
  attachRecorder(record: (tags: string[]) => Promise<unknown>): void {
    recorder = record;
  },
  /** Invalidates everywhere when a recorder is attached, else this instance only. */
  async invalidate(tags: string[]): Promise<void> {
    if (recorder) await recorder(tags);
    else await local?.({ tags });
  },
};
