import { describe, expect, it } from 'vitest';
import type { PublishedCase } from '../../src/lib/content/types.ts';
import { caseCard, inListingOrder } from '../../src/lib/gallery/index.ts';
import { rememberRank } from '../../src/lib/gallery/listing-order.ts';
import { healedRank } from '../../src/lib/trust/index.ts';
import { addDays } from '../factories/content.ts';

const lastSession = '2025-01-31';
const d = (day: string) => new Date(`${day}T00:00:00Z`);

/** A case whose one "after" photo was taken `daysAfter` the last session, with that evidence. */
function caseHealed(id: string, daysAfter: number, level: 'camera-original' | 'declared' = 'camera-original'): PublishedCase {
  const photo = (file: string, day: string, evidence: typeof level) => ({
    file, view: 'hairline' as const, capturedAt: d(day), evidence: { level: evidence }, alt: `Hairline on ${day}`, sha256: '0'.repeat(64), path: `/p/${id}/${file}`,
  });
  return {
    id, practitionerSlug: 'ana-lopes', treatment: 'male-pattern-baldness', profile: { norwood: 4, fitzpatrick: 'III' },
    sessions: [d('2025-01-10'), d(lastSession)],
    photos: [photo('before.jpg', '2025-01-07', 'camera-original'), photo('after.jpg', addDays(lastSession, daysAfter), level)],
    consent: { recordedAt: d('2025-01-05'), faceVisible: false }, notes: '', publishedAt: d('2025-09-01'),
  };
}

describe('listing order', () => {
  it('puts verified healed cases first, longest healed first, and keeps the given order between equals', () => {
    const cases = [
      caseHealed('fresh-only', 7), caseHealed('healed-90', 90), caseHealed('declared-300', 300, 'declared'),
      caseHealed('healed-400', 400), caseHealed('healed-90-later', 90), caseHealed('settling', 30),
    ];
    expect(inListingOrder(cases).map((c) => c.id)).toEqual(['healed-400', 'healed-90', 'healed-90-later', 'fresh-only', 'declared-300', 'settling']);
  });

  it('cards a changed case (a new object) by its new photos, and the old object by its own', () => {
    const kase = caseHealed('healed-90', 90);
    const republished = { ...kase, photos: [...kase.photos, { ...kase.photos[1]!, file: 'later.jpg', capturedAt: d(addDays(lastSession, 200)) }] };
    expect(caseCard(republished, undefined).summary.daysHealed).toBe(200);
    expect(caseCard(kase, undefined).summary.daysHealed).toBe(90);
  });

  it('ranks a republished case (a new object) by its new photos', () => {
    const kase = caseHealed('healed-90', 90);
    const other = caseHealed('healed-120', 120);
    expect(inListingOrder([kase, other]).map((c) => c.id)).toEqual(['healed-120', 'healed-90']);
    const republished = { ...kase, photos: [...kase.photos, { ...kase.photos[1]!, file: 'later.jpg', capturedAt: d(addDays(lastSession, 200)) }] };
    expect(inListingOrder([republished, other]).map((c) => c.id)).toEqual(['healed-90', 'healed-120']);
  });

  it('orders by the rank a reader remembered for the case, and the case data stays as it was', () => {
    const [short, long] = [caseHealed('healed-90', 90), caseHealed('healed-400', 400)];
    const asRead = JSON.parse(JSON.stringify(short));
    // Told the 90-day case healed longest (as a reader would tell it its rank), the listing follows.
    rememberRank(short, { ...healedRank(long), daysHealed: healedRank(long).daysHealed + 1 });
    expect(inListingOrder([long, short]).map((c) => c.id)).toEqual(['healed-90', 'healed-400']);
    expect(Object.keys(short)).toEqual(Object.keys(long));
    expect(JSON.parse(JSON.stringify(short))).toEqual(asRead);
    expect({ ...short }).toEqual(short);
    // A copy (a republished case is a new object) is ranked from its own photos again.
    expect(inListingOrder([long, { ...short }]).map((c) => c.id)).toEqual(['healed-400', 'healed-90']);
  });
});
