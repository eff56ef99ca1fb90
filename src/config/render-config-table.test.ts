import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSettings } from './config-settings.js';
import { loadConfig } from './load-config.js';
import { renderConfigTable } from './render-config-table.js';

describe('renderConfigTable', () => {
  const table = renderConfigTable();
  const lines = table.trimEnd().split('\n');

  it('renders a header and one row per setting, in table order', () => {
    expect(lines[0]).toBe('| Variable | Default | Description |');
    expect(lines[1]).toBe('| --- | --- | --- |');
    expect(lines).toHaveLength(configSettings.length + 2);
    configSettings.forEach((setting, index) => {
      expect(lines[index + 2]?.startsWith(`| \`${setting.env}\` | `)).toBe(true);
    });
  });

  it('covers every setting the loader reads, with four cells a row', () => {
    for (const name of ['NODE_ENV', 'PORT', 'DATABASE_URL', 'TRUSTED_PROXIES', 'ARGON2_MEMORY_KIB', 'PASSWORD_BLOCKLIST_FILE', 'SESSION_TOUCH_SECONDS', 'BULWARK_MASTER_KEYS']) {
      expect(table).toContain(`| \`${name}\` |`);
    }
    for (const line of lines.slice(2)) expect(line.split(/(?<!\\)\|/)).toHaveLength(5);
  });

  it('shows defaults and marks secrets', () => {
    expect(table).toContain('| `PORT` | `8000` |');
    expect(table).toContain('| `PUBLIC_URL` | (unset) |');
    expect(lines.find((line) => line.startsWith('| `BULWARK_MASTER_KEYS`'))).toContain('Secret: never logged or echoed.');
  });

  it('documents defaults that the loader accepts', () => {
    const defaults = Object.fromEntries(configSettings.flatMap((setting) => (setting.default === null ? [] : [[setting.env, setting.default]])));
    expect(() => loadConfig(defaults)).not.toThrow();
  });

  it.each([['docs', 'config-table.md'], ['README.md']])('matches %s (regenerate the table there if this fails)', (...path: string[]) => {
    const documented = readFileSync(resolve(import.meta.dirname, '..', '..', ...path), 'utf8');
    expect(documented).toContain(table);
  });
});
