import { randomUUID } from 'node:crypto';
import { OverloadedError, TooManyAttemptsError, ValidationError, type FieldErrors } from '../errors.js';
import { normalizePassword } from '../passwords/index.js';
import type { UserRecord } from '../store/types.js';
import { normalizeEmail, normalizeUsername, parseBody, registerBody } from '../validation/index.js';
import type { AccountDependencies, RequestOrigin } from './dependencies.js';
import { recordAudit } from './record-audit.js';

/**
 * Sign-up. Every problem with the input is reported at once. The password is checked and hashed
 * outside any transaction (on the password worker pool), so sign-ups run concurrently.
 */
export async function registerUser(deps: AccountDependencies, body: unknown, origin: RequestOrigin): Promise<UserRecord> {
  const throttle = await deps.registrationThrottle.consume(origin.ip);
  if (!throttle.allowed) throw new TooManyAttemptsError(throttle.retryAfterSeconds);
  try {
    return await registerCounted(deps, body, origin);
  } catch (error) {
    // A 503 is the server's failure, not the client's attempt: retrying as told must not use up
    // the hour. Best effort: the throttle store may be what failed.
    if (error instanceof OverloadedError) await deps.registrationThrottle.refund(origin.ip).catch(() => undefined);
    throw error;
  }
}

async function registerCounted(deps: AccountDependencies, body: unknown, origin: RequestOrigin): Promise<UserRecord> {
  const parsed = parseBody(registerBody, body);
  if (!parsed.ok) throw new ValidationError(await withPasswordErrors(deps, parsed.errors, body));
  const username = normalizeUsername(parsed.value.username);
  const email = normalizeEmail(parsed.value.email);
  const password = normalizePassword(parsed.value.password);

  // The names first (indexed reads), so a taken name costs a policy check but never a hash.
  const [usernameOwner, emailOwner] = await Promise.all([
    deps.store.users.findUserByLogin(username.key),
    deps.store.users.findUserByLogin(email.key),
  ]);
  const context = { username: username.display, email: email.address };
  const namesFree = usernameOwner === null && emailOwner === null;
  // One worker task checks the policy and, only if it passes, hashes: one queue wait, not two.
  const { policy, hash: passwordHash } = namesFree
    ? await deps.hasher.hashIfPolicyAllows(password, context)
    : { policy: await deps.hasher.checkPasswordPolicy(password, context), hash: null };
  const errors: FieldErrors = {};
  if (!policy.ok) errors.password = policy.errors;
  if (usernameOwner !== null) errors.username = [USERNAME_TAKEN];
  if (emailOwner !== null) errors.email = [EMAIL_TAKEN];
  if (passwordHash === null || Object.keys(errors).length > 0) throw new ValidationError(errors);

  const created = await deps.store.users.createUser({
    id: randomUUID(),
    username: username.display,
    usernameKey: username.key,
    email: email.address,
    emailKey: email.key,
    passwordHash,
    now: deps.clock(),
  });
  // A concurrent sign-up may have taken the name between the check and the insert.
  if (!created.ok) throw new ValidationError(created.conflict === 'username' ? { username: [USERNAME_TAKEN] } : { email: [EMAIL_TAKEN] });

  await recordAudit(deps, { event: 'user.registered', userId: created.user.id, ip: origin.ip });
  return created.user;
}

/**
 * When other fields are malformed, the password is still checked, so the person sees every
 * problem in one answer rather than one round trip per field.
 */
async function withPasswordErrors(deps: AccountDependencies, errors: FieldErrors, body: unknown): Promise<FieldErrors> {
  if (errors.password !== undefined || typeof body !== 'object' || body === null) return errors;
  const { password, username, email } = body as Record<string, unknown>;
  if (typeof password !== 'string') return errors;
  const context = {
    ...(typeof username === 'string' && errors.username === undefined ? { username } : {}),
    ...(typeof email === 'string' && errors.email === undefined ? { email } : {}),
  };
  const policy = await deps.hasher.checkPasswordPolicy(normalizePassword(password), context);
  return policy.ok ? errors : { ...errors, password: policy.errors };
}

const USERNAME_TAKEN = 'This username is taken. Choose another one.';
const EMAIL_TAKEN = 'An account with this email address already exists. Sign in instead.';
