import { isIPv4, isIPv6 } from 'node:net';

/**
 * The unit a per-client limit counts: an IPv4 address, or the /64 prefix of an IPv6 address.
 * One IPv6 subscriber usually holds a whole /64 (2^64 addresses), so counting single IPv6
 * addresses would let an attacker rotate addresses and never reach any limit.
 * IPv4-mapped IPv6 (::ffff:192.0.2.1) counts as its IPv4 address, as dual-stack sockets report it.
 * Anything else (a Unix socket, "unknown") is returned unchanged and still counted as one client.
 */
export function toClientNetwork(ip: string): string {
  if (typeof ip !== 'string') throw new TypeError('ip must be a string');
  if (isIPv4(ip)) return ip;
  const withoutZone = ip.split('%', 1)[0] ?? ip;
  if (!isIPv6(withoutZone)) return ip;
  const groups = expandIpv6(withoutZone);
  const isMappedIpv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMappedIpv4) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** Eight 16-bit groups from a valid IPv6 text form (with "::" and an optional dotted IPv4 tail). */
function expandIpv6(address: string): number[] {
  const [head = '', tail] = address.split('::', 2);
  const toGroups = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((piece) => {
      if (!piece.includes('.')) return [Number.parseInt(piece, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map((octet) => Number.parseInt(octet, 10));
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const left = toGroups(head);
  if (tail === undefined) return left;
  const right = toGroups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
