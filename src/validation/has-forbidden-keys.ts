/** Keys that can reach or replace an object's prototype when a parsed body is merged or copied. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Request bodies here are flat; deeper nesting than this is treated as hostile. */
export const FORBIDDEN_KEYS_MAX_DEPTH = 32;

/**
 * True when `value` (typically a JSON.parse or form-parser result) has an own key `__proto__`,
 * `constructor` or `prototype` at any depth, or is nested deeper than `maxDepth` (fail closed:
 * the walk is bounded, so a deep or cyclic value cannot exhaust the stack). JSON.parse creates
 * `__proto__` as an ordinary own key, which a later spread or deep merge would follow.
 * Values are read through property descriptors, so getters are never run.
 */
export function hasForbiddenKeys(value: unknown, maxDepth: number = FORBIDDEN_KEYS_MAX_DEPTH): boolean {
  if (!Number.isInteger(maxDepth) || maxDepth < 0) throw new TypeError('maxDepth must be a non-negative integer');
  return walk(value, maxDepth);
}

function walk(value: unknown, depthLeft: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depthLeft === 0) return true;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) return true;
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && walk(descriptor.value, depthLeft - 1)) return true;
  }
  return false;
}
