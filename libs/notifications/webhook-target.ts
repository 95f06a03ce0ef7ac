import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless the deployment allows the host (SSRF): loopback, private, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges, in IPv4 and IPv6.
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
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6');

/** How long a name may take to resolve: an unanswering resolver must not hold up an API answer or a dispatch round. */
const LOOKUP_TIMEOUT_MS = 5_000;

async function resolved(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), LOOKUP_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([lookup(host, { all: true, verbatim: true }), timeout])).map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
}

function isInternal(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]; // an IPv4 address written as IPv6
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  return INTERNAL.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Why a webhook URL may not be used, or undefined when it may: http(s) only, no credentials in it, and every address
 * its host resolves to public, unless the host (as written, or one of its addresses) is in `allowHosts`. Checked when
 * the webhook is registered and again before each delivery (a name may resolve elsewhere later).
 */
export async function webhookTargetProblem(raw: string, allowHosts: readonly string[]): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be http or https, not ${url.protocol}`;
  if (url.username || url.password) return 'must not carry a user name or password (the signature authenticates)';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowHosts.includes(host)) return undefined;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolved(host);
  } catch (err) {
    return `names a host that does not resolve (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
  const internal = addresses.filter((a) => isInternal(a) && !allowHosts.includes(a));
  if (internal.length)
    return `reaches ${internal.join(', ')}, a loopback or private address: allowed only for the hosts in WEBHOOK_ALLOW_HOSTS`;
  return undefined;
}
