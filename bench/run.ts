/**
 * `npm run bench`: starts the built server on a fresh SQLite file and measures it against
 * baselines taken in the same run on this machine, then writes BENCHMARKS.md.
 * Figures are medians of several rounds; ratios matter more than absolute numbers here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCryptoBenchmarks } from './crypto.js';
import { measureHashRate } from './hash-rate.js';
import { median, runLoad, type LoadResult } from './load.js';
import { freePort, startProcess, type RunningProcess } from './processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '6');
const SESSION_CONNECTIONS = 50;
const LOGIN_CONNECTIONS = 8;
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
const HASH_WORKERS = Math.min(availableParallelism(), 4);
const PASSWORD = 'correct horse battery staple 42';

const root = new URL('..', import.meta.url);
// Read from node_modules directly: some packages (kysely) do not export their package.json.
const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')) as { version: string }).version;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
  const servers: RunningProcess[] = [];
  try {
    const bulwark = await startProcess(
      process.execPath,
      [new URL('bin/bulwark.js', root).pathname, 'serve'],
      {
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
        LOG_LEVEL: 'warn',
        PUBLIC_URL: 'http://127.0.0.1',
        HASH_WORKERS: String(HASH_WORKERS),
        HASH_QUEUE_MAX: '256',
        // Every request comes from 127.0.0.1: lift the per-IP limits so they measure hashing, not throttling.
        LOGIN_IP_MAX_FAILURES_PER_HOUR: '1000000',
        REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
      },
      await freePort(),
      /listening on/i,
    );
    servers.push(bulwark);
    const base = `http://127.0.0.1:${bulwark.port}`;
    const cookie = await signUpAndIn(base);
    // Logins rotate over several accounts: one account logging in many times at once from one
    // address would (rightly) meet the per-(account, IP) concurrency limit instead of the hasher.
    const loginUsers = await createLoginUsers(base, 16);
    let loginCounter = 0;
    const nextLoginBody = () => JSON.stringify({ username: loginUsers[loginCounter++ % loginUsers.length], password: PASSWORD });
    const sessionBody = await (await fetch(`${base}/session`, { headers: { cookie } })).text();

    const bare = await startProcess(process.execPath, ['--import', 'tsx', new URL('bench/bare-server.ts', root).pathname], { BARE_BODY_BYTES: String(Buffer.byteLength(sessionBody)) }, await freePort(), /ready/);
    servers.push(bare);
    const bareUrl = `http://127.0.0.1:${bare.port}/session`;

    log('warming up');
    await runLoad({ url: bareUrl, connections: SESSION_CONNECTIONS, durationSeconds: 2 });
    await runLoad({ url: `${base}/session`, connections: SESSION_CONNECTIONS, durationSeconds: 2, headers: { cookie } });

    log('(a) session checks against a bare Fastify route');
    const bareRuns: LoadResult[] = [];
    const sessionRuns: LoadResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bareRuns.push(await runLoad({ url: bareUrl, connections: SESSION_CONNECTIONS, durationSeconds: SECONDS }));
      sessionRuns.push(await runLoad({ url: `${base}/session`, connections: SESSION_CONNECTIONS, durationSeconds: SECONDS, headers: { cookie } }));
    }
    await bare.stop();

    log('(b) raw argon2id rate, logins and sign-ups');
    const hashRuns: number[] = [];
    const loginRuns: LoadResult[] = [];
    const signupRuns: LoadResult[] = [];
    let signupCounter = 0;
    for (let i = 0; i < ROUNDS; i++) {
      hashRuns.push(await measureHashRate({ threads: HASH_WORKERS, durationMs: SECONDS * 1000, ...ARGON2 }));
      loginRuns.push(await runLoad({
        url: `${base}/login`, method: 'POST', connections: LOGIN_CONNECTIONS, durationSeconds: SECONDS,
        headers: { 'content-type': 'application/json' }, makeBody: nextLoginBody,
      }));
      signupRuns.push(await runLoad({
        url: `${base}/register`, method: 'POST', connections: LOGIN_CONNECTIONS, durationSeconds: SECONDS,
        headers: { 'content-type': 'application/json' },
        makeBody: () => {
          signupCounter++;
          return JSON.stringify({ username: `bench${i}_${signupCounter}`, email: `bench${i}_${signupCounter}@example.com`, password: PASSWORD });
        },
      }));
    }

    log('(c) session checks during a login storm');
    const stormRuns: LoadResult[] = [];
    const stormLogins: LoadResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const storm = runLoad({
        url: `${base}/login`, method: 'POST', connections: 16, durationSeconds: SECONDS + 2,
        headers: { 'content-type': 'application/json' }, makeBody: nextLoginBody,
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      stormRuns.push(await runLoad({ url: `${base}/session`, connections: SESSION_CONNECTIONS, durationSeconds: SECONDS, headers: { cookie } }));
      stormLogins.push(await storm);
    }

    log('crypto toolkit');
    const cryptoSection = await runCryptoBenchmarks();

    const figures = {
      bare: median(bareRuns.map((r) => r.rate)),
      session: median(sessionRuns.map((r) => r.rate)),
      sessionP99: median(sessionRuns.map((r) => r.p99)),
      hash: median(hashRuns),
      login: median(loginRuns.map((r) => r.rate)),
      signup: median(signupRuns.map((r) => r.rate)),
      storm: median(stormRuns.map((r) => r.rate)),
      stormP99: median(stormRuns.map((r) => r.p99)),
      stormLogin: median(stormLogins.map((r) => r.rate)),
      failures: [...sessionRuns, ...loginRuns, ...signupRuns, ...stormRuns].reduce((n, r) => n + r.non2xx + r.errors, 0),
    };
    log(`figures: ${JSON.stringify(figures)}`);
    writeFileSync(new URL('BENCHMARKS.md', root), renderReport(figures, Buffer.byteLength(sessionBody)) + '\n' + cryptoSection + '\n');
    log('wrote BENCHMARKS.md');
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signUpAndIn(base: string): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const signup = await fetch(`${base}/register`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'benchuser', email: 'bench@example.com', password: PASSWORD }) });
  if (signup.status !== 201) throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  const login = await fetch(`${base}/login`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'benchuser', password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const setCookie = login.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0] ?? '';
}

async function createLoginUsers(base: string, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `loginuser${i}`);
  for (const name of names) {
    const response = await fetch(`${base}/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, email: `${name}@example.com`, password: PASSWORD }),
    });
    if (response.status !== 201) throw new Error(`sign-up of ${name} failed: ${response.status}`);
  }
  return names;
}

interface Figures {
  bare: number; session: number; sessionP99: number; hash: number; login: number; signup: number;
  storm: number; stormP99: number; stormLogin: number; failures: number;
}

function renderReport(f: Figures, bodyBytes: number): string {
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const a = ratio(f.session, f.bare);
  const bl = ratio(f.login, f.hash);
  const bs = ratio(f.signup, f.hash);
  const c = ratio(f.storm, f.session);
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
  return `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Every figure is the median of ${ROUNDS} rounds of ${SECONDS} s,
measured in one run on this machine (${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores). Each baseline is measured
in the same run, so read the **ratios**: absolute numbers move with whatever else the machine is doing.

Setup: Bulwark ${pkg.version} built (\`dist/\`) and started with \`bulwark serve\` on a fresh SQLite file (WAL), default settings,
argon2id m=${ARGON2.memoryCost} KiB, t=${ARGON2.timeCost}, p=${ARGON2.parallelism} (the OWASP defaults), ${HASH_WORKERS} hash worker threads at
nice 19. Load from autocannon ${versionOf('autocannon')} in a separate process over loopback. Node ${process.version}, Fastify ${versionOf('fastify')},
@node-rs/argon2 ${versionOf('@node-rs/argon2')}, better-sqlite3 ${versionOf('better-sqlite3')}, Kysely ${versionOf('kysely')}.
Per-IP login and sign-up limits are lifted for the run (all load comes from 127.0.0.1). Non-2xx responses or errors during measured rounds: ${f.failures}.

| what | Bulwark | baseline | ratio | target | |
|---|---:|---:|---:|---:|---|
| (a) session checks/s (GET /session with a valid cookie, ${SESSION_CONNECTIONS} connections) | ${fmt(f.session)} | ${fmt(f.bare)} bare Fastify route, same ${bodyBytes}-byte JSON | ${fmt(a, 2)} | ≥ 0.6 | ${verdict(a >= 0.6)} |
| (b) successful logins/s (${LOGIN_CONNECTIONS} connections, 16 accounts) | ${fmt(f.login, 1)} | ${fmt(f.hash, 1)} raw argon2id hashes/s, ${HASH_WORKERS} threads | ${fmt(bl, 2)} | ≥ 0.85 | ${verdict(bl >= 0.85)} |
| (b) sign-ups/s (${LOGIN_CONNECTIONS} connections) | ${fmt(f.signup, 1)} | ${fmt(f.hash, 1)} raw argon2id hashes/s | ${fmt(bs, 2)} | ≥ 0.85 | ${verdict(bs >= 0.85)} |
| (c) session checks/s during a login storm (16 connections logging in over 16 accounts, ${fmt(f.stormLogin, 1)} logins/s) | ${fmt(f.storm)} | ${fmt(f.session)} at rest | ${fmt(c, 2)} | ≥ 0.5 | ${verdict(c >= 0.5)} |
| (c) session-check p99 latency during the storm | ${fmt(f.stormP99)} ms | ${fmt(f.sessionP99)} ms at rest | | < 50 ms | ${verdict(f.stormP99 < 50)} |

For comparison (from the issue, same machine): Better Auth 1.7.29 reached 0.024 of a bare Fastify route for session checks,
0.9 of its raw scrypt rate for logins but 0.45 for sign-ups, and during a login storm kept 0.25 of its session-check rate with
p99 of 317 to 482 ms.

Why (c) holds up: the session check is a synchronous SHA-256 of the cookie and one prepared, indexed SQLite join (nothing waits
in the libuv thread pool); passwords are hashed, and checked for strength, outside any transaction, synchronously, in worker
threads that lower their own priority (\`os.setPriority(0, 19)\`), so the event loop always wins the CPU; a bounded queue answers
503 with Retry-After when full.

## Where the time goes (CPU profiles, taken separately with \`node --cpu-prof\` on the same machine)

They explain where the ratios above come from; they are not re-measured by each run.

- **(a) session checks.** Steps taken, each measured: @fastify/helmet replaced by precomputed headers (6,500 → 10,500
  checks/s), user and session read in one precompiled query with cached prepared statements (4,100 → 6,500), a one-shot
  SHA-256 for the CSRF token instead of an HMAC object, and on SQLite the session lookup cached in process with
  invalidation on every write (about 11,000 → 18,000). What is left is about 55 µs of event-loop CPU per check under load,
  of which the \`writev\` system call that sends the response is about 40% (about 24 µs; the bare route's is about 13 µs for
  half the bytes); the rest is Node's HTTP parsing, Fastify's routing and hooks, the cookie, and building the response
  (about 1,300 bytes with the security headers; the same headers alone cost a bare route about 10%). The bare route itself
  is limited by the load generator: its server sat idle 45% of the time.
- **(b) logins.** The hash workers run at nice 19 by design, so everything else on the machine comes first: the event loop's
  share of a login (three SQLite writes, the throttle, the response: about 12% of a core at this rate) and the load generator.
  That leaves the ratio close to the 0.85 target; run-to-run it moves by a few hundredths.
- **(b) sign-ups.** Each sign-up does two CPU jobs on the worker threads, not one: the zxcvbn strength estimate that the
  password policy requires and the argon2id hash (about 11 ms). The estimate was cut from 3.3 to about 1.5 ms by giving zxcvbn
  its 14 small word-sequence lists as one list (same scores on a regression set), which raised sign-ups from 0.55 to about
  0.67. With the strength check switched off for a measurement (not in the product), sign-ups reach 0.83: against a baseline
  of hashes alone, the policy's own CPU is what separates sign-ups from the target.
`;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

await main();
