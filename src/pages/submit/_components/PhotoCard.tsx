/**
 * One photo of the case: before upload its view choice, during upload a progress bar, then the
 * thumbnail, the date found and the stage; a refusal or a flag sits right under the file it concerns.
 */
import { stages, views, type Stage, type View } from '../../../lib/content/vocabulary.ts';
import { evidenceStatement } from '../../../lib/evidence/index.ts';
import { stageLabel } from '../../../lib/trust/badge.ts';
import { previewUrl } from './api.ts';
import { dayLabel, fileSize, viewLabels } from './labels.ts';
import type { Flag, PhotoItem } from './types.ts';

interface Props {
  item: PhotoItem;
  draftId: string;
  today: string;
  /** Automatic-check findings about this photo (review, after submit). */
  flags?: Flag[];
  /** Editing callbacks; absent in the read-only review. */
  edit?: {
    view(view: View): void;
    claim(stage: Stage | ''): void;
    date(value: string): void;
    upload(): void;
    remove(): void;
  };
}

export default function PhotoCard({ item, draftId, today, flags = [], edit }: Props) {
  const id = `photo-${item.key}`;
  const { photo, status } = item;
  const inFlight = status === 'uploading' || status === 'processing';
  const showProgress = inFlight || status === 'done';
  const percent = item.total > 0 ? Math.round((item.loaded / item.total) * 100) : 0;
  const progressText = status === 'uploading' ? `Uploading: ${percent}%` : status === 'processing' ? 'Sent: checking the photo…' : 'Uploaded';

  return (
    <li className={`photo-card ${status}`} aria-labelledby={`${id}-name`}>
      <div className="thumb">
        {photo ? <img src={previewUrl(draftId, photo.id)} alt={`Preview of ${item.name}`} width={160} height={120} loading="lazy" /> : <span aria-hidden="true">{status === 'failed' ? '!' : '…'}</span>}
      </div>
      <div className="photo-body">
        <p className="photo-name" id={`${id}-name`}>
          {item.name} {item.size > 0 && <span className="muted">({fileSize(item.size)})</span>}
        </p>

        {showProgress && (
          <div className="upload-progress">
            <progress id={`${id}-progress`} max={item.total || 1} value={status === 'uploading' ? item.loaded : item.total || 1} aria-label={`Upload of ${item.name}`} />
            <span className="muted">{progressText}</span>
          </div>
        )}

        {photo && (
          <dl className="photo-facts">
            <dt>Taken</dt>
            <dd>{dayLabel(photo.capturedAt)} <span className="muted">({photo.dateSource === 'signed' ? 'signed at capture' : photo.dateSource === 'exif' ? 'date read from the photo' : 'declared date, unverified'})</span></dd>
            {photo.evidence && <><dt>Evidence</dt><dd className={`evidence evidence-${photo.evidence.level}`}>{evidenceStatement(photo.evidence, photo.capturedAt.slice(0, 10))}</dd></>}
            <dt>Stage</dt>
            <dd><span className={`stage stage-${photo.stage}`}>{stageLabel(photo.stage)}</span></dd>
            <dt>View</dt>
            <dd>{viewLabels[item.view]}{item.claimedStage && `, shown as ${stageLabel(item.claimedStage).toLowerCase()}`}</dd>
            {photo.width > 0 && <><dt>Size</dt><dd>{photo.width} × {photo.height} px</dd></>}
          </dl>
        )}

        {edit && (status === 'queued' || status === 'needs-date' || (status === 'failed' && item.error?.retryable)) && (
          <div className="field inline">
            <label htmlFor={`${id}-view`}>View</label>
            <select id={`${id}-view`} value={item.view} onChange={(event) => edit.view(event.currentTarget.value as View)}>
              {views.map((view) => <option key={view} value={view}>{viewLabels[view]}</option>)}
            </select>
            <label htmlFor={`${id}-claim`}>Shown as</label>
            <select id={`${id}-claim`} value={item.claimedStage} onChange={(event) => edit.claim(event.currentTarget.value as Stage | '')}>
              <option value="">Stage from the date</option>
              {stages.map((stage) => <option key={stage} value={stage}>{stageLabel(stage)}</option>)}
            </select>
          </div>
        )}

        {item.error && (
          <div className="photo-error" id={`${id}-error`} role={status === 'failed' ? 'alert' : undefined}>
            <p>{item.error.message}</p>
            {item.error.hint && !item.error.message.includes(item.error.hint) && <p className="hint">{item.error.hint}</p>}
          </div>
        )}

        {edit && status === 'needs-date' && (
          <div className="field inline">
            <label htmlFor={`${id}-date`}>Day the photo was taken</label>
            <input type="date" id={`${id}-date`} max={today} value={item.declaredDate} aria-describedby={`${id}-error`}
              aria-invalid={item.declaredDate ? undefined : true} onChange={(event) => edit.date(event.currentTarget.value)} />
          </div>
        )}

        {flags.length > 0 && (
          <ul className="flags" aria-label={`Flags on ${item.name}`}>
            {flags.map((flag, i) => <li key={i} data-code={flag.code}>{flag.message}</li>)}
          </ul>
        )}

        {edit && (
          <div className="photo-actions">
            {status === 'queued' && <button type="button" onClick={edit.upload}>Upload<span className="visually-hidden"> {item.name}</span></button>}
            {status === 'needs-date' && <button type="button" disabled={!item.declaredDate} onClick={edit.upload}>Upload with this date<span className="visually-hidden"> for {item.name}</span></button>}
            {status === 'failed' && item.error?.retryable && <button type="button" className="secondary" onClick={edit.upload}>Try again<span className="visually-hidden"> with {item.name}</span></button>}
            {!inFlight && (
              <button type="button" className="link danger" disabled={status === 'deleting'} onClick={edit.remove}>
                {status === 'deleting' ? 'Deleting…' : photo ? 'Delete' : 'Remove'}<span className="visually-hidden"> {item.name}</span>
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
