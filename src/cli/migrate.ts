import { loadConfig } from '../config/index.js';
import { openStore } from '../store/index.js';
import type { CliCommand } from './io.js';

/** `bulwark migrate`: brings the configured database to the latest schema and exits. */
export const migrateCommand: CliCommand = async (_args, io) => {
  const config = loadConfig(io.env);
  const store = await openStore(config.databaseUrl, { migrate: true });
  await store.close();
  io.stdout.write(`Database is up to date (${config.databaseUrl.split(':')[0]}).\n`);
  return 0;
};
