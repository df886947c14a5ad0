import type { APIRoute } from 'astro';
import { requireUser } from '../../../../lib/accounts/index.ts';
import { withdrawCaseAs } from '../../../../lib/publishing/server.ts';
import { answer, json, readJson } from '../../../../lib/submissions/http.ts';

const isForm = (request: Request) => (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * Withdraws a live case (consent revoked): its practitioner or an admin; optional `reason` →
 * 200 `{status: 'withdrawn'}`. The /account form posts form-encoded and is sent back there.
 */
export const POST: APIRoute = (context) =>
  answer(async () => {
    context.cache.set(false);
    const user = requireUser(context);
    if (user instanceof Response) return user;
    const form = isForm(context.request);
    const body = form
      ? Object.fromEntries((await context.request.formData()).entries())
      : context.request.headers.get('content-type') ? await readJson(context.request) : {};
    const reason = typeof (body as { reason?: unknown })?.reason === 'string' ? (body as { reason: string }).reason.slice(0, 1000) : '';
    const done = await withdrawCaseAs(user, context.params.id ?? '', { reason, cache: context.cache });
    if (form) return context.redirect(`/account?withdrawn=${encodeURIComponent(done.caseId)}`, 303);
    return json({ status: 'withdrawn', caseId: done.caseId, withdrawnAt: done.withdrawnAt });
  });
