/**
 * Every migration, by name, as a static record: bundled with the code, so no file-system
 * lookup at run time. Names sort in the order they run; add new ones with the next number.
 */
import type { Migration } from 'kysely';
import { initialMigration } from './0001-initial.js';

export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-initial': initialMigration,
});
