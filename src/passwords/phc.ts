/**
 * Pieces of the PHC string format (https://github.com/P-H-C/phc-string-format):
 * `$<id>[$v=<version>][$<name>=<value>(,<name>=<value>)*][$<salt>[$<hash>]]`.
 * Only the parts the legacy schemes need: the argon2 strings are parsed by @node-rs/argon2.
 */

const phcBase64 = /^[A-Za-z0-9+/.]*$/;

/**
 * Decodes PHC "B64" (standard alphabet, no padding). Also accepts passlib's adapted base64,
 * which writes `.` for `+`: the two never clash, so one decoder serves both.
 * Returns null for anything that is not canonical unpadded base64.
 */
export function decodePhcBase64(value: string): Buffer | null {
  if (!phcBase64.test(value) || value.length % 4 === 1) return null;
  const standard = value.replaceAll('.', '+');
  const bytes = Buffer.from(standard, 'base64');
  // Buffer.from ignores stray bits; re-encoding rejects non-canonical trailing characters.
  if (bytes.toString('base64').replace(/=+$/, '') !== standard) return null;
  return bytes;
}

export function encodePhcBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

const parameterName = /^[a-z0-9-]{1,32}$/;
const parameterValue = /^[A-Za-z0-9/+.-]{1,64}$/;

/** Parses `a=1,b=2` into a map; null when malformed or a name repeats. */
export function parsePhcParameters(segment: string): Map<string, string> | null {
  const parameters = new Map<string, string>();
  for (const pair of segment.split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) return null;
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    if (!parameterName.test(name) || !parameterValue.test(value) || parameters.has(name)) return null;
    parameters.set(name, value);
  }
  return parameters;
}

/** Parses a decimal integer without sign, leading zeros or exponent; null otherwise. */
export function parseDecimal(value: string | undefined, min: number, max: number): number | null {
  if (value === undefined || !/^(0|[1-9][0-9]{0,9})$/.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}
