/**
 * Step 2: photos. Files come by drag and drop or from a file input (the keyboard path); each gets
 * its view chosen, then goes up on its own request with its own progress bar.
 */
import { useState, type ChangeEvent, type DragEvent } from 'react';
import type { Stage, View } from '../../../lib/content/vocabulary.ts';
import PhotoCard from './PhotoCard.tsx';
import type { PhotoItem } from './types.ts';

/** The formats ingest accepts. Listing them also makes iPhones convert HEIC to JPEG when picking. */
const accepted = 'image/jpeg,image/png,image/webp,image/avif';

interface Props {
  photos: PhotoItem[];
  draftId: string;
  today: string;
  canContinue: boolean;
  onFiles(files: File[]): void;
  onView(key: string, view: View): void;
  onClaim(key: string, stage: Stage | ''): void;
  onDate(key: string, value: string): void;
  onUpload(key: string): void;
  onUploadAll(): void;
  onRemove(key: string): void;
  /** Absent for a follow-up: it has no step before its photos. */
  onBack?(): void;
  onContinue(): void;
  /** What the continue button says (the next step's name). */
  continueLabel?: string;
}

export default function PhotosStep(props: Props) {
  const { photos, draftId, today, canContinue } = props;
  const [dragging, setDragging] = useState(false);
  const queued = photos.filter((p) => p.status === 'queued').length;

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length) props.onFiles(files);
  };
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])];
    event.currentTarget.value = ''; // choosing the same file again still fires change
    if (files.length) props.onFiles(files);
  };

  return (
    <div className="step-form">
      <div className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragEnter={(event) => { event.preventDefault(); setDragging(true); }}
        onDragOver={(event) => { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; }}
        onDragLeave={(event) => { if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false); }}
        onDrop={drop}>
        <p className="drop-title">Drop photos here</p>
        <p className="muted">or</p>
        <label className="file-button">
          Choose photos…
          <input className="visually-hidden" type="file" multiple accept={accepted} onChange={pick} aria-describedby="photo-rules" />
        </label>
        <p className="hint" id="photo-rules">
          JPEG, PNG, WebP or AVIF, up to 25 MB, at least 800 px on the short side (under 1200 px the
          moderator sees a low-resolution flag). Upload the original
          from the phone or camera: its date decides the stage, and only a date read from the file can earn a healed badge.
        </p>
      </div>

      {photos.length > 0 && (
        <ul className="photo-list" aria-label="Photos of this case">
          {photos.map((item) => (
            <PhotoCard key={item.key} item={item} draftId={draftId} today={today} edit={{
              view: (view) => props.onView(item.key, view),
              claim: (stage) => props.onClaim(item.key, stage),
              date: (value) => props.onDate(item.key, value),
              upload: () => props.onUpload(item.key),
              remove: () => props.onRemove(item.key),
            }} />
          ))}
        </ul>
      )}

      <div className="actions">
        {props.onBack && <button type="button" className="secondary" onClick={props.onBack}>Back</button>}
        {queued > 0 && <button type="button" onClick={props.onUploadAll}>Upload {queued} {queued === 1 ? 'photo' : 'photos'}</button>}
        <button type="button" className={queued > 0 ? 'secondary' : undefined} disabled={!canContinue} onClick={props.onContinue} aria-describedby={canContinue ? undefined : 'continue-hint'}>{props.continueLabel ?? 'Continue to consent'}</button>
      </div>
      {!canContinue && <p className="hint" id="continue-hint">Continue once at least one photo is uploaded and none is still on its way.</p>}
    </div>
  );
}
