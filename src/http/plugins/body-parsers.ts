import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJsonParse from 'secure-json-parse';
import { InvalidBodyError, UnsupportedMediaTypeError, ValidationError } from '../../errors.js';
import { forbiddenKeysErrors } from '../../validation/index.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const CHARSET_PARAMETER = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;
const UTF8_LABELS = new Set(['utf-8', 'utf8']);
const NOT_UTF8 = 'The body is not valid UTF-8 text. Send it encoded as UTF-8.';

/**
 * Bodies are UTF-8 or refused. Fastify's JSON parser and @fastify/formbody decode any bytes
 * leniently, ignoring the declared charset: invalid UTF-8 turns into U+FFFD and a broken
 * %-escape stays as literal text, so two different passwords could arrive as the same string
 * and match the same account. Here a body declared in another charset gets 415, and bytes that
 * are not UTF-8, JSON that does not parse and form fields with a broken %-escape get 400.
 */
export function registerBodyParsers(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body: Buffer, done) => {
    done(null, parseJsonBody(decodeBody(request, body)));
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit }, (request, body: Buffer, done) => {
    done(null, parseFormBody(decodeBody(request, body)));
  });
}

function decodeBody(request: FastifyRequest, body: Buffer): string {
  const charset = CHARSET_PARAMETER.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !UTF8_LABELS.has(charset.toLowerCase())) {
    throw new UnsupportedMediaTypeError('Send the body as UTF-8: set charset=utf-8 in the Content-Type header, or leave the charset out.');
  }
  try {
    return utf8.decode(body);
  } catch {
    throw new InvalidBodyError(NOT_UTF8);
  }
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new InvalidBodyError('The JSON body is empty. Send a JSON object.');
  try {
    return secureJsonParse.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    // Either not JSON at all, or valid JSON with a key that could reach a prototype: tell which.
    if (isJson(text)) throw new ValidationError(forbiddenKeysErrors());
    throw new InvalidBodyError('The body is not valid JSON.');
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * application/x-www-form-urlencoded, strictly: `+` is a space and every %-escape must decode
 * to UTF-8. A name given more than once becomes a list, which the body schemas refuse. Built
 * with Object.fromEntries, so a `__proto__` name is an own key that parseBody then refuses,
 * never a prototype.
 */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const fields = new Map<string, string[]>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeFormComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decodeFormComponent(pair.slice(equals + 1));
    const values = fields.get(name);
    if (values === undefined) fields.set(name, [value]);
    else values.push(value);
  }
  return Object.fromEntries([...fields].map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values]));
}

function decodeFormComponent(component: string): string {
  try {
    return decodeURIComponent(component.replaceAll('+', ' '));
  } catch {
    throw new InvalidBodyError('The form body has a broken %-escape: each % must be followed by two hexadecimal digits that encode UTF-8 text.');
  }
}
