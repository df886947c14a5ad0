/** Shapes the /submit island works with: its forms, its photos and what the submissions API answers. */
import type { Stage, Treatment, View } from '../../../lib/content/vocabulary.ts';
import type { Evidence } from '../../../lib/evidence/index.ts';

/**
 * The steps, in the order. The draft is created when the details are done (photos need a
 * draft to belong to); the API takes consent later with `PATCH`, and requires it to submit.
 */
export const steps = ['details', 'photos', 'consent', 'review'] as const;
export type Step = (typeof steps)[number];

/** A follow-up takes its details and consent from its live case: only photos, then review. */
export const followUpSteps: readonly Step[] = ['photos', 'review'];

/** What a follow-up draft adds to: its live case, and the touch-up session it records. */
export interface FollowUpOf {
  caseId: string;
  touchUp: string | null;
}

/** The details form as typed: strings straight from the inputs, converted when the draft is created. */
export interface DetailsForm {
  /** One of the five treatments, or '' until chosen. */
  treatment: Treatment | '';
  /** Norwood stage '1'–'7' (male-pattern and post-transplant cases), or ''. */
  norwood: string;
  /** Ludwig 'I'–'III' (female hair loss), or ''. */
  ludwig: string;
  /** Fitzpatrick skin type 'I'–'VI' (every case). */
  fitzpatrick: string;
  /** 'fue' | 'fut' | 'injury' (scar corrections), or ''. */
  scarType: string;
  /** Session days, `YYYY-MM-DD`, 1–6 of them. */
  sessions: string[];
  /** Free text for the moderator and readers. */
  notes: string;
}

/** The consent form; nothing has a default, so the practitioner answers every question. */
export interface ConsentForm {
  /** Day the client signed, `YYYY-MM-DD`. */
  recordedAt: string;
  /** 'yes' (face visible), 'no' (cropped), or '' until answered. */
  faceVisible: '' | 'yes' | 'no';
  /** Optional last day of the consent, `YYYY-MM-DD`, or ''. */
  expiresAt: string;
  /** The practitioner's attestation that the client signed. */
  attested: boolean;
}

/** A photo the server accepted: `201` of `POST /api/submissions/:id/photos`. */
export interface UploadedPhoto {
  id: string;
  /** Capture day (or timestamp) the stage was computed from. */
  capturedAt: string;
  /** `signed` from the camera's signature, `exif` from the file's metadata, `declared` from the practitioner. */
  dateSource: 'signed' | 'exif' | 'declared';
  /** What the file proves (absent in answers from before evidence levels). */
  evidence?: Evidence;
  width: number;
  height: number;
  /** Stage computed from the capture date and the sessions. */
  stage: Stage;
}

/** Where one file is in its journey. */
export type PhotoStatus = 'queued' | 'uploading' | 'processing' | 'done' | 'needs-date' | 'failed' | 'deleting';

/** One file of the photos step, from the moment it is chosen. */
export interface PhotoItem {
  /** Client-side key (the File itself lives outside the state, keyed by this). */
  key: string;
  /** File name, as chosen. */
  name: string;
  /** Bytes. */
  size: number;
  /** The view, chosen before upload. */
  view: View;
  /** The stage the practitioner presents the photo as ('' = let the date decide). */
  claimedStage: Stage | '';
  /** A capture day the practitioner declares when the file carries none. */
  declaredDate: string;
  status: PhotoStatus;
  /** Upload progress in bytes (loaded of total). */
  loaded: number;
  total: number;
  /** Why the server refused it (message, what to do, and whether sending it again may help). */
  error: { message: string; hint?: string; retryable?: boolean } | null;
  /** The server's record once accepted. */
  photo: UploadedPhoto | null;
}

/** An automatic check's finding, shown to the practitioner and the moderator. */
export interface Flag {
  code: string;
  message: string;
  /** Set when the finding concerns one photo. */
  photoId?: string;
}

/** An API error body's inner object: `{ error: { code, message, field?, hint? } }`. */
export interface ApiError {
  code: string;
  message: string;
  /** The request field at fault (dotted path, e.g. `profile.norwood`, `sessions.1`). */
  field?: string;
  /** What the user can do about it (photo refusals). */
  hint?: string;
  /** Every problem of a refused body, each naming its field (the message names the first). */
  problems?: Array<{ field: string; message: string }>;
}

/** A draft as `GET /api/submissions/:id` returns it, normalized (see draft-shape.ts). */
export interface Draft {
  id: string;
  status: string;
  details: DetailsForm;
  /** The recorded consent, or an empty form when none is recorded yet. */
  consent: ConsentForm;
  hasConsent: boolean;
  /** Accepted photos; `name` is the original file name when the API keeps it. */
  photos: Array<UploadedPhoto & { view: View; name?: string; claimedStage?: Stage }>;
  flags: Flag[];
  /** Set for a follow-up of a live case. */
  followUp: FollowUpOf | null;
}
