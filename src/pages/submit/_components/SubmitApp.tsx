/**
 * The /submit island: details → photos → consent → review, the order. Leaving the details
 * creates the draft (photos need one to belong to) and puts its id and step in the URL, so a
 * reload fetches it and continues; later edits and the consent are saved with `PATCH`.
 */
import { useEffect, useReducer, useRef } from 'react';
import type { View } from '../../../lib/content/vocabulary.ts';
import { asksForCaptureDate, createDraft, deletePhoto, fetchDraft, patchDraft, submitDraft } from './api.ts';
import { consentBody, consentErrors, detailsBody, detailsErrors, errorField, fieldId, sortedDays, stepOfField, type FieldErrors } from './case-body.ts';
import ConsentStep from './ConsentStep.tsx';
import DetailsStep from './DetailsStep.tsx';
import { fileTooLarge } from './file-limit.ts';
import PhotosStep from './PhotosStep.tsx';
import ReviewStep from './ReviewStep.tsx';
import { initialState, isUploading, photosReady, stepsOf, submitReducer, type SubmitState } from './state.ts';
import type { ApiError, Step } from './types.ts';
import { loadUploader, type UploadMode } from './uploaders.ts';
import { submitHref } from './url-state.ts';
import './submit.css';

export interface SubmitAppProps {
  /** `YYYY-MM-DD` on the server: the latest day a session or consent may have. */
  today: string;
  /** `?id=` of the URL: a draft to continue. */
  draftId: string | null;
  /** `?step=` of the URL: where to continue it. */
  step: Step | null;
  /** Where photos go: the server's own endpoint, or UploadThing (`config.storage.driver`). */
  uploadMode?: UploadMode;
}

const stepTitles: Record<Step, string> = {
  details: 'Case details',
  photos: 'Photos',
  consent: 'Client consent',
  review: 'Review and submit',
};

/** Focuses a field's input once React has drawn it (its step may only now be showing). */
function focusSoon(elementId: string): void {
  requestAnimationFrame(() => document.getElementById(elementId)?.focus());
}

let nextKey = 0;

