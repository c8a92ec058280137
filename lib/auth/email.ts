/**
 * Emails are stored and looked up trimmed and lower-cased, so `Åsa@…` and `åsa@…` are one
 * account (SQLite's NOCASE folds only A–Z).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}
