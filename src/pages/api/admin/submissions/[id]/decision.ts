import type { APIRoute } from 'astro';
import { requireRole } from '../../../../../lib/accounts/index.ts';
import { isModerationError } from '../../../../../lib/moderation/errors.ts';
import { answer, isFormPost, json, readBody } from '../../../../../lib/moderation/http.ts';
import { moderation } from '../../../../../lib/moderation/server.ts';

/**
 * Decides a pending submission: `{action: 'approve'|'reject'|'request-changes', reason?}` → 200
 * `{status}`. The review page posts the same fields as a form: it is sent back there (303) with
 * the outcome in the query, so the page works without JavaScript.
 */
export const POST: APIRoute = (context) =>
  answer(async () => {
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    const id = context.params.id ?? '';
    if (!isFormPost(context.request)) {
      return json(await moderation().decide(user, id, await readBody(context.request), { cache: context.cache }));
    }
    const back = new URL(`/admin/submissions/${encodeURIComponent(id)}`, context.url);
    try {
      const { status } = await moderation().decide(user, id, await readBody(context.request), { cache: context.cache });
      back.searchParams.set('decided', status);
    } catch (error) {
      if (!isModerationError(error)) throw error;
      back.searchParams.set('error', error.code);
    }
    return new Response(null, { status: 303, headers: { Location: back.pathname + back.search, 'Cache-Control': 'no-store' } });
  });
