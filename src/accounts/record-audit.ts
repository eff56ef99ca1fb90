import type { AuditEvent } from '../store/types.js';
import type { AccountDependencies } from './dependencies.js';

/** Security events for the audit trail. Details never hold a password, token, hash or cookie. */
export async function recordAudit(deps: Pick<AccountDependencies, 'store' | 'clock'>, event: Omit<AuditEvent, 'at'>): Promise<void> {
  await deps.store.audit.recordEvent({ ...event, at: deps.clock() });
}
