import { z } from 'zod';
import { findPlace } from './places.ts';

/** Empty form fields mean "none": the field is removed from the profile. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const url = z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'enter a web address starting with https://' }).max(300).optional());

/**
 * What a practitioner edits at /account/profile (`POST /api/account/profile`). Their name and
 * credentials are not theirs to edit here: the name is what clients and moderators know them by,
 * and credentials are verified by admins.
 */
export const profileInputSchema = z.strictObject({
  /** A short introduction in their own words. */
  bio: z.string().trim().max(2000, 'at most 2000 characters').default(''),
  /** Clinic or studio; empty removes it. */
  clinic: z.preprocess(blankToUndefined, z.string().trim().min(2, 'at least 2 characters').max(160, 'at most 160 characters').optional()),
  /** Where they practise: `<country>/<city>` from the place list (its coordinates come with it). */
  place: z.string({ error: 'choose where you practise' }).refine((key) => findPlace(key) !== undefined, 'choose a place from the list'),
  /** Languages spoken with clients: BCP 47 tags, comma-separated in the form ("en, hi"). */
  languages: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((tag) => tag.trim()).filter(Boolean) : value),
    z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use language tags such as en, hi or pt-BR')).max(12, 'at most 12 languages'),
  ).default([]),
  /** Their own website; empty removes it. */
  website: url,
  /** Where clients book a consultation; empty removes it. */
  booking: url,
});

export type ProfileInput = z.infer<typeof profileInputSchema>;
