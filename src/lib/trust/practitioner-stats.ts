import type { Treatment } from '../content/vocabulary.ts';
import { evidenceLevels, type EvidenceLevel } from '../evidence/index.ts';
import { summarizeCase } from './case-summary.ts';

/** What a practitioner's published record shows at a glance. */
export interface PractitionerStats {
  /** Published cases. */
  cases: number;
  /** Cases with at least one verified healed (or long-term) photo. */
  verifiedHealedCases: number;
  /** Share of cases with a verified healed photo, 0–1 (0 when there are no cases). */
  verifiedHealedShare: number;
  /** Cases their clients confirmed, through a one-time link, as theirs with the right dates. */
  clientConfirmedCases: number;
  /** Longest verified healed follow-up across cases, in days. */
  longestVerifiedDays: number;
  /** Published photos by evidence level (every level present, zero included). */
  photosByEvidence: Record<EvidenceLevel, number>;
  /** Treatments performed, with how many cases each, most first. */
  treatments: { treatment: Treatment; cases: number }[];
  /** Where they practise. */
  locations: { country: string; city: string }[];
}

type StatsCase = Parameters<typeof summarizeCase>[0] & { treatment: Treatment; clientConfirmation?: { confirmedAt: Date } | undefined };

/** Stats for one practitioner from their published cases. Pure. */
export function practitionerStats(
  practitioner: { city: string; country: string },
  cases: readonly StatsCase[],
): PractitionerStats {
  const summaries = cases.map((c) => summarizeCase(c));
  const verifiedHealedCases = summaries.filter((s) => s.hasVerifiedHealed).length;
  const photosByEvidence = Object.fromEntries(evidenceLevels.map((level) => [level, 0])) as Record<EvidenceLevel, number>;
  for (const c of cases) for (const photo of c.photos) photosByEvidence[photo.evidence.level]++;
  const counts = new Map<Treatment, number>();
  for (const c of cases) counts.set(c.treatment, (counts.get(c.treatment) ?? 0) + 1);
  return {
    cases: cases.length,
    verifiedHealedCases,
    verifiedHealedShare: cases.length ? verifiedHealedCases / cases.length : 0,
    clientConfirmedCases: cases.filter((c) => c.clientConfirmation).length,
    longestVerifiedDays: Math.max(0, ...summaries.map((s) => s.daysHealed)),
    photosByEvidence,
    treatments: [...counts].map(([treatment, n]) => ({ treatment, cases: n })).sort((a, b) => b.cases - a.cases),
    locations: [{ country: practitioner.country, city: practitioner.city }],
  };
}
