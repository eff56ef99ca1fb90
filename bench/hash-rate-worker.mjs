// One thread hashing flat out with argon2id, synchronously, for a fixed time (see hash-rate.ts).
import { randomBytes } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { Algorithm, hashSync } from '@node-rs/argon2';

const { durationMs, memoryCost, timeCost, parallelism } = workerData;
const end = Date.now() + durationMs;
let count = 0;
while (Date.now() < end) {
  hashSync(`correct horse battery staple ${count}`, { algorithm: Algorithm.Argon2id, memoryCost, timeCost, parallelism, salt: randomBytes(16) });
  count++;
}
parentPort.postMessage(count);
