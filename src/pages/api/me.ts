import type { APIRoute } from 'astro';
import { noStore, publicUser, requireUser } from '../../lib/accounts/index.ts';

/** The signed-in user `{user: {id, email, role, practitionerSlug}}`, or 401. */
export const GET: APIRoute = (context) => {
  context.cache.set(false);
  const user = requireUser(context);
  if (user instanceof Response) return user;
  return Response.json({ user: publicUser(user) }, { headers: noStore });
};
