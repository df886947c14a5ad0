/** The shared HTTP cache in front of the app instances (Varnish, a CDN): it drops pages by tag. */
export interface SharedCachePurge {
  /** `varnish-xkey`, or `none` when no shared cache is configured. */
  readonly name: string;
  /** Drops every stored answer carrying any of these tags; rejects when the cache did not confirm. */
  purge(tags: readonly string[]): Promise<void>;
}

/** Thrown when the shared cache could not be purged (unreachable, or it refused). */
export class PurgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PurgeError';
  }
}
