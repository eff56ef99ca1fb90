import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fernetEncrypt, generateFernetKey } from '../../crypto/fernet.js';
import { hasPythonCryptography, runPython, runPythonText } from '../../crypto/test-support/python.js';
import type { CliIo } from '../io.js';
import { fernetCommand } from './fernet.js';

function memoryIo(input: string | Uint8Array = ''): { io: CliIo; out: () => Buffer; err: () => string } {
  const out: Buffer[] = [];
  let err = '';
  const io: CliIo = {
    stdin: (async function* () {
      yield Buffer.from(input);
    })(),
    stdout: { write: (chunk) => out.push(Buffer.from(chunk)) },
    stderr: { write: (chunk) => (err += chunk) },
    env: {},
  };
  return { io, out: () => Buffer.concat(out), err: () => err };
}

let dir: string;
let keyFile: string;
let key: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-fernet-cli-'));
  key = generateFernetKey();
  keyFile = join(dir, 'fernet.key');
  await writeFile(keyFile, `${key}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], input: string | Uint8Array = ''): Promise<{ code: number; out: Buffer; err: string }> {
  const { io, out, err } = memoryIo(input);
  const code = await fernetCommand(args, io);
  return { code, out: out(), err: err() };
}

describe('bulwark fernet', () => {
  it('generate-key prints a key in the form Python prints', async () => {
    const { code, out } = await run(['generate-key']);
    expect(code).toBe(0);
    expect(out.toString()).toMatch(/^[A-Za-z0-9_-]{43}=\n$/);
  });

  it('encrypt then decrypt round-trips stdin exactly, binary included', async () => {
    const message = Buffer.from([0, 1, 2, 255, 10, 13, 10]);
    const encrypted = await run(['encrypt', '--key-file', keyFile], message);
    expect(encrypted.code).toBe(0);
    expect(encrypted.out.toString()).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*\n$/);
    const decrypted = await run(['decrypt', '--key-file', keyFile], encrypted.out);
    expect(decrypted.code).toBe(0);
    expect(decrypted.out.equals(message)).toBe(true);
  });

  it('a bad token exits 1 with one line on stderr and nothing on stdout', async () => {
    const token = fernetEncrypt(generateFernetKey(), 'for someone else');
    const { code, out, err } = await run(['decrypt', '--key-file', keyFile], token);
    expect(code).toBe(1);
    expect(out).toHaveLength(0);
    expect(err).toBe('error: invalid or expired token\n');
    expect((await run(['decrypt', '--key-file', keyFile], 'garbage')).code).toBe(1);
  });

  it('--ttl refuses tokens older than the given seconds', async () => {
    const old = fernetEncrypt(key, 'stale', { now: new Date(Date.now() - 3_600_000) });
    expect((await run(['decrypt', '--key-file', keyFile, '--ttl', '60'], old)).code).toBe(1);
    const fresh = await run(['decrypt', '--key-file', keyFile, '--ttl', '7200'], old);
    expect(fresh.code).toBe(0);
    expect(fresh.out.toString()).toBe('stale');
  });

  it('a key file that cannot be read or holds no key exits 1 with one line naming the file, never its contents', async () => {
    const badKeyFile = join(dir, 'bad.key');
    await writeFile(badKeyFile, 'this is not a key\n');
    const missing = join(dir, 'missing.key');
    const expected: [string, string][] = [
      [missing, `error: cannot read key file ${missing}\n`],
      [badKeyFile, `error: ${badKeyFile} does not hold a Fernet key (32 bytes as URL-safe base64)\n`],
    ];
    for (const [path, message] of expected) {
      for (const subcommand of ['encrypt', 'decrypt']) {
        const { code, out, err } = await run([subcommand, '--key-file', path], 'x');
        expect(code, `${subcommand} ${path}`).toBe(1);
        expect(out).toHaveLength(0);
        expect(err).toBe(message);
      }
    }
  });

  it('usage errors exit 2 with the usage: missing key file option, bad ttl, unknown subcommand', async () => {
    const cases: string[][] = [
      [],
      ['rot13'],
      ['encrypt'],
      ['encrypt', '--key-file', keyFile, '--ttl', '5'],
      ['decrypt', '--key-file', keyFile, '--ttl', '-5'],
      ['decrypt', '--key-file', keyFile, '--ttl', 'soon'],
      ['generate-key', 'extra'],
    ];
    for (const args of cases) {
      const { code, out, err } = await run(args, 'x');
      expect(code, args.join(' ')).toBe(2);
      expect(out).toHaveLength(0);
      expect(err).toMatch(/^error: /);
      expect(err).not.toContain('this is not a key');
    }
  });
});

const pythonCli = `
import sys
from cryptography.fernet import Fernet
key = open(sys.argv[2]).read().strip()
f = Fernet(key)
data = sys.stdin.buffer.read()
sys.stdout.buffer.write(f.decrypt(data.strip()) if sys.argv[1] == "decrypt" else f.encrypt(data))
`;

describe.skipIf(!hasPythonCryptography())('bulwark fernet with Python cryptography.fernet and the same key file', () => {
  it('Python decrypts what the CLI encrypted', async () => {
    const { out } = await run(['encrypt', '--key-file', keyFile], 'from node\n');
    expect(runPython(pythonCli, ['decrypt', keyFile], out).toString()).toBe('from node\n');
  });

  it('the CLI decrypts what Python encrypted', async () => {
    const token = runPython(pythonCli, ['encrypt', keyFile], 'from python');
    const { code, out } = await run(['decrypt', '--key-file', keyFile, '--ttl', '60'], token);
    expect(code).toBe(0);
    expect(out.toString()).toBe('from python');
  });

  it('a key from Python Fernet.generate_key() works here, and ours works in Python', async () => {
    const pythonKeyFile = join(dir, 'python.key');
    await writeFile(pythonKeyFile, runPythonText('from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'));
    const { out } = await run(['encrypt', '--key-file', pythonKeyFile], 'x');
    expect(runPython(pythonCli, ['decrypt', pythonKeyFile], out).toString()).toBe('x');
    const ours = (await run(['generate-key'])).out.toString().trim();
    expect(runPythonText('import sys; from cryptography.fernet import Fernet; Fernet(sys.argv[1]); print("ok")', [ours])).toBe('ok');
  });
});
