import { requireRole } from '../../lib/accounts/index.ts';
import { apiRoute, bodyLimits, json, sendBack, uploadFrom } from '../../lib/http/index.ts';
import { credentials } from '../../lib/moderation/server.ts';

/** The practitioner's credentials → 200 `{credentials: [{id, title, issuer, year, status, …}]}`. */
export const { GET, POST, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set(false);
    const user = requireRole(context, 'practitioner');
    return json({ credentials: credentials().listOwn(user) });
  },

  /**
   * Adds a credential for verification: multipart `title`, `issuer`, `year` and the certificate
   * `file` → 201 with it (status pending). A browser form (Accept: text/html) is sent back to
   * /account/credentials (303) with the outcome instead.
   */
  POST: async (context) => {
    const user = requireRole(context, 'practitioner');
    const add = () => credentials().add(user, uploadFrom(context.request, bodyLimits.photo));
    if (!(context.request.headers.get('accept') ?? '').includes('text/html')) return json(await add(), 201);
    return sendBack(new URL('/account/credentials', context.url), async () => (await add(), { added: '1' }));
  },
});
