import { configSettings } from './config-settings.js';

/** The settings as a Markdown table for the README: variable, default, description. */
export function renderConfigTable(): string {
  const rows = configSettings.map((setting) => {
    const defaultText = setting.default === null ? '(unset)' : `\`${setting.default}\``;
    const accepts = setting.parse.accepts === undefined ? '' : ` ${setting.parse.accepts}`;
    const description = `${setting.description}${accepts}${setting.secret ? ' Secret: never logged or echoed.' : ''}`;
    return `| \`${setting.env}\` | ${defaultText} | ${escapeCell(description)} |`;
  });
  return ['| Variable | Default | Description |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}

function escapeCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}
