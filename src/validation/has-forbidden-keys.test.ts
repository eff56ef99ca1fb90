import { describe, expect, it } from 'vitest';
import { hasForbiddenKeys } from './has-forbidden-keys.js';

describe('hasForbiddenKeys', () => {
  it('finds __proto__ as JSON.parse creates it (an own key, unlike an object literal)', () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"admin": true}}');
    expect(Object.keys(parsed as object)).toEqual(['__proto__']);
    expect(hasForbiddenKeys(parsed)).toBe(true);
  });

  it('finds constructor.prototype payloads and keys at any depth, inside arrays too', () => {
    expect(hasForbiddenKeys(JSON.parse('{"constructor": {"prototype": {"admin": true}}}'))).toBe(true);
    expect(hasForbiddenKeys(JSON.parse('{"a": [{"b": {"prototype": 1}}]}'))).toBe(true);
    expect(hasForbiddenKeys(JSON.parse('[1, {"__proto__": null}]'))).toBe(true);
  });

  it('allows ordinary bodies, primitives and the words as values', () => {
    expect(hasForbiddenKeys({ username: '__proto__', password: 'constructor', note: ['prototype'] })).toBe(false);
    expect(hasForbiddenKeys(JSON.parse('{"a": {"b": [1, "x", null]}}'))).toBe(false);
    expect(hasForbiddenKeys(null)).toBe(false);
    expect(hasForbiddenKeys('__proto__')).toBe(false);
    expect(hasForbiddenKeys(undefined)).toBe(false);
  });

  it('is case-sensitive: only the exact keys are dangerous', () => {
    expect(hasForbiddenKeys({ Constructor: 1, __PROTO__: 2 })).toBe(false);
  });

  it('fails closed on nesting deeper than the limit, and on cycles, without overflowing the stack', () => {
    const deep: unknown = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000));
    expect(hasForbiddenKeys(deep)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(hasForbiddenKeys(cyclic)).toBe(true);
    expect(hasForbiddenKeys({ a: { b: 1 } }, 2)).toBe(false);
    expect(hasForbiddenKeys({ a: { b: {} } }, 2)).toBe(true);
  });

  it('never runs getters', () => {
    let ran = false;
    const value = {
      get trap() {
        ran = true;
        return {};
      },
    };
    expect(hasForbiddenKeys(value)).toBe(false);
    expect(ran).toBe(false);
  });

  it('throws TypeError for a bad depth (programmer misuse)', () => {
    expect(() => hasForbiddenKeys({}, -1)).toThrow(TypeError);
  });
});
