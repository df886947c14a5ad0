/** The domain vocabulary of ARCHITECTURE.md, as values the schemas, rules and pages share. */

/** Treatments Healed knows; a case has exactly one. */
export const treatments = [
  'male-pattern-baldness',
  'female-hair-loss',
  'post-transplant-density',
  'scar-correction',
  'alopecia-areata',
] as const;
export type Treatment = (typeof treatments)[number];

/** Human labels for treatments, used in headings and badges. */
export const treatmentLabels: Record<Treatment, string> = {
  'male-pattern-baldness': 'Male pattern baldness',
  'female-hair-loss': 'Female hair loss',
  'post-transplant-density': 'Post-transplant density',
  'scar-correction': 'Scar correction',
  'alopecia-areata': 'Alopecia areata',
};

/** Where on the head a photo looks. */
export const views = ['hairline', 'top', 'crown', 'left', 'right', 'donor', 'scar', 'other'] as const;
export type View = (typeof views)[number];

/** Where on the head a photo looks, in words for forms (the practitioner's and the client's). */
export const viewLabels: Record<View, string> = {
  hairline: 'Hairline',
  top: 'Top',
  crown: 'Crown',
  left: 'Left side',
  right: 'Right side',
  donor: 'Donor area',
  scar: 'Scar',
  other: 'Other',
};

/** Stages of a photo, in the order they happen. */
export const stages = ['before', 'fresh', 'settling', 'healed', 'long-term'] as const;
export type Stage = (typeof stages)[number];

/** Client profile scales. */
export const ludwigStages = ['I', 'II', 'III'] as const;
export const fitzpatrickTypes = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;
export const scarTypes = ['fue', 'fut', 'injury'] as const;

/** Who added a photo to a case: its practitioner, or the client through their one-time link. */
export const photoAuthors = ['practitioner', 'client'] as const;
export type PhotoAuthor = (typeof photoAuthors)[number];

/** Lighting a photo was taken in; comparisons across lighting are flagged to readers. */
export const lightings = ['daylight', 'studio', 'indoor', 'flash'] as const;

/** Folder names become URLs, so they are kept to lowercase words joined by hyphens. */
export const folderNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
