import type { APIRoute } from 'astro';
import { requireRole } from '../../../../../lib/accounts/index.ts';
import { isModerationError } from '../../../../../lib/moderation/errors.ts';
import { answer, isFormPost, json, readBody } from '../../../../../lib/moderation/http.ts';
import { credentials } from '../../../../../lib/moderation/server.ts';

/**
 * Verifies or rejects a credential: `{action: 'verify'|'reject', reason?}` → 200 `{status}`. The
 * admin page posts the same fields as a form and is sent back (303) with the outcome.
 */
export const POST: APIRoute = (context) =>
  answer(async () => {
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    const id = context.params.id ?? '';
    if (!isFormPost(context.request)) return json(await credentials().decide(user, id, await readBody(context.request), { cache: context.cache }));
    const back = new URL('/admin/credentials', context.url);
    try {
      back.searchParams.set('decided', (await credentials().decide(user, id, await readBody(context.request), { cache: context.cache })).status);
    } catch (error) {
      if (!isModerationError(error)) throw error;
      back.searchParams.set('error', error.code);
    }
    return new Response(null, { status: 303, headers: { Location: back.pathname + back.search, 'Cache-Control': 'no-store' } });
  });
