import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** What a webhook URL may point at. */
export interface WebhookTargetPolicy {
  /** Production: only https. */
  requireHttps: boolean;
  /** Hosts, addresses and CIDR ranges allowed although not public (on-premise partner systems). */
  allowList: string[];
}

/** A URL that passed, with the one address the request must connect to (no second DNS answer). */
export interface PinnedTarget {
  ok: true;
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Refusals carry a short, fixed reason: safe to show to admins and store in `lastError`. */
export interface RefusedTarget {
  ok: false;
  reason: string;
}

export type WebhookTarget = PinnedTarget | RefusedTarget;

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Comma-separated config to a list of entries. */
export function parseAllowList(setting: string): string[] {
  return setting
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

const refuse = (reason: string): RefusedTarget => ({ ok: false, reason });

/** An allow-list entry as an address range; null for a host name (matched before resolving). */
function entryRange(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  if (ipaddr.isValidCIDR(entry)) return ipaddr.parseCIDR(entry);
  if (ipaddr.isValid(entry)) {
    const address = ipaddr.process(entry);
    return [address, address.kind() === 'ipv6' ? 128 : 32];
  }
  return null;
}

function allowListed(address: ipaddr.IPv4 | ipaddr.IPv6, allowList: string[]): boolean {
  return allowList.some((entry) => {
    const range = entryRange(entry);
    return range !== null && address.kind() === range[0].kind() && address.match(range);
  });
}

/**
 * Why an address may not be reached, or null when it may: only public unicast addresses (after
 * unwrapping IPv4-mapped IPv6), unless the allow-list names it. ipaddr.js classifies: loopback,
 * private (RFC 1918), unique local, link-local (incl. 169.254.169.254), multicast, broadcast,
 * unspecified, carrier-grade NAT, reserved, and the IPv6 forms that embed IPv4 (NAT64, 6to4, Teredo).
 */
export function addressRefusal(address: string, allowList: string[] = []): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.process(address);
  if (allowListed(parsed, allowList)) return null;
  const range = parsed.range();
  return range === 'unicast' ? null : `address not allowed (${range})`;
}

/**
 * Checks a webhook URL the way it will be called: scheme, no credentials, and every address its
 * host resolves to. Run at registration and again before each delivery (DNS can change); the
 * request then connects to the returned address only.
 */
export async function resolveWebhookTarget(
  raw: string,
  policy: WebhookTargetPolicy,
  resolve: Resolver = systemResolver,
): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('not an http(s) URL');
  if (policy.requireHttps && url.protocol !== 'https:') return refuse('https required');
  if (url.username || url.password) return refuse('credentials in the URL are not allowed');
  // WHATWG parsing already turned 0x7f000001, 2130706433 and 0177.0.0.1 into 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const hostAllowed = policy.allowList.includes(host);

  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      return refuse('host name does not resolve');
    }
    if (addresses.length === 0) return refuse('host name does not resolve');
  }
  // Every answer must pass: a mixed answer is how DNS rebinding slips a private address in.
  for (const { address } of addresses) {
    const refusal = hostAllowed ? null : addressRefusal(address, policy.allowList);
    if (refusal) return refuse(refusal);
  }
  const [first] = addresses;
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
