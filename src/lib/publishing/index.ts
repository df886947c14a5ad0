/**
 * Publishing and withdrawal: an approved submission becomes a case folder in `portfolios/`, its
 * variants, content and search document, through a journaled step machine a crash cannot break;
 * a withdrawal undoes all of it behind a tombstone. Server code uses `./server.ts`.
 */
export type * from './types.ts';
export { altText, caseIdFor, caseYamlFor, caseYamlText, type CaseYaml, type CaseYamlPhoto } from './case-yaml.ts';
export { runJournal } from './journal.ts';
export { publishSubmission } from './publish.ts';
export { finishWithdrawal, mayWithdraw, withdrawableCase, withdrawCase } from './withdraw.ts';
export { resumeUnfinished, resumePublishes, type RecoveryReport } from './recover.ts';
export { applyClientAnswer, applyAnswerReview, applyDueAnswers, type AnswerEffect } from './client-answers.ts';
export { appendFollowUp, withClientConfirmation } from './follow-up-yaml.ts';
export { publishSteps, type PublishStep, type JournalStep } from '../db/publish-journal.ts';
