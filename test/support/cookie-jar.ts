/**
 * What a browser keeps between requests, for tests that sign in: cookies per host (a cookie's expiry or deletion
 * applied as the server set it; paths ignored: no test sends a cookie where it would not go) and redirects followed
 * by hand, so each hop can be looked at.
 */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  /** One request, never following a redirect; its Set-Cookie headers kept. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const { host } = new URL(url);
    const cookies = [...(this.jar.get(host) ?? new Map<string, string>()).entries()];
    const headers = new Headers(init.headers);
    if (cookies.length > 0) headers.set('cookie', cookies.map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.keep(host, line);
    return res;
  }

  /** Follows redirects from `url` (GET after each) until an answer that is none, or one to a host `stopAt` names. */
  async follow(
    url: string,
    init: RequestInit = {},
    stopAt?: (next: URL) => boolean,
  ): Promise<{ res: Response; url: string }> {
    let res = await this.fetch(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      const next = new URL(res.headers.get('location')!, url);
      if (stopAt?.(next)) return { res, url: next.href };
      url = next.href;
      res = await this.fetch(url);
    }
    return { res, url };
  }

  get(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  set(host: string, name: string, value: string): void {
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  private keep(host: string, line: string): void {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const expired = attributes.some((a) => {
      const [k, v] = a.trim().split('=');
      return (
        (k.toLowerCase() === 'max-age' && Number(v) <= 0) ||
        (k.toLowerCase() === 'expires' && new Date(v).getTime() <= Date.now())
      );
    });
    if (expired || value === '') this.jar.get(host)?.delete(name);
    else this.set(host, name, value);
  }
}
