/**
 * The comparison key of the username rule: NFKC, then the same case folding as an account's
 * login key (src/validation/fold-case.ts, which primitives may not import; a test keeps the two
 * equal, but for final sigma), so 'STRASSE' in a password is caught for the username 'Straße', which logs in as
 * 'strasse'. Lower-casing alone leaves 'ß' and 'ss' apart.
 */
export function foldForComparison(text: string): string {
  // Lower-casing turns Σ into ς only at the end of a word, so a name ending in ς would not be
  // found inside a longer password ('ΟΔΥΣΣΕΥΣkettle' for 'Οδυσσευς'): both sigmas compare as σ.
  return text.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC').replaceAll('ς', 'σ');
}
