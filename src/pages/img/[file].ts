import type { APIRoute } from 'astro';
import { parseVariantFileName } from '../../lib/images/index.ts';
import { variantStore } from '../../lib/images/server.ts';
import { cacheTags, tagHeader } from '../../lib/cache/index.ts';

// Variants are made at publish time, after the build: they must be served on demand. Not in
// routeRules either, so the route cache never holds image bytes (the CDN/browser cache does).
export const prerender = false;

/** Serves one image variant by its content-addressed file name, and nothing else. */
export const GET: APIRoute = async ({ params }) => {
  const file = params.file ?? '';
  const name = parseVariantFileName(file);
  const variant = name ? await variantStore.read(file) : undefined;
  if (!name || !variant) return notFound();
  return new Response(variant.body, {
    status: 200,
    headers: {
      'Content-Type': variant.contentType,
      // The name is the content's hash: the bytes behind a URL can never change. A shared cache
      // keeps it as long, until a withdrawal deletes the photo and purges its tag.
      'Cache-Control': 'public, max-age=31536000, s-maxage=31536000, immutable',
      [tagHeader]: cacheTags.photo(name.sha256),
      'X-Content-Type-Options': 'nosniff',
    },
  });
};

function notFound(): Response {
  const body = { error: { code: 'not-found', message: 'No such image variant: the photo may have been withdrawn or not prepared yet.' } };
  return Response.json(body, { status: 404, headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
}
