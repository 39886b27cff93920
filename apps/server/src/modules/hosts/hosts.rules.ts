import validator from 'validator';
import { AppError } from '../../errors.js';
import { parseIpAddress } from '../../lib/net.js';

/**
 * A host name per RFC 1123: letters, digits and hyphens in dot-separated labels of at most
 * 63 characters, 253 in all, no label starting or ending with a hyphen. A bare name
 * (`web01`) is fine; an IP address is not a host name. Returned trimmed, case kept.
 */
export function parseHostname(input: string): string {
  const text = input.trim();
  const isName =
    text.length > 0 &&
    text.length <= 253 &&
    // RFC 1123 names are ASCII; validator alone would accept Unicode labels.
    validator.isAscii(text) &&
    validator.isFQDN(text, {
      require_tld: false,
      allow_underscores: false,
      allow_trailing_dot: false,
      allow_numeric_tld: true,
      allow_wildcard: false,
    });
  if (!isName || parseIpAddress(text).ok) {
    throw new AppError('INVALID_HOSTNAME');
  }
  return text;
}

/** IPv4/IPv6 addresses, normalised (RFC 5952 for IPv6) and de-duplicated, in input order. */
export function normaliseIps(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const parsed = parseIpAddress(input);
    if (!parsed.ok) {
      throw new AppError('INVALID_IP', { value: input });
    }
    if (!out.includes(parsed.value.address)) {
      out.push(parsed.value.address);
    }
  }
  return out;
}
