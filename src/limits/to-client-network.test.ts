import { describe, expect, it } from 'vitest';
import { toClientNetwork } from './to-client-network.js';

describe('toClientNetwork', () => {
  it('keeps IPv4 addresses as they are', () => {
    expect(toClientNetwork('192.0.2.1')).toBe('192.0.2.1');
  });

  it('reduces IPv6 addresses to their /64, whatever the spelling', () => {
    const expected = '2001:db8:1:2::/64';
    expect(toClientNetwork('2001:db8:1:2::1')).toBe(expected);
    expect(toClientNetwork('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe(expected);
    expect(toClientNetwork('2001:db8:1:2:0:0:0:0')).toBe(expected);
    expect(toClientNetwork('2001:db8:1:2::1%eth0')).toBe(expected);
    expect(toClientNetwork('2001:db8:1:3::1')).not.toBe(expected);
    expect(toClientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(toClientNetwork('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(toClientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('treats IPv4-mapped IPv6 as the IPv4 address, so dual-stack sockets cannot double the limits', () => {
    expect(toClientNetwork('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(toClientNetwork('::ffff:c000:201')).toBe('192.0.2.1');
  });

  it('returns anything that is not an address unchanged', () => {
    expect(toClientNetwork('unknown')).toBe('unknown');
    expect(toClientNetwork('')).toBe('');
  });
});
