/**
 * The comparison key of the username rule: NFKC, then the same case folding as an account's
 * login key (src/validation/fold-case.ts, which primitives may not import; a test keeps the two
 * equal), so 'STRASSE' in a password is caught for the username 'Straße', which logs in as
 * 'strasse'. Lower-casing alone leaves 'ß' and 'ss' apart.
 */
export function foldForComparison(text: string): string {
  return text.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC');
}
