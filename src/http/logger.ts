import pino, { type Logger } from 'pino';
import type { Config } from '../config/types.js';

/**
 * Paths pino removes before a line is written: secrets, tokens, passwords and cookies never
 * reach a log, whatever a route or a plugin decides to log.
 */
export const redactedLogPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
  'body.totp',
  'body._csrf',
  '*.password',
  '*.token',
  '*.csrfToken',
  '*.passwordHash',
  '*.keys',
  '*.redisUrl',
  // Node attaches the raw request head (cookies included) to HTTP parser errors.
  'err.rawPacket',
  '*.rawPacket',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: redactedLogPaths, censor: '[redacted]' } }, destination);
}
