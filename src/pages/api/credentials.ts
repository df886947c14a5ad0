import type { APIRoute } from 'astro';
import { requireRole } from '../../lib/accounts/index.ts';
import { isModerationError } from '../../lib/moderation/errors.ts';
import { answer, json } from '../../lib/moderation/http.ts';
import { credentials } from '../../lib/moderation/server.ts';

/** The practitioner's credentials → 200 `{credentials: [{id, title, issuer, year, status, …}]}`. */
export const GET: APIRoute = (context) =>
  answer(() => {
    context.cache.set(false);
    const user = requireRole(context, 'practitioner');
    if (user instanceof Response) return user;
    return json({ credentials: credentials().listOwn(user) });
  });

/**
 * Adds a credential for verification: multipart `title`, `issuer`, `year` and the certificate
 * `file` → 201 with it (status pending). A browser form (Accept: text/html) is sent back to
 * /account/credentials (303) with the outcome instead.
 */
export const POST: APIRoute = (context) =>
  answer(async () => {
    const user = requireRole(context, 'practitioner');
    if (user instanceof Response) return user;
    if (!(context.request.headers.get('accept') ?? '').includes('text/html')) return json(await credentials().add(user, context.request), 201);
    let query = 'added=1';
    try {
      await credentials().add(user, context.request);
    } catch (error) {
      if (!isModerationError(error)) throw error;
      query = `error=${encodeURIComponent(error.code)}`;
    }
    return new Response(null, { status: 303, headers: { Location: `/account/credentials?${query}`, 'Cache-Control': 'no-store' } });
  });
