/** Limits and keep-counts come from code, not from users: a bad one is a programming error. */
export function assertCount(name: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new TypeError(`${name} must be an integer >= ${minimum}, got ${String(value)}.`);
  }
}
