import type { Stage, Treatment, View } from '../content/vocabulary.ts';
import type { EvidenceLevel } from '../evidence/index.ts';

/** What to generate. Same options → deep-equal data, and byte-identical files. */
export interface DemoOptions {
  /** Seeds every random choice. */
  seed: number;
  /** How many practitioners (the first ones are fixed personas, e.g. `ana-ribeiro`). */
  practitioners: number;
  /** How many cases in total, spread over the practitioners. */
  cases: number;
}

/** One credential, as written to practitioner.yaml. */
export interface CredentialYaml { title: string; issuer: string; year: number; verified: boolean }

/** practitioner.yaml, as written (see `practitionerSchema`). */
export interface PractitionerYaml {
  name: string;
  clinic?: string;
  bio: string;
  city: string;
  country: string;
  geo: { lat: number; lng: number };
  languages: string[];
  website?: string;
  credentials: CredentialYaml[];
}

/** One photo entry of case.yaml, as written (dates as `YYYY-MM-DD`). */
export interface PhotoYaml {
  file: string;
  view: View;
  capturedAt: string;
  /** What the (fictional) original proved: camera-original, declared or edited in the demo. */
  evidence: { level: EvidenceLevel; tool?: string };
  lighting?: 'daylight' | 'studio' | 'indoor' | 'flash';
  alt: string;
  sha256: string;
  /** `client` for a photo the client sent through their link. */
  addedBy?: 'client';
  /** The master's copy-index fingerprint (written with the file, like sha256). */
  fingerprint?: string;
  claimedStage?: Stage;
}

/** case.yaml, as written (see `caseSchema`). */
export interface CaseYaml {
  treatment: Treatment;
  profile: { norwood?: number; ludwig?: 'I' | 'II' | 'III'; fitzpatrick: Fitzpatrick; scarType?: 'fue' | 'fut' | 'injury' };
  sessions: string[];
  /** Touch-up sessions years later (cases with follow-ups). */
  touchUps?: string[];
  photos: PhotoYaml[];
  consent: { recordedAt: string; faceVisible: boolean; expiresAt?: string };
  notes: string;
  publishedAt: string;
  /** The day the client confirmed the case through their link. */
  clientConfirmation?: { confirmedAt: string };
}

export type Fitzpatrick = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI';

/** The synthetic image behind a photo: enough to render it (or pick a pooled one). */
export interface DemoImage { seed: number; stage: Stage; view: View; fitzpatrick: Fitzpatrick }

/** A photo before its file exists: the yaml entry minus the hashes, plus what to render. */
export interface DemoPhoto {
  entry: Omit<PhotoYaml, 'sha256' | 'fingerprint'>;
  image: DemoImage;
  /** Added by a follow-up after the case was published. */
  followUp?: boolean;
}

/** One generated case; `toCaseYaml` adds the photo hashes once the files are written. */
export interface DemoCase { id: string; data: Omit<CaseYaml, 'photos'>; photos: DemoPhoto[] }

/** One generated practitioner with their cases. */
export interface DemoPractitioner { slug: string; data: PractitionerYaml; cases: DemoCase[] }

/** Everything one run generates, before any file is written. */
export interface DemoSet { options: DemoOptions; practitioners: DemoPractitioner[] }
