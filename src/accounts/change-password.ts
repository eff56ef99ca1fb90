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
    if (gate.reportable) await recordAudit(deps, { event: 'password.change_throttled', userId: user.id, ip: origin.ip });
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

  // 4. Optional history: the new password may not be one of the last N, counting the current
  //    one (as Windows' "passwords remembered" does), so N=1 only refuses keeping the same
  //    password. At 0 there is no check at all, not even against the current password.
  const historySize = deps.config.passwordPolicy.historySize;
  if (historySize > 0 && policy.ok && (await isReused(deps, user, newPassword, historySize))) {
    errors.newPassword = [describeReuse(historySize)];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  // 5. Store the new hash only if the old one is still in place (a concurrent change wins).
  const newHash = await deps.hasher.hashPassword(newPassword);
  const now = deps.clock();
  const replaced = await deps.store.users.updatePasswordHash(user.id, newHash, { now, expectedHash: user.passwordHash, changed: true });
  if (!replaced) throw new ValidationError({ currentPassword: ['Your password was changed elsewhere. Sign in again and retry.'] });
  // The new hash is the current one now; beside it only N-1 older ones can ever be compared,
  // so the store keeps no more than that (keep 0 at N=1 clears what a larger setting left).
  if (historySize > 0) await deps.store.users.addPasswordHistory(user.id, user.passwordHash, now, historySize - 1);

  // 6. Revoke every session (this one too) and issue a fresh one.
  await deps.store.sessions.revokeSessions(user.id);
  const issued = await createSession(deps, user.id, origin);
  await recordAudit(deps, { event: 'password.changed', userId: user.id, ip: origin.ip });
  return { ...issued, user: { ...user, passwordHash: newHash, passwordChangedAt: now } };
}

/** `historySize` counts the current password, so only historySize - 1 stored hashes join it. */
async function isReused(deps: AccountDependencies, user: UserRecord, newPassword: string, historySize: number): Promise<boolean> {
  const previous = [user.passwordHash, ...(await deps.store.users.listPasswordHistory(user.id, historySize - 1))];
  for (const hash of previous) {
    if ((await deps.hasher.verifyPassword(hash, newPassword)).valid) return true;
  }
  return false;
}

function describeReuse(historySize: number): string {
  if (historySize === 1) return 'Choose a password different from your current one.';
  return `Choose a password that is not one of your last ${historySize} passwords (your current one counts).`;
}
