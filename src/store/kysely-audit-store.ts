import type { Kysely, Selectable } from 'kysely';
import { assertCount } from './assert-count.js';
import type { AuditEventsTable, Database } from './schema.js';
import type { AuditEvent, AuditStore } from './types.js';

type StoredAuditEvent = AuditEvent & { id: string };

export class KyselyAuditStore implements AuditStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async recordEvent(event: AuditEvent): Promise<void> {
    await this.#db
      .insertInto('audit_events')
      .values({
        at: event.at,
        event: event.event,
        user_id: event.userId,
        ip: event.ip,
        details: event.details === undefined ? null : JSON.stringify(event.details),
      })
      .execute();
  }

  /** Newest first; events of the same millisecond in reverse order of recording. */
  async listEvents(options: { userId?: string; limit: number }): Promise<StoredAuditEvent[]> {
    assertCount('limit', options.limit, 0);
    if (options.limit === 0) return [];
    let query = this.#db.selectFrom('audit_events').selectAll();
    if (options.userId !== undefined) query = query.where('user_id', '=', options.userId);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(toStoredAuditEvent);
  }
}

function toStoredAuditEvent(row: Selectable<AuditEventsTable>): StoredAuditEvent {
  const event: StoredAuditEvent = { id: String(row.id), at: row.at, event: row.event, userId: row.user_id, ip: row.ip };
  if (row.details !== null) event.details = JSON.parse(row.details) as NonNullable<AuditEvent['details']>;
  return event;
}
