/**
 * Makes real legacy password hashes with Python's hashlib, in the exact formats that Django,
 * Werkzeug, passlib and the classic tutorial code write (those libraries need not be installed).
 * Argument arrays only, never a shell string; the passwords travel as UTF-8 JSON on stdin.
 * In CI a missing python3 fails the run; locally the tests skip with a message. Tests only.
 */
import { spawnSync } from 'node:child_process';
import { inCi } from '../../test-support/environment.js';

const PYTHON = process.env.BULWARK_PYTHON ?? 'python3';

/** Stored strings per scheme, plus the tutorial's two PBKDF2 columns. */
export interface PythonLegacyHashes {
  saltedSha256: string;
  tutorialPbkdf2: { saltHex: string; keyHex: string };
  djangoPbkdf2Sha256: string;
  djangoPbkdf2Sha1: string;
  werkzeugPbkdf2Sha256: string;
  werkzeugPbkdf2Sha512: string;
  werkzeugScrypt: string;
  passlibPbkdf2Sha256: string;
  passlibPbkdf2Sha512: string;
  passlibPbkdf2Sha1: string;
  phcPbkdf2Sha256: string;
  passlibScrypt: string;
}

const script = String.raw`
import base64, hashlib, json, os, secrets, string, sys

passwords = json.loads(sys.stdin.buffer.read().decode('utf-8'))
alphabet = string.ascii_letters + string.digits

def text_salt(n):
    return ''.join(secrets.choice(alphabet) for _ in range(n))

def b64(data):
    return base64.b64encode(data).decode().rstrip('=')

def ab64(data):
    # passlib's adapted base64: '.' instead of '+', no padding
    return b64(data).replace('+', '.')

def make(pw):
    b = pw.encode()
    out = {}
    # tutorial (a): sha256((password + salt).encode()).hexdigest(), stored as f"{salt}:{hashed}"
    salt = secrets.token_hex(16)
    out['saltedSha256'] = salt + ':' + hashlib.sha256((pw + salt).encode()).hexdigest()
    # tutorial (b): salt = os.urandom(32); pbkdf2_hmac('sha256', pw.encode(), salt, 100000), two hex columns
    salt_b = os.urandom(32)
    out['tutorialPbkdf2'] = {'saltHex': salt_b.hex(), 'keyHex': hashlib.pbkdf2_hmac('sha256', b, salt_b, 100000).hex()}
    # Django PBKDF2PasswordHasher / PBKDF2SHA1PasswordHasher: pbkdf2_<digest>$<iterations>$<salt>$<b64 key>
    for name, digest, iterations in (('djangoPbkdf2Sha256', 'sha256', 30000), ('djangoPbkdf2Sha1', 'sha1', 20000)):
        s = text_salt(22)
        key = base64.b64encode(hashlib.pbkdf2_hmac(digest, b, s.encode(), iterations)).decode().strip()
        out[name] = '$'.join(['pbkdf2_' + digest, str(iterations), s, key])
    # Werkzeug generate_password_hash: pbkdf2:<hash>:<iterations>$<salt>$<hex>
    for name, digest, iterations in (('werkzeugPbkdf2Sha256', 'sha256', 25000), ('werkzeugPbkdf2Sha512', 'sha512', 15000)):
        s = text_salt(16)
        key = hashlib.pbkdf2_hmac(digest, b, s.encode(), iterations).hex()
        out[name] = '$'.join(['pbkdf2:%s:%d' % (digest, iterations), s, key])
    # Werkzeug scrypt:<n>:<r>:<p>$<salt>$<hex>, hashlib's default 64-byte key
    s = text_salt(16)
    n, r, p = 32768, 8, 1
    key = hashlib.scrypt(b, salt=s.encode(), n=n, r=r, p=p, maxmem=132 * n * r * p).hex()
    out['werkzeugScrypt'] = '$'.join(['scrypt:%d:%d:%d' % (n, r, p), s, key])
    # passlib pbkdf2_sha256 / pbkdf2_sha512 / pbkdf2_sha1: $<ident>$<rounds>$<ab64 salt>$<ab64 key>
    for name, ident, digest, rounds in (
        ('passlibPbkdf2Sha256', 'pbkdf2-sha256', 'sha256', 29000),
        ('passlibPbkdf2Sha512', 'pbkdf2-sha512', 'sha512', 25000),
        ('passlibPbkdf2Sha1', 'pbkdf2', 'sha1', 131000),
    ):
        raw_salt = os.urandom(16)
        key = hashlib.pbkdf2_hmac(digest, b, raw_salt, rounds)
        out[name] = '$'.join(['', ident, str(rounds), ab64(raw_salt), ab64(key)])
    # PHC / RustCrypto pbkdf2 crate: $pbkdf2-sha256$i=<rounds>,l=<len>$<b64 salt>$<b64 key>
    raw_salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac('sha256', b, raw_salt, 10000)
    out['phcPbkdf2Sha256'] = '$'.join(['', 'pbkdf2-sha256', 'i=10000,l=32', b64(raw_salt), b64(key)])
    # passlib scrypt: $scrypt$ln=<log2 N>,r=<r>,p=<p>$<b64 salt>$<b64 key>
    raw_salt = os.urandom(16)
    key = hashlib.scrypt(b, salt=raw_salt, n=2 ** 14, r=8, p=1, dklen=32)
    out['passlibScrypt'] = '$'.join(['', 'scrypt', 'ln=14,r=8,p=1', b64(raw_salt), b64(key)])
    return out

print(json.dumps([make(pw) for pw in passwords]))
`;

