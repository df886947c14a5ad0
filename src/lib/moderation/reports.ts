import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { closeReport, insertReport, listReports, type ReportRecord } from '../db/reports.ts';
import type { Database } from '../db/types.ts';
import { ModerationError } from './errors.ts';
import { reportSchema } from './schema.ts';
import { parse } from './service.ts';

export interface ReportServiceDeps {
  db: Database;
  /** Whether a case with this id is published (the content repository answers). */
  isPublished: (caseId: string) => Promise<boolean>;
  now?: () => Date;
  /** Reports one address may send per window; default 5 per 10 minutes. */
  limit?: { max: number; windowMs: number };
}

/**
 * Public reports about published cases. Anyone may report, so a simple per-address limit keeps
 * one script from flooding the admins' queue (in memory: a restart forgets, which is acceptable
 * for a nuisance limit; the admins still see every stored report).
 */
export function createReportService(deps: ReportServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const { max, windowMs } = deps.limit ?? { max: 5, windowMs: 10 * 60_000 };
  const recent = new Map<string, number[]>();

  function allow(ip: string): boolean {
    const at = now().getTime();
    const times = (recent.get(ip) ?? []).filter((t) => at - t < windowMs);
    if (times.length >= max) {
      recent.set(ip, times);
      return false;
    }
    times.push(at);
    recent.set(ip, times);
    if (recent.size > 10_000) recent.clear(); // bound the memory a spray of addresses can take
    return true;
  }

  /** Stores a report about a published case (404 for an unknown case, 429 past the limit). */
  async function createReport(body: unknown, ip: string): Promise<ReportRecord> {
    const input = parse(reportSchema, body);
    if (!(await deps.isPublished(input.caseId))) throw new ModerationError(404, 'not-found', 'No published case has this id: report a case from its page.', { field: 'caseId' });
    if (!allow(ip)) throw new ModerationError(429, 'too-many-reports', 'Too many reports from your address: try again in a few minutes.');
    return insertReport(deps.db, { caseId: input.caseId, reason: input.reason, contact: input.contact }, now());
  }

  /** Open reports, oldest first. */
  function openReports(): ReportRecord[] {
    return listReports(deps.db, 'open');
  }

  /** An admin closes a report once handled (audited); 404 unless it is open. */
  function close(admin: { id: number; role: string }, id: unknown): { status: 'closed' } {
    if (admin.role !== 'admin') throw new ModerationError(403, 'forbidden', 'Only admins close reports.');
    const reportId = typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : NaN;
    inTransaction(deps.db, () => {
      if (!Number.isSafeInteger(reportId) || !closeReport(deps.db, reportId)) throw new ModerationError(404, 'not-found', 'No open report has this id.');
      recordAuditEvent(deps.db, { actorUserId: admin.id, action: 'report.close', subject: `report:${reportId}`, before: { status: 'open' }, after: { status: 'closed' } }, now());
    });
    return { status: 'closed' };
  }

  return { createReport, openReports, close };
}

export type ReportService = ReturnType<typeof createReportService>;
