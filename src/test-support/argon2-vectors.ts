/** Tests only: the phc-winner-argon2 src/test.c vectors from ../shared/vectors, or null when absent. */
import { readFileSync } from 'node:fs';
import { vectorPath } from './environment.js';

export interface Argon2HashVector {
  type: string;
  version: number;
  t_cost: number;
  m_cost_kib: number;
  parallelism: number;
  password: string;
  salt: string;
  tag_hex: string;
  encoded: string;
  requires_large_ram: boolean;
}

export interface Argon2VerifyVector {
  type: string;
  encoded: string;
  password: string;
  expected: string;
}

export function loadArgon2TestCVectors(): { hashTests: Argon2HashVector[]; verifyTests: Argon2VerifyVector[] } | null {
  const path = vectorPath('argon2/test_c_vectors.json');
  return path === null ? null : (JSON.parse(readFileSync(path, 'utf8')) as { hashTests: Argon2HashVector[]; verifyTests: Argon2VerifyVector[] });
}
