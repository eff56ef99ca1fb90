import { TooManyAttemptsError, ValidationError, type FieldErrors } from '../errors.js';
import { isLegacyHash, normalizePassword } from '../passwords/index.js';
import type { SessionRecord, UserRecord } from '../store/types.js';
import { changePasswordBody, parseBody } from '../validation/index.js';
import { createSession, type IssuedSession } from './create-session.js';
import type { AccountDependencies, RequestOrigin } from './dependencies.js';
import { recordAudit } from './record-audit.js';

const WRONG_CURRENT = 'The current password is not correct.';

/**
 * Change password, as a list of steps. On success every session of the user is revoked
 * (including the one used here) and a brand-new session is issued in its place.
 */
export async function changePassword(
  deps: AccountDependencies,
  current: { user: UserRecord; session: SessionRecord },
  body: unknown,
  origin: RequestOrigin,
): Promise<IssuedSession & { user: UserRecord }> {
  const { user } = current;
  // 1. Shape of the input.
  const parsed = parseBody(changePasswordBody, body);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const newPassword = normalizePassword(parsed.value.newPassword);

  // 2. A stolen session alone must not be enough: the current password is verified, under the
  //    same throttle as logins, so it cannot be guessed through this route either. The gate
  //    comes first, so a throttled caller cannot queue CPU work (hashing, policy) at all.
  const gate = await deps.loginThrottle.beginAttempt(`user:${user.id}`, origin.ip);
  if (!gate.allowed) {
    await recordAudit(deps, { event: 'password.change_throttled', userId: user.id, ip: origin.ip });
    throw new TooManyAttemptsError(gate.retryAfterSeconds);
  }
  const typedCurrent = parsed.value.currentPassword;
  const candidate = isLegacyHash(user.passwordHash) ? typedCurrent : normalizePassword(typedCurrent);
  // 3. The new password must satisfy the policy; it is reported together with any other problem.
  const errors: FieldErrors = {};
  const [verification, policy] = await Promise.all([
    deps.hasher.verifyPassword(user.passwordHash, candidate),
    deps.hasher.checkPasswordPolicy(newPassword, { username: user.username, email: user.email }),
  ]).catch(async (error: unknown) => {
    await gate.attempt.abandoned();
    throw error;
  });
  if (!policy.ok) errors.newPassword = policy.errors;
  if (!verification.valid) {
    await gate.attempt.failed();
    await recordAudit(deps, { event: 'password.change_failed', userId: user.id, ip: origin.ip });
    throw new ValidationError({ currentPassword: [WRONG_CURRENT], ...errors });
  }
  await gate.attempt.succeeded();

  // 4. Optional history: the new password may not be any of the last N (nor the current one).
  const historySize = deps.config.passwordPolicy.historySize;
  if (historySize > 0 && policy.ok && (await isReused(deps, user, newPassword, historySize))) {
    errors.newPassword = [`Choose a password you have not used for your last ${historySize} changes.`];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  // 5. Store the new hash only if the old one is still in place (a concurrent change wins).
  const newHash = await deps.hasher.hashPassword(newPassword);
  const now = deps.clock();
  const replaced = await deps.store.users.updatePasswordHash(user.id, newHash, { now, expectedHash: user.passwordHash, changed: true });
  if (!replaced) throw new ValidationError({ currentPassword: ['Your password was changed elsewhere. Sign in again and retry.'] });
  if (historySize > 0) await deps.store.users.addPasswordHistory(user.id, user.passwordHash, now, historySize);

  // 6. Revoke every session (this one too) and issue a fresh one.
  await deps.store.sessions.revokeSessions(user.id);
  const issued = await createSession(deps, user.id, origin);
  await recordAudit(deps, { event: 'password.changed', userId: user.id, ip: origin.ip });
  return { ...issued, user: { ...user, passwordHash: newHash, passwordChangedAt: now } };
}

async function isReused(deps: AccountDependencies, user: UserRecord, newPassword: string, historySize: number): Promise<boolean> {
  const previous = [user.passwordHash, ...(await deps.store.users.listPasswordHistory(user.id, historySize))];
  for (const hash of previous) {
    if ((await deps.hasher.verifyPassword(hash, newPassword)).valid) return true;
  }
  return false;
}
