/** Public face of inquiries: consultation requests from prospective clients to one practitioner. */
export { createInquiryService, type InquiryService, type InquiryServiceDeps, type SentInquiry } from './service.ts';
export { inquiryInputSchema, inquiryLimits, type InquiryInput } from './schema.ts';
export { inquiryLimit, handledRetentionMs, isHoneypotFilled } from './rules.ts';
export type { InquiryRecord } from '../db/inquiries.ts';
