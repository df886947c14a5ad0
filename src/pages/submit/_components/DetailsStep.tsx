/** Step 1: treatment, client profile, session dates and notes; continuing creates (or updates) the draft. */
import type { Dispatch, SubmitEvent } from 'react';
import { fitzpatrickTypes, ludwigStages, scarTypes, treatmentLabels, treatments } from '../../../lib/content/vocabulary.ts';
import { fieldId, maxNotes, maxSessions, profileFields, type FieldErrors } from './case-body.ts';
import { FieldError, fieldProps } from './Field.tsx';
import { scarTypeLabels } from './labels.ts';
import type { SubmitAction } from './state.ts';
import type { DetailsForm } from './types.ts';

interface Props {
  details: DetailsForm;
  errors: FieldErrors;
  /** The draft exists: continuing saves changes to it. */
  saved: boolean;
  /** A save is in flight. */
  busy: boolean;
  today: string;
  dispatch: Dispatch<SubmitAction>;
  onContinue(): void;
}

const norwoodStages = ['1', '2', '3', '4', '5', '6', '7'];

export default function DetailsStep({ details, errors, saved, busy, today, dispatch, onContinue }: Props) {
  const shown = profileFields(details.treatment);
  const edit = (field: Exclude<keyof DetailsForm, 'sessions'>) => (event: { currentTarget: { value: string } }) =>
    dispatch({ type: 'edit-details', field, value: event.currentTarget.value });
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onContinue();
  };
  const select = (field: 'norwood' | 'ludwig' | 'fitzpatrick' | 'scarType', label: string, values: readonly string[], words: (v: string) => string) => (
    <div className="field">
      <label htmlFor={fieldId(`profile.${field}`)}>{label}</label>
      <select {...fieldProps(`profile.${field}`, errors)} value={details[field]} onChange={edit(field)}>
        <option value="">Choose…</option>
        {values.map((value) => <option key={value} value={value}>{words(value)}</option>)}
      </select>
      <FieldError path={`profile.${field}`} errors={errors} />
    </div>
  );

  return (
    <form className="step-form" onSubmit={submit} noValidate>
      <fieldset className="plain" disabled={busy}>
        <div className="field">
          <label htmlFor={fieldId('treatment')}>Treatment</label>
          <select {...fieldProps('treatment', errors)} value={details.treatment} onChange={edit('treatment')}>
            <option value="">Choose the treatment…</option>
            {treatments.map((t) => <option key={t} value={t}>{treatmentLabels[t]}</option>)}
          </select>
          <FieldError path="treatment" errors={errors} />
        </div>

        <fieldset className="group">
          <legend>Client profile</legend>
          <div className="row">
            {shown.norwood && select('norwood', 'Norwood stage (optional)', norwoodStages, (v) => `Norwood ${v}`)}
            {shown.ludwig && select('ludwig', 'Ludwig stage (optional)', ludwigStages, (v) => `Ludwig ${v}`)}
            {select('fitzpatrick', 'Fitzpatrick skin type', fitzpatrickTypes, (v) => `Type ${v}`)}
            {shown.scarType && select('scarType', 'Scar type', scarTypes, (v) => scarTypeLabels[v] ?? v)}
          </div>
        </fieldset>

        <fieldset className="group" aria-describedby="sessions-hint">
          <legend>Session dates</legend>
          <p className="hint" id="sessions-hint">Every treatment session, 1 to {maxSessions}. Photo stages are counted from the last one.</p>
          <FieldError path="sessions" errors={errors} />
          <ol className="sessions">
            {details.sessions.map((day, i) => (
              <li key={i}>
                <label htmlFor={fieldId(`sessions.${i}`)}>Session {i + 1}</label>
                <input type="date" max={today} {...fieldProps(`sessions.${i}`, errors)} value={day}
                  onChange={(event) => dispatch({ type: 'edit-session', index: i, value: event.currentTarget.value })} />
                {details.sessions.length > 1 && (
                  <button type="button" className="link" onClick={() => dispatch({ type: 'remove-session', index: i })}>
                    Remove<span className="visually-hidden"> session {i + 1}</span>
                  </button>
                )}
                <FieldError path={`sessions.${i}`} errors={errors} />
              </li>
            ))}
          </ol>
          {details.sessions.length < maxSessions && (
            <button type="button" className="secondary" onClick={() => dispatch({ type: 'add-session' })}>Add a session</button>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor={fieldId('notes')}>Notes (optional)</label>
          <textarea {...fieldProps('notes', errors, 'notes-hint')} rows={4} maxLength={maxNotes} value={details.notes} onChange={edit('notes')} />
          <p className="hint" id="notes-hint">Pigment, needle, anything the reader or moderator should know. No client names.</p>
          <FieldError path="notes" errors={errors} />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy}>{busy ? 'Saving the draft…' : saved ? 'Save and continue to photos' : 'Save draft and add photos'}</button>
      </div>
    </form>
  );
}
