/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /**
     * The signed-in user, resolved by the middleware from the session cookie; null when anonymous.
     * Use `requireUser`/`requireRole` from src/lib/accounts in endpoints that need one.
     */
    user: import('./lib/accounts/types.ts').SignedInUser | null;
  }
}
