/** A form field's error message, and the ARIA attributes that tie an input to it. */
import { errorId, fieldId, type FieldErrors } from './case-body.ts';

/** `id`, `aria-invalid` and `aria-describedby` for the input of `path` (plus any hint ids). */
export function fieldProps(path: string, errors: FieldErrors, ...hints: string[]) {
  const invalid = path in errors;
  const describedBy = [invalid ? errorId(path) : '', ...hints].filter(Boolean).join(' ');
  return { id: fieldId(path), 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined } as const;
}

/** The message for `path`, if any, with the id its input points at. */
export function FieldError({ path, errors }: { path: string; errors: FieldErrors }) {
  const message = errors[path];
  if (!message) return null;
  return <p className="field-error" id={errorId(path)}>{message}</p>;
}
