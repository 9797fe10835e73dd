import { userInfo } from 'node:os';

/** The rater's identity: the setting, or else the operating-system user name. */
export function raterIdentity(configured: string): string {
  const id = configured.trim();
  if (id) return id;
  try {
    return userInfo().username || 'rater';
  } catch {
    // Some containers have no passwd entry for the uid.
    return process.env.USER ?? process.env.USERNAME ?? 'rater';
  }
}
