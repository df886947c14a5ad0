/** Step 4: everything at a glance, then submit; afterwards the status and the automatic checks' flags. */
import { treatmentLabels } from '../../../lib/content/vocabulary.ts';
import { profileFields } from './case-body.ts';
import { dayLabel, scarTypeLabels, statusLabels } from './labels.ts';
import PhotoCard from './PhotoCard.tsx';
import type { SubmitState } from './state.ts';
import { uploadedPhotos } from './state.ts';

interface Props {
  state: SubmitState;
  today: string;
  onBack(): void;
  onSubmit(): void;
}

export default function ReviewStep({ state, today, onBack, onSubmit }: Props) {
  const { details, consent, flags, status } = state;
  const submitted = status !== null && status !== 'draft';
  const photos = uploadedPhotos(state);
  const photoIds = new Set(photos.map((p) => p.photo.id));
  const caseFlags = flags.filter((flag) => !flag.photoId || !photoIds.has(flag.photoId));
  const shown = profileFields(details.treatment);
  const profile = [
    shown.norwood && details.norwood && `Norwood ${details.norwood}`,
    shown.ludwig && details.ludwig && `Ludwig ${details.ludwig}`,
    details.fitzpatrick && `Fitzpatrick ${details.fitzpatrick}`,
    shown.scarType && details.scarType && `${scarTypeLabels[details.scarType] ?? details.scarType} scar`,
  ].filter(Boolean).join(' · ');

  return (
    <div className="step-form">
      {submitted && (
        <div className="outcome" role="status">
          <p>
            Submitted. Status: <span className={`status status-${status}`}>{statusLabels[status] ?? status}</span>
          </p>
          <p className="muted">A moderator checks the case and its flags before anything is published.</p>
        </div>
      )}

      {submitted && (
        <section aria-labelledby="flags-title" className="flag-section">
          <h3 id="flags-title">Automatic checks</h3>
          {flags.length === 0 ? <p>No flags: every automatic check passed.</p> : (
            <>
              <p>{flags.length} {flags.length === 1 ? 'flag' : 'flags'} for the moderator{photos.length > 0 && flags.length > caseFlags.length ? '; flags about one photo are shown under that photo' : ''}.</p>
              {caseFlags.length > 0 && (
                <ul className="flags" aria-label="Flags on the case">
                  {caseFlags.map((flag, i) => <li key={i} data-code={flag.code}>{flag.message}</li>)}
                </ul>
              )}
            </>
          )}
        </section>
      )}

      {state.followUp ? (
        <dl className="summary">
          <dt>Follow-up of</dt><dd><a href={`/cases/${encodeURIComponent(state.followUp.caseId)}/`}>{state.followUp.caseId}</a> (live; it changes only once a moderator approves this follow-up)</dd>
          <dt>Touch-up session</dt><dd>{state.followUp.touchUp ? dayLabel(state.followUp.touchUp) : 'none'}</dd>
          {details.notes && <><dt>Note for the moderator</dt><dd className="notes">{details.notes}</dd></>}
        </dl>
      ) : (
      <dl className="summary">
        <dt>Treatment</dt><dd>{details.treatment ? treatmentLabels[details.treatment] : '—'}</dd>
        <dt>Client profile</dt><dd>{profile || '—'}</dd>
        <dt>Sessions</dt><dd>{[...details.sessions].sort().map(dayLabel).join(', ')}</dd>
        {details.notes && <><dt>Notes</dt><dd className="notes">{details.notes}</dd></>}
        <dt>Consent</dt>
        <dd>
          Signed {dayLabel(consent.recordedAt)}; {consent.faceVisible === 'yes' ? 'face may be visible' : 'scalp only, face cropped'};
          {consent.expiresAt ? ` ends ${dayLabel(consent.expiresAt)}` : ' no end date'}
        </dd>
      </dl>
      )}

      <h3>Photos ({photos.length})</h3>
      <ul className="photo-list">
        {photos.map((item) => (
          <PhotoCard key={item.key} item={item} draftId={state.draftId ?? ''} today={today} flags={flags.filter((flag) => flag.photoId === item.photo.id)} />
        ))}
      </ul>

      <div className="actions">
        {submitted ? (
          <>
            <a className="button" href="/account">Go to my cases</a>
            <a href="/submit">Submit another case</a>
          </>
        ) : (
          <>
            <button type="button" className="secondary" onClick={onBack} disabled={state.busy}>{state.followUp ? 'Back to photos' : 'Back to consent'}</button>
            <button type="button" onClick={onSubmit} disabled={state.busy}>{state.busy ? 'Submitting…' : 'Submit for review'}</button>
          </>
        )}
      </div>
    </div>
  );
}
