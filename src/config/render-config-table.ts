import { configSettings } from './config-settings.js';

/** The settings as a Markdown table for the README: variable, default, description. */
export function renderConfigTable(): string {
  const rows = configSettings.map((setting) => {
    const defaultText = setting.default === null ? '(unset)' : `\`${setting.default}\``;
    const description = setting.secret ? `${setting.description} Secret: never logged or echoed.` : setting.description;
    return `| \`${setting.env}\` | ${defaultText} | ${escapeCell(description)} |`;
  });
  return ['| Variable | Default | Description |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}

function escapeCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}
