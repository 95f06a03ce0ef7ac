import { lookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook may not reach unless the deployment allows the host (SSRF): loopback, private, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges, in IPv4 and IPv6, and the
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4).
 */
const INTERNAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible
  ['64:ff9b::', 96], // NAT64
  ['100::', 64], // discard
  ['2002::', 16], // 6to4
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6');

function isInternal(address: string): boolean {
  return INTERNAL.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Why the URL itself may not be used (scheme, credentials, an inside address written as such), or undefined. */
function urlProblem(raw: string, allowHosts: readonly string[]): { url?: URL; problem?: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'must be an absolute http or https URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { problem: `must be http or https, not ${url.protocol}` };
  if (url.username || url.password)
    return { problem: 'must not carry a user name or password (the signature authenticates)' };
  const host = hostOf(url);
  if (isIP(host) && isInternal(host) && !allowHosts.includes(host)) return { problem: internal([host]) };
  return { url };
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function internal(addresses: readonly string[]): string {
  return `reaches ${addresses.join(', ')}, a loopback or private address: allowed only for the hosts in WEBHOOK_ALLOW_HOSTS`;
}

/** An error of a lookup that found only inside addresses: not worth retrying, unlike a resolver that failed. */
export class InternalAddressError extends Error {
  readonly code = 'EINTERNAL';
}

/**
 * A `lookup` for the connection itself (http.request's): resolves the name and refuses it when an address is inside,
 * so the address checked is the address connected to, and a name that resolves elsewhere later (DNS rebinding) is
 * caught at that moment. A host the deployment allows is resolved as it is.
 */
export function checkedLookup(allowHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const inside = addresses.filter((a) => isInternal(a.address) && !allowHosts.includes(a.address));
      if (inside.length && !allowHosts.includes(hostname.toLowerCase()))
        return callback(new InternalAddressError(internal(inside.map((a) => a.address))), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** How long a name may take to resolve at registration: an unanswering resolver must not hold up the API's answer. */
const LOOKUP_TIMEOUT_MS = 5_000;

/**
 * Why a webhook URL may not be registered, or undefined when it may: http(s) only, no credentials in it, and every
 * address its host resolves to public, unless the host (as written, or one of its addresses) is in `allowHosts`.
 * Deliveries check again, on the connection itself (checkedLookup).
 */
export async function webhookTargetProblem(raw: string, allowHosts: readonly string[]): Promise<string | undefined> {
  const { url, problem } = urlProblem(raw, allowHosts);
  if (!url) return problem;
  const host = hostOf(url);
  if (isIP(host) || allowHosts.includes(host)) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), LOOKUP_TIMEOUT_MS);
      checkedLookup(allowHosts)(host, { all: true }, (err) => (err ? reject(err) : resolve()));
    });
    return undefined;
  } catch (err) {
    if (err instanceof InternalAddressError) return err.message;
    return `names a host that does not resolve (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  } finally {
    clearTimeout(timer);
  }
}

/** Why a delivery may not even try (the URL as written), or undefined; the connection's lookup checks the rest. */
export function deliveryProblem(raw: string, allowHosts: readonly string[]): string | undefined {
  return urlProblem(raw, allowHosts).problem;
}

/**
 * A webhook URL as it may be shown and logged: its origin only. A chat tool's incoming-webhook URL is itself the
 * credential (whoever has it posts to the channel), so its path stays with the coordinator who registered it.
 */
export function webhookLabel(raw: string): string {
  try {
    return `${new URL(raw).origin}/…`;
  } catch {
    return '(not a URL)';
  }
}
