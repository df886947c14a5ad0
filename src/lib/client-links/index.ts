/**
 * Client confirmation: one-time links a practitioner (or an admin) sends to a case's client, the
 * client's page and answer (confirm, decline, withdraw, a photo of their own), and moderators'
 * review of declined published cases. The server's bound services come from `./server.ts`.
 */
export { createClientLinkService, type ClientLinkService, type ClientLinkDeps, type CreatedLink, type LinkActor, type OpenedLink } from './service.ts';
export { createClientAnswers, LinkNoLongerValid, type ClientAnswers, type ClientAnswerDeps, type ClientBody } from './answers.ts';
export { createDeclineReviews, declineReviewSchema, type DeclineReviews } from './declines.ts';
export { isLinkToken, linkLifetimeMs, linkLookupLimit, linkState, linkTokenHash, maxClientMessage, newLinkToken } from './rules.ts';
export { clientAnswerSchema, linkRequestSchema, type ClientAnswerInput } from './schema.ts';
export type { ClientCaseView, ClientPhotoView, PhotoImages } from './view.ts';
export type { LinkTarget } from './target.ts';