let available: boolean | undefined;

/** True when python3 with hashlib.scrypt runs here; throws in CI when it does not. */
export function hasPythonHashlib(): boolean {
  if (available !== undefined) return available;
  const result = spawnSync(PYTHON, ['-c', 'import hashlib; hashlib.scrypt'], { encoding: 'utf8', timeout: 30_000 });
  available = result.status === 0;
  if (!available) {
    const message = `python3 with hashlib.scrypt is not available (${result.error?.message ?? result.stderr.trim()})`;
    if (inCi) throw new Error(message);
    console.warn(`SKIP: ${message}`);
  }
  return available;
}

/** One set of legacy hashes per password, each made with fresh random salts. */
export function makePythonLegacyHashes(passwords: readonly string[]): PythonLegacyHashes[] {
  const result = spawnSync(PYTHON, ['-c', script], {
    input: Buffer.from(JSON.stringify(passwords), 'utf8'),
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python exited with ${result.status}: ${result.stderr.toString('utf8').trim()}`);
  return JSON.parse(result.stdout.toString('utf8')) as PythonLegacyHashes[];
}

/**
 * Hashes made by Werkzeug itself (its default method, scrypt from 3.0 on, and pbkdf2:sha256), a
 * cross-check of the hashlib-made formats above. Null when Werkzeug is not installed, which CI
 * does not allow (.ci/run installs it); a script that fails with Werkzeug present is an error,
 * never a skip.
 */
export function makeWerkzeugHashes(password: string): string[] | null {
  const probe = spawnSync(PYTHON, ['-c', 'import werkzeug.security'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.status !== 0) {
    const message = `python3 with Werkzeug is not available (${probe.error?.message ?? probe.stderr.trim()})`;
    if (inCi) throw new Error(message);
    console.warn(`SKIP: Werkzeug cross-check: ${message}`);
    return null;
  }
  const werkzeugScript = [
    'import json, sys',
    'from werkzeug.security import generate_password_hash',
    "pw = json.loads(sys.stdin.buffer.read().decode('utf-8'))",
    "print(json.dumps([generate_password_hash(pw), generate_password_hash(pw, method='pbkdf2:sha256')]))",
  ].join('\n');
  const result = spawnSync(PYTHON, ['-c', werkzeugScript], { input: Buffer.from(JSON.stringify(password), 'utf8'), timeout: 120_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`Werkzeug's generate_password_hash failed: ${result.stderr.toString('utf8').trim()}`);
  return JSON.parse(result.stdout.toString('utf8')) as string[];
}
