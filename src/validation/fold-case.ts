/**
 * Case-insensitive comparison key, approximating Unicode full case folding with
 * locale-independent built-ins: lower, upper, then lower again, so 'Straße', 'STRASSE' and
 * 'STRAẞE' all become 'strasse', and Greek final sigma folds like medial sigma. Turkish dotless
 * 'ı' folds to 'i' (one fewer look-alike), while dotted capital 'İ' keeps its combining dot
 * ('i̇'), so it stays distinct from 'i'. NFKC runs again because case mapping can un-normalize a
 * string. The result is its own key (checked for every code point and by property tests).
 */
export function foldCase(value: string): string {
  return value.toLowerCase().toUpperCase().toLowerCase().normalize('NFKC');
}
