/**
 * Moderation: the admins' queue, the review data, decisions on submissions (a pure state machine in
 * `./rules.ts`), the audit log view, and public reports. The server's bound services come from
 * `./server.ts`.
 */
export { createModerationService, type ModerationService, type ModerationServiceDeps, type PublishFn, type PublishCache, type ReviewView, type AuditEntry, type Moderator } from './service.ts';
export { createReportService, type ReportService, type ReportServiceDeps } from './reports.ts';
export { decideTransition, decisionTargets, decidableStatuses, isModerationAction, maxReasonLength, moderationActions, type DecisionInput, type DecisionVerdict, type ModerationAction } from './rules.ts';
export { decisionSchema, reportSchema, queueQuerySchema, auditQuerySchema } from './schema.ts';
export { ModerationError, isModerationError } from './errors.ts';
export { createCredentialService, credentialInputSchema, credentialDecisionSchema, certificateUrl, type CredentialService, type CredentialServiceDeps, type CredentialView } from './credentials.ts';
export { markCredentialVerified, type YamlCredential } from './practitioner-yaml.ts';
