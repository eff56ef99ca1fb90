/**
 * Helpers for the asymmetric Wycheproof tests: one tally that honours valid / invalid /
 * acceptable, and builders for the raw private keys the ECDH files carry. Tests only.
 */
import { Buffer } from 'node:buffer';
import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { WycheproofFile, WycheproofGroup, WycheproofTestBase } from './wycheproof.js';
import { wycheproofCases } from './wycheproof.js';

/** What one case did: accepted with the expected output, rejected, or accepted with a wrong output. */
export type CaseOutcome = 'accepted' | 'rejected' | 'wrong-output';

export interface WycheproofTally {
  /** One line per case whose outcome contradicts its result; must be empty. */
  failures: string[];
  counts: { valid: number; invalid: number; acceptableAccepted: number; acceptableRejected: number };
}

/**
 * Runs `check` on every case. A valid case must be accepted with the expected output, an
 * invalid one rejected; an acceptable one may go either way (but never with a wrong output),
 * and how many went which way is counted so a test can pin it.
 */
export function tallyWycheproof<TTest extends WycheproofTestBase, TGroup extends WycheproofGroup<TTest>>(
  file: WycheproofFile<TTest, TGroup> | null,
  check: (group: TGroup, test: TTest) => CaseOutcome,
): WycheproofTally {
  if (file === null) throw new Error('vectors missing');
  const tally: WycheproofTally = { failures: [], counts: { valid: 0, invalid: 0, acceptableAccepted: 0, acceptableRejected: 0 } };
  for (const { group, test } of wycheproofCases(file)) {
    const outcome = check(group, test);
    const where = `tcId ${test.tcId} (${test.result}, ${test.flags.join(',')}): ${outcome}`;
    if (outcome === 'wrong-output') tally.failures.push(where);
    else if (test.result === 'valid') {
      tally.counts.valid += 1;
      if (outcome !== 'accepted') tally.failures.push(where);
    } else if (test.result === 'invalid') {
      tally.counts.invalid += 1;
      if (outcome !== 'rejected') tally.failures.push(where);
    } else if (outcome === 'accepted') tally.counts.acceptableAccepted += 1;
    else tally.counts.acceptableRejected += 1;
  }
  return tally;
}

/** A verification result as a case outcome. */
export function verified(ok: boolean): CaseOutcome {
  return ok ? 'accepted' : 'rejected';
}

/** Bytes from hex with leading zero bytes stripped and left-padded to `length`. */
function fixedLength(hexValue: string, length: number): Buffer {
  let bytes = Buffer.from(hexValue, 'hex');
  while (bytes.length > length && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length > length) throw new Error(`scalar longer than ${length} bytes`);
  return Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}

/** A P-256 private key from its big-endian scalar (PKCS#8 around a SEC1 key without the public point). */
export function p256PrivateKeyFromScalar(scalarHex: string): KeyObject {
  const prefix = Buffer.from('3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, fixedLength(scalarHex, 32)]), format: 'der', type: 'pkcs8' });
}

/** An X25519 private key from its 32 raw bytes (RFC 8410 PKCS#8). */
export function x25519PrivateKeyFromRaw(rawHex: string): KeyObject {
  const prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, Buffer.from(rawHex, 'hex')]), format: 'der', type: 'pkcs8' });
}