export default function SubmitApp({ today, draftId, step: urlStep, uploadMode = 'local' }: SubmitAppProps) {
  const [state, dispatch] = useReducer(submitReducer, draftId, initialState);
  const latest = useRef<SubmitState>(state);
  const files = useRef(new Map<string, File>());
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    latest.current = state;
  });

  useEffect(() => {
    if (!draftId) return;
    void fetchDraft(draftId).then((answer) => {
      if (answer.ok) return dispatch({ type: 'draft-loaded', draft: answer.value, step: urlStep });
      history.replaceState(null, '', '/submit');
      dispatch({ type: 'load-failed', message: answer.error.message });
    });
  }, [draftId, urlStep]);

  // The URL follows the step, so a reload lands on it; focus goes to the new step's heading.
  useEffect(() => {
    if (state.draftId && !state.loading) history.replaceState(null, '', submitHref(state.draftId, state.step));
    if (moved.current) heading.current?.focus();
  }, [state.step, state.draftId, state.loading]);

  // The UploadThing client is its own chunk: fetched once the photos step shows, before the first upload needs it.
  useEffect(() => {
    if (state.step === 'photos') void loadUploader(uploadMode);
  }, [state.step, uploadMode]);

  // A file dropped beside the drop zone would make the browser leave the page to open it.
  useEffect(() => {
    if (state.step !== 'photos') return;
    const stop = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, [state.step]);

  // Leaving mid-upload loses the file in flight: the browser asks first.
  const uploading = isUploading(state);
  useEffect(() => {
    if (!uploading) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [uploading]);

  const go = (step: Step) => {
    moved.current = true;
    dispatch({ type: 'go', step });
  };
  /** Field errors go next to their fields, on the step of the first one, which gets focus. */
  const invalid = (errors: FieldErrors) => {
    const first = Object.keys(errors)[0]!;
    moved.current = true;
    dispatch({ type: 'go', step: stepOfField(first) });
    dispatch({ type: 'invalid', errors });
    focusSoon(fieldId(first));
  };
  const refused = (error: ApiError) => {
    dispatch({ type: 'refused', error });
    const field = errorField(error);
    if (field) focusSoon(fieldId(field));
  };

  const saveDetails = async () => {
    const details = { ...state.details, sessions: sortedDays(state.details.sessions) };
    dispatch({ type: 'sort-sessions' });
    const errors = detailsErrors(details, today);
    if (Object.keys(errors).length) return invalid(errors);
    dispatch({ type: 'busy' });
    moved.current = true;
    if (!state.draftId) {
      const answer = await createDraft(detailsBody(details));
      if (!answer.ok) return refused(answer.error);
      return dispatch({ type: 'draft-created', id: answer.value });
    }
    const answer = await patchDraft(state.draftId, detailsBody(details, true));
    if (!answer.ok) return refused(answer.error);
    dispatch({ type: 'saved', step: 'photos' });
    // New session dates move every photo's stage: show the server's new ones.
    const fresh = answer.value ?? (await fetchDraft(state.draftId).then((a) => (a.ok ? a.value : null)));
    if (fresh) dispatch({ type: 'photos-refreshed', photos: fresh.photos });
  };

  const saveConsent = async () => {
    const errors = consentErrors(state.consent, today);
    if (Object.keys(errors).length) return invalid(errors);
    if (!state.draftId) return;
    dispatch({ type: 'busy' });
    const answer = await patchDraft(state.draftId, consentBody(state.consent));
    if (!answer.ok) return refused(answer.error);
    moved.current = true;
    dispatch({ type: 'saved', step: 'review', consent: true });
  };

  const addFiles = (chosen: File[]) => {
    const view: View = state.details.treatment === 'scar-correction' ? 'scar' : 'hairline';
    const added = chosen.map((file) => {
      const key = `f${++nextKey}`;
      files.current.set(key, file);
      return { key, name: file.name, size: file.size };
    });
    dispatch({ type: 'files-added', files: added, view });
  };

  const upload = async (key: string) => {
    const item = latest.current.photos.find((p) => p.key === key);
    const file = files.current.get(key);
    const id = latest.current.draftId;
    if (!item || !file || !id) return;
    const tooLarge = fileTooLarge(file.size);
    if (tooLarge) return dispatch({ type: 'upload-failed', key, error: { ...tooLarge, retryable: false } });
    dispatch({ type: 'upload-started', key, total: file.size });
    const fields = { submissionId: id, view: item.view, claimedStage: item.claimedStage, ...(item.declaredDate && { capturedAt: item.declaredDate }) };
    const uploader = await loadUploader(uploadMode);
    const answer = await uploader.upload(file, fields, {
      progress: (loaded, total) => dispatch({ type: 'upload-progress', key, loaded, total }),
      sent: () => dispatch({ type: 'upload-sent', key }),
    });
    if (answer.ok) {
      files.current.delete(key);
      dispatch({ type: 'upload-done', key, photo: answer.value });
    } else if (asksForCaptureDate(answer.status, answer.error)) {
      dispatch({ type: 'upload-needs-date', key, message: answer.error.message });
      focusSoon(`photo-${key}-date`);
    } else {
      // The same file fails the same way; only a dropped connection or our own failure is worth a retry.
      const retryable = answer.status === 0 || answer.status >= 500 || answer.status === 409;
      dispatch({ type: 'upload-failed', key, error: { message: answer.error.message, retryable, ...(answer.error.hint && { hint: answer.error.hint }) } });
    }
  };

  // One file at a time: ingest is CPU-heavy on the server, and each bar then moves on its own.
  const uploadAll = async () => {
    for (const item of latest.current.photos.filter((p) => p.status === 'queued')) await upload(item.key);
  };

  const remove = async (key: string) => {
    const item = latest.current.photos.find((p) => p.key === key);
    if (item?.photo && state.draftId) {
      dispatch({ type: 'photo-deleting', key });
      const answer = await deletePhoto(state.draftId, item.photo.id);
      if (!answer.ok) return dispatch({ type: 'delete-failed', key, message: `Not deleted: ${answer.error.message}` });
    }
    files.current.delete(key);
    dispatch({ type: 'photo-removed', key });
  };

  const submit = async () => {
    if (!state.draftId) return;
    dispatch({ type: 'busy' });
    const answer = await submitDraft(state.draftId);
    if (answer.ok) dispatch({ type: 'submitted', ...answer.value });
    else refused(answer.error);
  };

  const steps = stepsOf(state);
  const current = steps.indexOf(state.step);
  return (
    <div className="submit">
      <ol className="step-list" aria-label="Steps">
        {steps.map((step, i) => (
          <li key={step} aria-current={i === current ? 'step' : undefined} className={i < current ? 'done' : undefined}>
            <span className="step-number" aria-hidden="true">{i + 1}</span> {stepTitles[step]}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">{state.announcement}</p>

      <h2 ref={heading} tabIndex={-1} className="step-title">{stepTitles[state.step]}</h2>
      {state.formError && <p className="form-error" role="alert">{state.formError}</p>}

      {state.loading ? <p className="muted">Loading your draft…</p> : (
        <>
          {state.step === 'details' && (
            <DetailsStep details={state.details} errors={state.fieldErrors} saved={state.draftId !== null} busy={state.busy} today={today} dispatch={dispatch}
              onContinue={() => void saveDetails()} />
          )}
          {state.step === 'photos' && state.draftId && (
            <PhotosStep photos={state.photos} draftId={state.draftId} today={today} canContinue={photosReady(state)}
              onFiles={addFiles} onView={(key, view) => dispatch({ type: 'photo-view', key, view })}
              onClaim={(key, stage) => dispatch({ type: 'photo-claim', key, stage })}
              onDate={(key, value) => dispatch({ type: 'photo-date', key, value })}
              onUpload={(key) => void upload(key)} onUploadAll={() => void uploadAll()} onRemove={(key) => void remove(key)}
              {...(state.followUp ? { continueLabel: 'Continue to review' } : { onBack: () => go('details') })}
              onContinue={() => go(state.followUp ? 'review' : 'consent')} />
          )}
          {state.step === 'consent' && (
            <ConsentStep consent={state.consent} errors={state.fieldErrors} busy={state.busy} today={today} dispatch={dispatch}
              onBack={() => go('photos')} onContinue={() => void saveConsent()} />
          )}
          {state.step === 'review' && <ReviewStep state={state} today={today} onBack={() => go(state.followUp ? 'photos' : 'consent')} onSubmit={() => void submit()} />}
        </>
      )}
    </div>
  );
}
