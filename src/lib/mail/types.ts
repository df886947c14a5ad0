/** One plain-text email. */
export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text only: nothing a client typed is ever rendered as HTML in someone's inbox. */
  text: string;
  /** Where a reply goes, when it is not the sender (a client's email on an inquiry). */
  replyTo?: string;
}

/**
 * The mail port. The embedded default sends nothing (links and messages are shown in the app);
 * production sends through SMTP (`SMTP_URL`).
 */
export interface Mailer {
  /** `none` or `smtp`, for /api/health and logs. */
  readonly driver: string;
  /** Resolves once the server accepted the message; `sent: false` when no mail is configured. */
  send(message: MailMessage): Promise<{ sent: boolean }>;
}
