import type { APIRoute } from 'astro';
import { readBuiltAsset } from './static-assets.ts';

/** One built JS or CSS file, immutable (its name is its hash), kept compressed by the route cache. */
export const GET: APIRoute = async (context) => {
  const asset = await readBuiltAsset(context.params.file ?? '');
  if (!asset) {
    context.cache.set(false);
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  // A year in the route cache: the file behind a hashed name never changes until the next build.
  context.cache.set({ maxAge: 31_536_000, tags: ['assets'] });
  return new Response(asset.body as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable' },
  });
};
