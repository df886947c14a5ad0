/** Step 3: the client's consent, asked explicitly (nothing is preselected), saved to the draft. */
import type { Dispatch, SubmitEvent } from 'react';
import { fieldId, type FieldErrors } from './case-body.ts';
import { FieldError, fieldProps } from './Field.tsx';
import type { SubmitAction } from './state.ts';
import type { ConsentForm } from './types.ts';

interface Props {
  consent: ConsentForm;
  errors: FieldErrors;
  busy: boolean;
  today: string;
  dispatch: Dispatch<SubmitAction>;
  onBack(): void;
  onContinue(): void;
}

export default function ConsentStep({ consent, errors, busy, today, dispatch, onBack, onContinue }: Props) {
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onContinue();
  };
  return (
    <form className="step-form" onSubmit={submit} noValidate>
      <fieldset className="plain" disabled={busy}>
        <div className="field">
          <label htmlFor={fieldId('consent.recordedAt')}>Day the client signed the consent</label>
          <input type="date" max={today} {...fieldProps('consent.recordedAt', errors)} value={consent.recordedAt}
            onChange={(event) => dispatch({ type: 'edit-consent', field: 'recordedAt', value: event.currentTarget.value })} />
          <FieldError path="consent.recordedAt" errors={errors} />
        </div>

        <fieldset className="group">
          <legend>What may be shown</legend>
          {(['no', 'yes'] as const).map((value, i) => (
            <label className="check" key={value}>
              <input type="radio" name="faceVisible" value={value} checked={consent.faceVisible === value}
                {...fieldProps('consent.faceVisible', errors)} id={i === 0 ? fieldId('consent.faceVisible') : undefined}
                onChange={() => dispatch({ type: 'edit-consent', field: 'faceVisible', value })} />
              {value === 'yes' ? 'The face may be visible' : 'Scalp only: the face is cropped out'}
            </label>
          ))}
          <FieldError path="consent.faceVisible" errors={errors} />
        </fieldset>

        <div className="field">
          <label htmlFor={fieldId('consent.expiresAt')}>Consent ends on (optional)</label>
          <input type="date" min={today} {...fieldProps('consent.expiresAt', errors, 'expires-hint')} value={consent.expiresAt}
            onChange={(event) => dispatch({ type: 'edit-consent', field: 'expiresAt', value: event.currentTarget.value })} />
          <p className="hint" id="expires-hint">Leave empty when the consent has no end date. The case is taken down when it ends.</p>
          <FieldError path="consent.expiresAt" errors={errors} />
        </div>

        <div className="field">
          <label className="check">
            <input type="checkbox" {...fieldProps('consent.attested', errors)} checked={consent.attested}
              onChange={(event) => dispatch({ type: 'attest', value: event.currentTarget.checked })} />
            I confirm the client signed a written consent to publish these photos on Healed, within this scope, and I keep it on file.
          </label>
          <FieldError path="consent.attested" errors={errors} />
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>Back</button>
        <button type="submit" disabled={busy}>{busy ? 'Saving the consent…' : 'Save consent and review'}</button>
      </div>
    </form>
  );
}
