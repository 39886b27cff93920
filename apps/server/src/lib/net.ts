import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import validator from 'validator';
import type { AllocationKind } from '@custodian/shared';

/**
 * Parsing of the network identifiers the registry keeps (item 十一): FQDNs, IPv4 and IPv6
 * addresses and CIDR ranges. Libraries do the parsing; this module only normalises.
 */
export type NetError = 'INVALID_IP' | 'INVALID_FQDN' | 'INVALID_CIDR';
export type NetResult<T> = { ok: true; value: T } | { ok: false; error: NetError };

export type ParsedAddress = { kind: 'ipv4' | 'ipv6'; address: string };
export type ParsedAllocation = { kind: AllocationKind; value: string; network: string | null };

const fail = <T>(error: NetError): NetResult<T> => ({ ok: false, error });

/** One IPv4 (dotted quad only) or IPv6 address (no zone id), normalised. */
export function parseIpAddress(input: string): NetResult<ParsedAddress> {
  const text = input.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { ok: true, value: { kind: 'ipv4', address: ipaddr.IPv4.parse(text).toString() } };
  }
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) {
    return { ok: true, value: { kind: 'ipv6', address: ipaddr.IPv6.parse(text).toRFC5952String() } };
  }
  return fail('INVALID_IP');
}

/** A CIDR range whose host bits are zero, e.g. 192.0.2.0/24 or 2001:db8::/48. */
export function parseCidr(input: string): NetResult<ParsedAllocation> {
  const text = input.trim();
  const [addressPart = '', prefixPart = ''] = text.split('/');
  if (!/^\d{1,3}$/.test(prefixPart)) {
    return fail('INVALID_CIDR');
  }
  const address = parseIpAddress(addressPart);
  if (!address.ok) {
    return fail('INVALID_CIDR');
  }
  const prefix = Number(prefixPart);
  const { kind } = address.value;
  if (prefix > (kind === 'ipv4' ? 32 : 128)) {
    return fail('INVALID_CIDR');
  }
  const normalised = `${address.value.address}/${prefix}`;
  const networkAddress =
    kind === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(normalised).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(normalised).toRFC5952String();
  if (networkAddress !== address.value.address) {
    // Host bits set (192.0.2.5/24): ambiguous, so refused rather than silently widened.
    return fail('INVALID_CIDR');
  }
  return { ok: true, value: { kind, value: normalised, network: normalised } };
}

/** A fully qualified domain name with a TLD, lower-cased; IDNs become their A-label form. */
export function parseFqdn(input: string): NetResult<ParsedAllocation> {
  const text = input.trim().toLowerCase();
  const ascii = text === '' ? '' : domainToASCII(text);
  if (ascii === '' || ascii.length > 253 || !validator.isFQDN(ascii, { require_tld: true, allow_underscores: false })) {
    return fail('INVALID_FQDN');
  }
  return { ok: true, value: { kind: 'domain', value: ascii, network: null } };
}

/**
 * What a user typed as an allocation: a CIDR range, a single address (stored as /32 or
 * /128), or a domain name.
 */
export function parseAllocationValue(input: string): NetResult<ParsedAllocation> {
  const text = input.trim();
  if (text.includes('/')) {
    return parseCidr(text);
  }
  if (/^[\d.]+$/.test(text) || text.includes(':')) {
    const address = parseIpAddress(text);
    if (!address.ok) {
      return address;
    }
    const bits = address.value.kind === 'ipv4' ? 32 : 128;
    const value = `${address.value.address}/${bits}`;
    return { ok: true, value: { kind: address.value.kind, value, network: value } };
  }
  return parseFqdn(text);
}
