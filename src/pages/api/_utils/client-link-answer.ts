import type { APIContext } from 'astro';
import type { CreatedLink } from '../../../lib/client-links/index.ts';
import { isFormPost, json, sendBack } from '../../../lib/http/index.ts';

/**
 * The answer of a route that makes a client link: 201 JSON for API callers; for the no-JavaScript
 * form, back to `backPath` with the link to copy in the query (the page shows it only when it is
 * one of this site's).
 */
export function clientLinkAnswer(context: APIContext, create: () => Promise<CreatedLink>, backPath: string): Promise<Response> | Response {
  if (!isFormPost(context.request)) return create().then((link) => json(link, 201));
  return sendBack(new URL(backPath, context.url), async () => {
    const link = await create();
    return { clientLink: link.url, mailed: link.mailed ? 'yes' : 'no' };
  });
}
