import { InvalidCredentialsError, OverloadedError, TooManyAttemptsError, ValidationError } from '../errors.js';
import { equalConstantTime, isLegacyHash, isPasswordExpired, normalizePassword } from '../passwords/index.js';
import type { LoginAttempt } from '../limits/index.js';
import type { PasswordVerification } from '../passwords/types.js';
import type { UserRecord } from '../store/types.js';
import { loginBody, normalizeLoginIdentifier, parseBody } from '../validation/index.js';
import { createSession, type IssuedSession } from './create-session.js';
import type { AccountDependencies, RequestOrigin } from './dependencies.js';
import { recordAudit } from './record-audit.js';

export interface LoginResult extends IssuedSession {
  user: UserRecord;
  passwordExpired: boolean;
}

/**
 * Login, as a list of steps. Every wrong case (unknown user, wrong password) gets the same
 * error after the same work; the throttle is consulted before any password is verified.
 */
export async function logIn(deps: AccountDependencies, body: unknown, origin: RequestOrigin): Promise<LoginResult> {
  // 1. Shape of the input (a missing field is a client bug, not a wrong credential).
  const parsed = parseBody(loginBody, body);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const loginKey = normalizeLoginIdentifier(parsed.value.username);

  // 2. Find the account (one indexed read).
  const user = await deps.store.users.findUserByLogin(loginKey);

  // 3. Throttle before verifying, so a blocked guess learns nothing, not even by timing. The
  //    pair is keyed by the name as typed, not by the account it names: were an account's
  //    username and email one allowance, a block placed through the username would answer 429
  //    for exactly the emails of that account, telling an attacker which email is whose. The
  //    price is a second allowance for the account's other name; the per-client limit caps both.
  const gate = await deps.loginThrottle.beginAttempt(`login:${loginKey}`, origin.ip);
  if (!gate.allowed) {
    if (gate.reportable) await recordAudit(deps, { event: 'login.throttled', userId: user?.id ?? null, ip: origin.ip });
    throw new TooManyAttemptsError(gate.retryAfterSeconds);
  }

  // 4. Verify. An unknown account still costs one full verification against a dummy hash;
  //    imported legacy hashes were made from the password exactly as typed.
  let verification: PasswordVerification;
  try {
    if (user === null) {
      await deps.hasher.verifyDummy(normalizePassword(parsed.value.password));
      verification = { valid: false, needsRehash: false };
    } else {
      verification = await deps.hasher.verifyPassword(user.passwordHash, candidatePassword(user.passwordHash, parsed.value.password));
    }
  } catch (error) {
    // The password was never checked (e.g. the hash queue is full): this attempt does not count.
    await gate.attempt.abandoned();
    throw error;
  }
  if (user === null || !verification.valid) {
    await gate.attempt.failed();
    await recordAudit(deps, { event: 'login.failed', userId: user?.id ?? null, ip: origin.ip, details: { reason: user === null ? 'unknown_account' : 'wrong_password' } });
    throw new InvalidCredentialsError();
  }

  // 5. Right password: upgrade an old hash, issue a brand-new session.
  const verifiedHash = verification.needsRehash ? await upgradeHash(deps, user, normalizePassword(parsed.value.password)) : user.passwordHash;
  const issued = await createSession(deps, user.id, origin);
  try {
    await confirmSession(deps, user, verifiedHash, parsed.value.password, gate.attempt, origin);
  } catch (error) {
    // Whatever stopped the login after its session was stored (a changed password, the hash
    // queue or the throttle store failing), no session may outlive an answer that gave no cookie.
    await deps.store.sessions.revokeSession(user.id, issued.session.id).catch(() => undefined);
    throw error;
  }
  const passwordExpired = isPasswordExpired(user.passwordChangedAt, deps.clock(), deps.config.passwordPolicy.maxAgeDays);
  return { ...issued, user, passwordExpired };
}

/** Steps 6 and 7, once the login's session exists; throws to refuse it. */
async function confirmSession(
  deps: AccountDependencies,
  user: UserRecord,
  verifiedHash: string,
  typedPassword: string,
  attempt: LoginAttempt,
  origin: RequestOrigin,
): Promise<void> {
  // 6. The password may have been changed while this one was being verified: the change revoked
  //    every session, but not this one, which did not exist yet. Read after the session exists,
  //    so either this read sees the new password or the change's revocation sees the session.
  //    A different hash is not always a new password: a concurrent login may have upgraded the
  //    same password's old hash. So the password is checked again against the hash now stored.
  const current = await deps.store.users.findUserById(user.id);
  const stillValid = current !== null && (equalConstantTime(Buffer.from(current.passwordHash, 'utf8'), Buffer.from(verifiedHash, 'utf8'))
    || await verifiesAgainstCurrentHash(deps, current, typedPassword, attempt));
  if (!stillValid) {
    await attempt.failed();
    await recordAudit(deps, { event: 'login.failed', userId: user.id, ip: origin.ip, details: { reason: 'password_changed' } });
    throw new InvalidCredentialsError();
  }

  // 7. Success: the pair's failures are forgotten.
  await attempt.succeeded();
  await recordAudit(deps, { event: 'login.succeeded', userId: user.id, ip: origin.ip });
}

/**
 * The stored hash changed while this login was verified (rare: a password change, or another
 * login upgrading the same password's hash). Only a password that still verifies keeps its session.
 * If the check cannot run (the hash queue is full), the attempt does not count.
 */
async function verifiesAgainstCurrentHash(deps: AccountDependencies, current: UserRecord, typedPassword: string, attempt: LoginAttempt): Promise<boolean> {
  try {
    return (await deps.hasher.verifyPassword(current.passwordHash, candidatePassword(current.passwordHash, typedPassword))).valid;
  } catch (error) {
    await attempt.abandoned();
    throw error;
  }
}

/** Imported legacy hashes were made from the password exactly as typed; ours from its NFKC form. */
function candidatePassword(storedHash: string, typedPassword: string): string {
  return isLegacyHash(storedHash) ? typedPassword : normalizePassword(typedPassword);
}

/**
 * Replaces a legacy or weaker hash with argon2id; compare-and-set so a concurrent password
 * change wins. Best effort: when the hash queue is full the login still succeeds, and the
 * upgrade happens at a later login. Returns the hash the verified password now has in the store.
 */
async function upgradeHash(deps: AccountDependencies, user: UserRecord, password: string): Promise<string> {
  let upgraded: string;
  try {
    upgraded = await deps.hasher.hashPassword(password);
  } catch (error) {
    if (error instanceof OverloadedError) return user.passwordHash;
    throw error;
  }
  const replaced = await deps.store.users.updatePasswordHash(user.id, upgraded, {
    now: deps.clock(),
    expectedHash: user.passwordHash,
    changed: false,
  });
  if (!replaced) return user.passwordHash;
  await recordAudit(deps, { event: 'password.rehashed', userId: user.id, ip: null });
  return upgraded;
}
