/**
 * Crypto toolkit benchmarks, returned as a Markdown section:
 *  1. Fernet encrypt+decrypt of 1 KiB messages: this toolkit vs Python's cryptography.fernet,
 *     same key and message, same run (Python times itself with perf_counter).
 *  2. Keyring encrypt+decrypt of 1 KiB records vs bare node:crypto AES-256-GCM.
 * Several rounds each; medians are reported. Runs standalone: `npx tsx bench/crypto.ts`.
 */
import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { fernetDecrypt, fernetEncrypt, generateFernetKey } from '../src/crypto/fernet.js';
import { Keyring } from '../src/crypto/keyring.js';

const execFileAsync = promisify(execFile);

const MESSAGE_BYTES = 1024;
const ROUNDS = 7;
const FERNET_ITERATIONS = 20_000;
const KEYRING_ITERATIONS = 50_000;
const FERNET_TARGET = 1.5;
const KEYRING_TARGET = 0.8;

const PYTHON_FERNET = `
import sys, json, time, platform
import cryptography
from cryptography.fernet import Fernet
key, n = sys.argv[1], int(sys.argv[2])
msg = bytes.fromhex(sys.stdin.read().strip())
f = Fernet(key)
for _ in range(min(n, 2000)):
    assert f.decrypt(f.encrypt(msg)) == msg
t0 = time.perf_counter()
for _ in range(n):
    f.decrypt(f.encrypt(msg))
rate = n / (time.perf_counter() - t0)
print(json.dumps({"rate": rate, "python": platform.python_version(), "cryptography": cryptography.__version__}))
`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Operations per second of `operation` over `iterations` calls. */
function measure(iterations: number, operation: () => number): number {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) sink += operation();
  const elapsed = performance.now() - start;
  if (sink < 0) throw new Error('unreachable: keeps results alive');
  return iterations / (elapsed / 1000);
}

interface PythonResult {
  rate: number;
  python: string;
  cryptography: string;
}

/** One timed Python round (after its own warm-up), or why Python could not run. */
async function runPythonFernet(key: string, message: Buffer): Promise<PythonResult | string> {
  try {
    const child = execFileAsync('python3', ['-c', PYTHON_FERNET, key, String(FERNET_ITERATIONS)], {
      timeout: 120_000,
      maxBuffer: 1024 * 1024,
    });
    child.child.stdin?.end(message.toString('hex'));
    const { stdout } = await child;
    return JSON.parse(stdout) as PythonResult;
  } catch (error) {
    return `Python cryptography not available: ${(error as Error).message.split('\n')[0]}`;
  }
}

function bareGcmRoundTrip(key: Buffer, message: Buffer): number {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(message), cipher.final()]);
  const tag = cipher.getAuthTag();
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).length;
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US');
const verdict = (ratio: number, target: number): string => (ratio >= target ? `**pass** (target ≥ ${target}x)` : `**FAIL** (target ≥ ${target}x)`);

export async function runCryptoBenchmarks(): Promise<string> {
  const message = randomBytes(MESSAGE_BYTES);
  const lines: string[] = ['## Crypto toolkit', ''];

  // 1. Fernet: one Python process per round, alternating with a node round, so drift in machine
  // load hits both alike and they never share the CPU.
  const fernetKey = generateFernetKey();
  const fernetRoundTrip = (): number => fernetDecrypt(fernetKey, fernetEncrypt(fernetKey, message)).length;
  measure(2000, fernetRoundTrip);
  const nodeFernetRates: number[] = [];
  const pythonRates: number[] = [];
  let python: PythonResult | null = null;
  let pythonError: string | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    if (pythonError === null) {
      const result = await runPythonFernet(fernetKey, message);
      if (typeof result === 'string') {
        pythonError = result;
      } else {
        python = result;
        pythonRates.push(result.rate);
      }
    }
    nodeFernetRates.push(measure(FERNET_ITERATIONS, fernetRoundTrip));
  }

  // 2. Keyring vs bare AES-256-GCM, rounds interleaved so drift hits both alike.
  const keyring = new Keyring([{ id: 'bench', key: randomBytes(32) }]);
  const bareKey = randomBytes(32);
  const keyringRoundTrip = (): number => keyring.decrypt(keyring.encrypt(message, { purpose: 'bench' }), { purpose: 'bench' }).length;
  const bareRoundTrip = (): number => bareGcmRoundTrip(bareKey, message);
  measure(5000, keyringRoundTrip);
  measure(5000, bareRoundTrip);
  const keyringRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRates.push(measure(KEYRING_ITERATIONS, bareRoundTrip));
    keyringRates.push(measure(KEYRING_ITERATIONS, keyringRoundTrip));
  }

  const versions = [`Node ${process.versions.node}`, `OpenSSL ${process.versions.openssl}`];
  if (python !== null) versions.push(`Python ${python.python}`, `cryptography ${python.cryptography}`);
  lines.push(`Versions: ${versions.join(', ')}. CPU: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores).`, '');
  lines.push(`Each figure is the median of ${ROUNDS} rounds of encrypt-then-decrypt round trips of a ${MESSAGE_BYTES}-byte message, in round trips per second.`, '');

  lines.push('### Fernet vs Python cryptography.fernet', '');
  const nodeFernet = median(nodeFernetRates);
  lines.push('| implementation | median round trips/s | iterations per round |', '|---|---:|---:|');
  lines.push(`| bulwark fernet (node:crypto) | ${format(nodeFernet)} | ${format(FERNET_ITERATIONS)} |`);
  if (pythonError !== null || pythonRates.length === 0) {
    lines.push('', `Python comparison skipped: ${pythonError ?? 'no rounds ran'}.`, '');
  } else {
    const pythonFernet = median(pythonRates);
    const ratio = nodeFernet / pythonFernet;
    lines.push(`| Python cryptography.fernet | ${format(pythonFernet)} | ${format(FERNET_ITERATIONS)} |`);
    lines.push('', `Ratio bulwark / Python: **${ratio.toFixed(2)}x** — ${verdict(ratio, FERNET_TARGET)}.`, '');
  }

  lines.push('### Keyring vs bare node:crypto AES-256-GCM', '');
  const keyringMedian = median(keyringRates);
  const bareMedian = median(bareRates);
  const keyringRatio = keyringMedian / bareMedian;
  lines.push('| implementation | median round trips/s | iterations per round |', '|---|---:|---:|');
  lines.push(`| Keyring (HKDF subkey cached, AAD, base64url string) | ${format(keyringMedian)} | ${format(KEYRING_ITERATIONS)} |`);
  lines.push(`| bare createCipheriv('aes-256-gcm'), fixed key, random nonce | ${format(bareMedian)} | ${format(KEYRING_ITERATIONS)} |`);
  lines.push('', `Ratio Keyring / bare: **${keyringRatio.toFixed(2)}x** — ${verdict(keyringRatio, KEYRING_TARGET)}.`, '');
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${await runCryptoBenchmarks()}\n`);
}
