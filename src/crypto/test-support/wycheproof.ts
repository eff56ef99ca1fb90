/**
 * Loads a Wycheproof vector file (testvectors_v1 format) from ../shared/vectors/wycheproof.
 * Returns null when the file is missing locally (vectorPath warns); in CI a missing file throws.
 * Tests only.
 */
import { readFileSync } from 'node:fs';
import { vectorPath } from '../../test-support/environment.js';

export type WycheproofResult = 'valid' | 'invalid' | 'acceptable';

/** Fields every Wycheproof test case has; each file adds its own (hex strings, sizes...). */
export interface WycheproofTestBase {
  tcId: number;
  comment: string;
  flags: string[];
  result: WycheproofResult;
}

export interface WycheproofGroup<TTest extends WycheproofTestBase = WycheproofTestBase & Record<string, unknown>> {
  type: string;
  tests: TTest[];
  [field: string]: unknown;
}

export interface WycheproofFile<
  TTest extends WycheproofTestBase = WycheproofTestBase & Record<string, unknown>,
  TGroup extends WycheproofGroup<TTest> = WycheproofGroup<TTest>,
> {
  algorithm: string;
  numberOfTests: number;
  notes?: Record<string, unknown>;
  testGroups: TGroup[];
}

/** Reads and parses `wycheproof/<fileName>`; checks the case count the file declares. */
export function loadWycheproof<
  TTest extends WycheproofTestBase = WycheproofTestBase & Record<string, unknown>,
  TGroup extends WycheproofGroup<TTest> = WycheproofGroup<TTest>,
>(fileName: string): WycheproofFile<TTest, TGroup> | null {
  const path = vectorPath(`wycheproof/${fileName}`);
  if (path === null) return null;
  const file = JSON.parse(readFileSync(path, 'utf8')) as WycheproofFile<TTest, TGroup>;
  const count = file.testGroups.reduce((sum, group) => sum + group.tests.length, 0);
  if (count !== file.numberOfTests) throw new Error(`${fileName}: declares ${file.numberOfTests} tests but holds ${count}`);
  return file;
}

/** Every case of a file paired with its group, for one loop that checks them all. */
export function wycheproofCases<TTest extends WycheproofTestBase, TGroup extends WycheproofGroup<TTest>>(
  file: WycheproofFile<TTest, TGroup>,
): Array<{ group: TGroup; test: TTest }> {
  return file.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })));
}

/** Hex string from a vector as bytes. */
export function hexBytes(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}
