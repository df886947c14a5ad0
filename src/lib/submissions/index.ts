/**
 * The submission flow: drafts of cases, their photos (streamed into storage, ingested, recorded),
 * and submit with its automatic checks (flags). Pure parts (schemas, flags) are usable anywhere;
 * the server's bound service comes from `./server.ts`, and `./uploadthing-deps.ts` wires it into
 * the UploadThing route.
 */
export { createSubmissionService, type SubmissionService, type SubmissionServiceDeps, type Actor } from './service.ts';
export { computeFlags, flagCodes, flagThresholds, type CopyOf, type CopyOwner, type FlagCode, type FlagInput, type FlagPhoto, type SubmissionFlag } from './flags.ts';
export {
  createSubmissionSchemas, fieldProblems, idPattern, isId, latestDayOnEarth, photoFieldsSchema, submissionInputSchema, submissionLimits, submissionPatchSchema,
  type FieldProblem, type PhotoFields, type SubmissionInput, type SubmissionPatch,
} from './schema.ts';
export { SubmissionError, isSubmissionError } from './errors.ts';
export { createUploadCallbacks, cookieValue } from './upload-callbacks.ts';
export { previewUrl, type PhotoSummary, type PhotoView, type SubmissionListView, type SubmissionView } from './views.ts';
