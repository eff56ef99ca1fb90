import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PASSWORD_DIGITS,
  PASSWORD_LOWER,
  PASSWORD_SYMBOLS,
  PASSWORD_UPPER,
  generatePassword,
  pooledRandomBytes,
  randomBytes,
  randomChoice,
  randomHex,
  randomInt,
  randomToken,
  randomUUID,
  shuffle,
} from './random.js';

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

/** Chi-square critical value for p = 1e-4 (Wilson-Hilferty approximation), so a fair source fails 1 run in 10,000. */
function criticalValue(degreesOfFreedom: number): number {
  const z = 3.719;
  const k = degreesOfFreedom;
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

function histogram(buckets: number, draws: number, draw: () => number): number[] {
  const counts = new Array<number>(buckets).fill(0);
  for (let i = 0; i < draws; i++) {
    const value = draw();
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

describe('randomBytes / randomHex / randomToken / randomUUID', () => {
  it('returns the requested number of bytes, and different bytes each call', () => {
    expect(randomBytes(0)).toHaveLength(0);
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('refuses nonsense sizes with TypeError', () => {
    for (const n of [-1, 1.5, Number.NaN, 2 ** 31]) expect(() => randomBytes(n)).toThrow(TypeError);
    expect(() => randomHex(0)).toThrow(TypeError);
  });

  it('randomHex gives two lowercase hex characters per byte', () => {
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('randomToken is unpadded base64url of 32 bytes by default', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  });

  it('randomToken refuses guessable sizes below 16 bytes', () => {
    expect(() => randomToken(8)).toThrow(TypeError);
  });

  it('randomUUID is a version 4 UUID', () => {
    expect(randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('randomInt', () => {
  it('stays within [min, max) for any range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (min, span) => {
        const value = randomInt(min, min + span);
        return Number.isInteger(value) && value >= min && value < min + span;
      }),
    );
  });

  it('includes min and excludes max', () => {
    const seen = new Set(Array.from({ length: 200 }, () => randomInt(5, 7)));
    expect([...seen].sort()).toEqual([5, 6]);
  });

  it('refuses empty, reversed, unsafe or too-wide ranges with TypeError', () => {
    expect(() => randomInt(3, 3)).toThrow(TypeError);
    expect(() => randomInt(4, 3)).toThrow(TypeError);
    expect(() => randomInt(0, 1.5)).toThrow(TypeError);
    expect(() => randomInt(0, 2 ** 48)).toThrow(TypeError);
  });

  it('the uniformity check catches modulo bias (the attack): byte % 192 fails it', () => {
    // 256 is not a multiple of 192, so a byte reduced modulo 192 hits 0..63 twice as often.
    const buckets = 192;
    const counts = histogram(buckets, buckets * 200, () => (nodeRandomBytes(1)[0] as number) % buckets);
    expect(chiSquare(counts)).toBeGreaterThan(criticalValue(buckets - 1));
  });

  it('is uniform over the same range within a chi-square bound (p = 1e-4)', () => {
    const buckets = 192;
    const counts = histogram(buckets, buckets * 200, () => randomInt(0, buckets));
    expect(chiSquare(counts)).toBeLessThan(criticalValue(buckets - 1));
  });
});

describe('randomChoice / shuffle', () => {
  it('randomChoice picks members only and reaches all of them', () => {
    const list = ['a', 'b', 'c'] as const;
    const seen = new Set(Array.from({ length: 200 }, () => randomChoice(list)));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => randomChoice([])).toThrow(TypeError);
  });

  it('shuffle returns a new permutation and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (list) => {
        const copy = list.slice();
        const result = shuffle(list);
        expect(list).toEqual(copy);
        expect(result).not.toBe(list);
        expect([...result].sort()).toEqual([...list].sort());
      }),
    );
  });

  it('shuffle makes all 6 orders of 3 items about equally often (chi-square, p = 1e-4)', () => {
    const orders = ['abc', 'acb', 'bac', 'bca', 'cab', 'cba'];
    const counts = histogram(6, 6000, () => orders.indexOf(shuffle(['a', 'b', 'c']).join('')));
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(chiSquare(counts)).toBeLessThan(criticalValue(5));
  });
});

describe('generatePassword', () => {
  const classOf = (char: string): string =>
    [PASSWORD_LOWER, PASSWORD_UPPER, PASSWORD_DIGITS, PASSWORD_SYMBOLS].find((set) => set.includes(char)) ?? 'none';

  it('has the requested length and every requested class, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 64 }), fc.boolean(), (length, symbols) => {
        const password = generatePassword({ length, symbols });
        const classes = new Set([...password].map(classOf));
        expect(password).toHaveLength(length);
        expect(classes.has('none')).toBe(false);
        expect(classes.has(PASSWORD_LOWER) && classes.has(PASSWORD_UPPER) && classes.has(PASSWORD_DIGITS)).toBe(true);
        expect(classes.has(PASSWORD_SYMBOLS)).toBe(symbols);
      }),
      { numRuns: 200 },
    );
  });

  it('defaults to 20 characters with symbols', () => {
    const password = generatePassword();
    expect(password).toHaveLength(20);
    expect([...password].some((char) => PASSWORD_SYMBOLS.includes(char))).toBe(true);
  });

  it('refuses short or absurd lengths with TypeError', () => {
    expect(() => generatePassword({ length: 7 })).toThrow(TypeError);
    expect(() => generatePassword({ length: 2000 })).toThrow(TypeError);
  });
});

describe('pooledRandomBytes', () => {
  it('hands out disjoint slices that never repeat, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const nonce = pooledRandomBytes(12);
      expect(nonce).toHaveLength(12);
      seen.add(Buffer.from(nonce).toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('refuses sizes outside 1 to 256 with TypeError', () => {
    expect(() => pooledRandomBytes(0)).toThrow(TypeError);
    expect(() => pooledRandomBytes(257)).toThrow(TypeError);
  });
});
