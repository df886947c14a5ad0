import type { APIRoute } from 'astro';
import { content } from '../../lib/content/server.ts';
import { startup } from '../../lib/gallery/server.ts';

/** Liveness and content state: how many practitioners and cases are served, how many files were left out. */
export const GET: APIRoute = async (context) => {
  context.cache.set(false);
  const snap = await content.snapshot();
  return Response.json(
    {
      status: 'ok',
      content: { practitioners: snap.practitioners.size, cases: snap.cases.size, invalid: snap.invalidFiles },
      variants: startup.variants,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
};
