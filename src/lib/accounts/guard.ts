import { HttpError } from '../http/index.ts';
import type { Role, SignedInUser } from './types.ts';

/** Anything carrying the middleware's `locals` (an endpoint's context or `Astro`). */
interface WithLocals {
  locals: App.Locals;
}

/** The signed-in user, or a thrown 401 (`apiRoute` answers it as JSON). */
export function requireUser(context: WithLocals): SignedInUser {
  if (context.locals.user) return context.locals.user;
  throw new HttpError(401, 'unauthenticated', 'Sign in first: POST /api/auth/login with {"email", "password"}.');
}

/** The signed-in user if they hold one of `roles`; else a thrown 401 (anonymous) or 403 (wrong role). */
export function requireRole(context: WithLocals, ...roles: Role[]): SignedInUser {
  const user = requireUser(context);
  if (roles.includes(user.role)) return user;
  throw new HttpError(403, 'forbidden', `This needs the ${roles.join(' or ')} role; you are signed in as ${user.role === 'admin' ? 'an admin' : 'a practitioner'}.`);
}

/** The user as the API shows it: `{id, email, role, practitionerSlug}`. */
export function publicUser(user: SignedInUser): { id: number; email: string; role: Role; practitionerSlug: string | null } {
  return { id: user.id, email: user.email, role: user.role, practitionerSlug: user.practitionerSlug };
}
