import type { APIRoute } from 'astro';
import { requireRole } from '../../../../../lib/accounts/index.ts';
import { isModerationError } from '../../../../../lib/moderation/errors.ts';
import { answer, isFormPost, json } from '../../../../../lib/moderation/http.ts';
import { reports } from '../../../../../lib/moderation/server.ts';

/** Closes a handled report → 200 `{status: 'closed'}`; the admin page's form is sent back (303). */
export const POST: APIRoute = (context) =>
  answer(() => {
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    if (!isFormPost(context.request)) return json(reports().close(user, context.params.id));
    let query = 'closed=1';
    try {
      reports().close(user, context.params.id);
    } catch (error) {
      if (!isModerationError(error)) throw error;
      query = `error=${encodeURIComponent(error.code)}`;
    }
    return new Response(null, { status: 303, headers: { Location: `/admin/reports?${query}`, 'Cache-Control': 'no-store' } });
  });
