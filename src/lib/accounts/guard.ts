import { jsonError } from './responses.ts';
import type { Role, SignedInUser } from './types.ts';

/** Anything carrying the middleware's `locals` (an endpoint's context or `Astro`). */
interface WithLocals {
  locals: App.Locals;
}

/**
 * The signed-in user, or a 401 JSON Response to return as is:
 * `const user = requireUser(context); if (user instanceof Response) return user;`
 */
export function requireUser(context: WithLocals): SignedInUser | Response {
  return context.locals.user ?? jsonError(401, 'unauthenticated', 'Sign in first: POST /api/auth/login with {"email", "password"}.');
}

/** The signed-in user if they hold one of `roles`; else a 401 (anonymous) or 403 (wrong role) JSON Response. */
export function requireRole(context: WithLocals, ...roles: Role[]): SignedInUser | Response {
  const user = requireUser(context);
  if (user instanceof Response || roles.includes(user.role)) return user;
  return jsonError(403, 'forbidden', `This needs the ${roles.join(' or ')} role; you are signed in as ${user.role === 'admin' ? 'an admin' : 'a practitioner'}.`);
}

/** The user as the API shows it: `{id, email, role, practitionerSlug}`. */
export function publicUser(user: SignedInUser): { id: number; email: string; role: Role; practitionerSlug: string | null } {
  return { id: user.id, email: user.email, role: user.role, practitionerSlug: user.practitionerSlug };
}
