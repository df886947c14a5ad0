/** The draft and step in the URL (`/submit?id=…&step=…`), so a reload continues where it was. */
import { steps, type Step } from './types.ts';

/** The address of a draft at a step. */
export function submitHref(draftId: string, step: Step): string {
  return `/submit?id=${encodeURIComponent(draftId)}&step=${step}`;
}

/** A `?step=` value, if it names a step. */
export function stepParam(value: string | null | undefined): Step | null {
  return steps.includes(value as Step) ? (value as Step) : null;
}
