export interface UniqueViolation {
  /** The violated constraint's name when the driver reports it (PostgreSQL), else null. */
  constraint: string | null;
}

/**
 * Recognises a unique-constraint violation by the driver's error code, never by message
 * text: better-sqlite3 sets code 'SQLITE_CONSTRAINT_UNIQUE' (or 'SQLITE_CONSTRAINT_PRIMARYKEY'
 * for a primary key), pg sets SQLSTATE '23505' and the constraint name. Returns null for
 * any other error.
 */
export function readUniqueViolation(error: unknown): UniqueViolation | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const { code } = error;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return { constraint: null };
  }
  if (code === '23505') {
    const constraint = 'constraint' in error && typeof error.constraint === 'string' ? error.constraint : null;
    return { constraint };
  }
  return null;
}
