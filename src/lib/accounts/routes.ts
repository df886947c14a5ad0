/**
 * Paths whose routes read or write the accounts database. Only these answer 503 while the
 * database is unusable; the galleries, search, images and health stay up, because a visitor
 * comparing healed results needs none of it.
 */
const accountPaths = ['/api/auth', '/api/me', '/api/submissions', '/api/admin', '/api/cases', '/api/credentials', '/api/reports', '/api/uploadthing', '/api/inquiries', '/api/account', '/login', '/account', '/admin', '/submit', '/reported', '/client'];

/** Whether a request path needs the accounts database. Pure. */
export function needsAccounts(pathname: string): boolean {
  return accountPaths.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}.`));
}
