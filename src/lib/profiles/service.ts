import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { recordAuditEvent } from '../db/audit.ts';
import type { Database } from '../db/types.ts';
import { practitionerSchema } from '../content/schema.ts';
import type { Practitioner } from '../content/index.ts';
import { writeFileAtomic } from '../files/index.ts';
import { HttpError } from '../http/index.ts';
import { findPlace } from './places.ts';
import { profileInputSchema, type ProfileInput } from './schema.ts';

/** The signed-in user editing. */
interface Actor {
  id: number;
  role: 'admin' | 'practitioner';
  practitionerSlug: string | null;
}

export interface ProfileServiceDeps {
  db: Database;
  portfoliosDir: string;
  /** The published profile as the site serves it now. */
  practitioner: (slug: string) => Promise<Practitioner | undefined>;
  /**
   * Makes the change live: re-read the profile, update the search documents of their cases, and
   * purge the pages that show it (here, on the other instances and in the shared cache).
   */
  publish: (slug: string) => Promise<void>;
  now?: () => Date;
}

/** The fields of a profile edit, and what it was before, for the audit log. */
type Edited = Pick<Practitioner, 'bio' | 'clinic' | 'city' | 'country' | 'geo' | 'languages' | 'website' | 'booking'>;

/**
 * Practitioners edit their own public profile. The change is written into their
 * practitioner.yaml (edited as YAML, comments and credentials kept; replaced atomically, fsync
 * first) only after the whole result passes the same schema `npm run check` uses, then made live
 * at once through the publishing path, and audited before → after. Invalid input: 400 naming the
 * field.
 */
export function createProfileService(deps: ProfileServiceDeps) {
  const now = deps.now ?? (() => new Date());

  async function update(actor: Actor, body: unknown): Promise<Practitioner> {
    if (actor.role !== 'practitioner' || !actor.practitionerSlug) throw new HttpError(403, 'forbidden', 'Only practitioners edit a profile, their own.');
    const slug = actor.practitionerSlug;
    const input = parse(body);
    const current = await deps.practitioner(slug);
    if (!current) throw new HttpError(404, 'not-found', 'Your portfolio is not published, so there is no profile to edit yet.');
    const place = findPlace(input.place)!;
    const next: Edited = {
      bio: input.bio,
      ...(input.clinic && { clinic: input.clinic }),
      city: place.city,
      country: place.country,
      geo: { lat: place.lat, lng: place.lng },
      languages: input.languages,
      ...(input.website && { website: input.website }),
      ...(input.booking && { booking: input.booking }),
    };
    const file = path.join(deps.portfoliosDir, slug, 'practitioner.yaml');
    const doc = parseDocument(await readFile(file, 'utf8'));
    for (const key of ['bio', 'clinic', 'city', 'country', 'geo', 'languages', 'website', 'booking'] as const) {
      if (next[key] === undefined) doc.delete(key);
      else doc.set(key, next[key]);
    }
    // The whole file must still be a valid profile: never write what the site would refuse to read.
    const checked = practitionerSchema.safeParse(doc.toJS());
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new HttpError(400, 'invalid-request', `${issue.path.join('.')}: ${issue.message}.`, { field: String(issue.path[0] ?? 'body') });
    }
    await writeFileAtomic(file, doc.toString(), { sync: true });
    await deps.publish(slug);
    recordAuditEvent(deps.db, { actorUserId: actor.id, action: 'practitioner.profile.update', subject: `practitioner:${slug}`, before: edited(current), after: next }, now());
    return (await deps.practitioner(slug)) ?? current;
  }

  return { update };
}

export type ProfileService = ReturnType<typeof createProfileService>;

function edited(p: Practitioner): Edited {
  return { bio: p.bio, ...(p.clinic && { clinic: p.clinic }), city: p.city, country: p.country, geo: p.geo, languages: p.languages, ...(p.website && { website: p.website }), ...(p.booking && { booking: p.booking }) };
}

function parse(body: unknown): ProfileInput {
  const result = profileInputSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? 'body');
  throw new HttpError(400, 'invalid-request', `${field}: ${issue.code === 'unrecognized_keys' ? 'is not a profile field' : issue.message}.`, { field });
}
