import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJsonParse from 'secure-json-parse';
import { InvalidBodyError, UnsupportedMediaTypeError, ValidationError } from '../../errors.js';
import { forbiddenKeysErrors } from '../../validation/index.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Pieces of RFC 9110 §5.6.6 `parameters`, each matched where the last one ended (sticky), so
// text inside a quoted value is never taken for a parameter.
const PARAMETER_SEPARATOR = /[ \t]*;[ \t]*/y;
const PARAMETER_NAME = /([!#$%&'*+.^_`|~0-9A-Za-z-]+)=/y;
const TOKEN_VALUE = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const QUOTED_VALUE = /"(?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*"/y;
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
  refuseCodings(request);
  const charset = charsetOf(request.headers['content-type'] ?? '');
  if (charset !== undefined && !UTF8_LABELS.has(charset.toLowerCase())) {
    throw new UnsupportedMediaTypeError('Send the body as UTF-8: set charset=utf-8 in the Content-Type header, or leave the charset out.');
  }
  try {
    return utf8.decode(body);
  } catch {
    throw new InvalidBodyError(NOT_UTF8);
  }
}

/**
 * Compressed bodies are not undone here, and a coding that is only claimed must not be ignored
 * either: the bytes would be read as something other than what the client said they were.
 */
function refuseCodings(request: FastifyRequest): void {
  const codings = (header: string | undefined) => (header ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '');
  if (codings(request.headers['content-encoding']).some((coding) => coding !== 'identity')) {
    throw new UnsupportedMediaTypeError('This server does not take compressed bodies: send the body uncompressed, without a Content-Encoding header.');
  }
  if (codings(request.headers['transfer-encoding']).some((coding) => coding !== 'chunked')) {
    throw new UnsupportedMediaTypeError('The only Transfer-Encoding this server takes is chunked: send the body uncompressed.');
  }
}

/** The charset parameter of a Content-Type value, read by its grammar; a malformed or doubled one is refused. */
function charsetOf(contentType: string): string | undefined {
  const malformed = () =>
    new UnsupportedMediaTypeError('The Content-Type header is not valid: write it as application/json or application/x-www-form-urlencoded, optionally followed by ; charset=utf-8.');
  const matchAt = (pattern: RegExp, at: number) => {
    pattern.lastIndex = at;
    const match = pattern.exec(contentType);
    return match === null ? null : { text: match[1] ?? match[0], end: pattern.lastIndex };
  };
  let at = contentType.indexOf(';');
  if (at === -1) return undefined;
  let charset: string | undefined;
  while (at < contentType.length) {
    const separator = matchAt(PARAMETER_SEPARATOR, at);
    if (separator === null) {
      if (contentType.slice(at).trim() === '') break;
      throw malformed();
    }
    at = separator.end;
    // An empty parameter (";;", or a ";" at the end) is allowed.
    if (at === contentType.length || contentType[at] === ';') continue;
    const name = matchAt(PARAMETER_NAME, at);
    const value = name === null ? null : (matchAt(TOKEN_VALUE, name.end) ?? matchAt(QUOTED_VALUE, name.end));
    if (name === null || value === null) throw malformed();
    at = value.end;
    if (name.text.toLowerCase() !== 'charset') continue;
    if (charset !== undefined) throw new UnsupportedMediaTypeError('The Content-Type header gives charset more than once: give it once, as charset=utf-8.');
    charset = value.text.startsWith('"') ? value.text.slice(1, -1).replaceAll(/\\(.)/gs, '$1') : value.text;
  }
  return charset;
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
