import type { Practitioner, PublishedCase, PublishedPhoto } from '../content/index.ts';
import { countryName, treatmentLabels } from '../content/index.ts';
import { profileLine } from '../content/profile-line.ts';
import { stageLabel, summarizeCase, type CaseSummary, type PhotoWithBadge } from '../trust/index.ts';

/** What a case card in a grid shows. */
export interface CaseCard {
  id: string;
  url: string;
  treatment: string;
  practitionerName: string;
  practitionerUrl: string;
  place: string;
  /** The client profile in short: "Norwood 5 · Type III · FUT scar". */
  profile: string;
  summary: CaseSummary<PublishedPhoto>;
  /** e.g. "Healed · 240 days, verified" or "No verified healed photo yet". */
  headline: string;
  /** Photo to show on the card: the best "after". */
  cover?: PhotoWithBadge<PublishedPhoto>;
  /** When the client confirmed the case through their link, if they did. */
  clientConfirmedAt?: Date;
}

/** Builds the card of one case. Pure. */
export function caseCard(kase: PublishedCase, practitioner: Practitioner | undefined): CaseCard {
  const summary = summarizeCase(kase);
  const headline = summary.hasVerifiedHealed
    ? `${stageLabel(summary.bestVerifiedStage)} · ${summary.daysHealed} days, verified`
    : 'No verified healed photo yet';
  return {
    id: kase.id,
    url: `/cases/${kase.id}/`,
    treatment: treatmentLabels[kase.treatment],
    practitionerName: practitioner?.name ?? kase.practitionerSlug,
    practitionerUrl: `/practitioners/${kase.practitionerSlug}/`,
    place: practitioner ? `${practitioner.city}, ${countryName(practitioner.country)}` : '',
    profile: profileLine(kase.profile),
    summary,
    headline,
    cover: summary.after ?? summary.timeline.at(-1),
    ...(kase.clientConfirmation ? { clientConfirmedAt: kase.clientConfirmation.confirmedAt } : {}),
  };
}
