/** Length as people count it: Unicode code points, not UTF-16 units (an emoji is one, not two). */
export function countCodePoints(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}
