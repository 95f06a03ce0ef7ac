import { ConfigError, loadConfig, requireExternalServices } from '../../libs/config/config';

describe('config', () => {
  it('has defaults for the embedded stack', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      temporalNamespace: 'default',
      temporalTaskQueue: 'mignet',
      databasePoolSize: 10,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporalAddress).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'http://x' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'http://x', DATABASE_POOL_SIZE: '1' });
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'DATABASE_POOL_SIZE'])
        expect(problems).toContain(name);
    }
  });

  it('requires external services for the single-process commands', () => {
    expect(() => requireExternalServices(loadConfig({}))).toThrow(
      /DATABASE_URL is required[\s\S]*TEMPORAL_ADDRESS is required/,
    );
    const ok = requireExternalServices(
      loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/m', TEMPORAL_ADDRESS: 'temporal:7233' }),
    );
    expect(ok.temporalAddress).toBe('temporal:7233');
  });

  it('signs people in with links where no OpenID provider is, and checks the provider it is given', () => {
    expect(loadConfig({})).toMatchObject({ signInLinks: true, oidc: undefined, sessionHours: 12, signInLinkHours: 24 });
    const oidc = loadConfig({
      OIDC_ISSUER: 'https://login.example.org',
      OIDC_CLIENT_ID: 'mignet',
      PUBLIC_URL: 'https://m.example.org/',
    });
    expect(oidc).toMatchObject({
      signInLinks: false,
      oidc: { issuer: 'https://login.example.org', clientId: 'mignet' },
      publicUrl: 'https://m.example.org',
    });
    expect(
      loadConfig({
        OIDC_ISSUER: 'http://127.0.0.1:4000',
        OIDC_CLIENT_ID: 'x',
        PUBLIC_URL: 'http://127.0.0.1:3000',
        SIGN_IN_LINKS: 'true',
      }).signInLinks,
    ).toBe(true);
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ OIDC_ISSUER: 'https://login.example.org' })).toMatch(/OIDC_ISSUER needs OIDC_CLIENT_ID/);
    expect(problems({ OIDC_ISSUER: 'https://login.example.org', OIDC_CLIENT_ID: 'x' })).toMatch(
      /OIDC_ISSUER needs PUBLIC_URL/,
    );
    expect(problems({ OIDC_ISSUER: 'http://login.example.org', OIDC_CLIENT_ID: 'x' })).toMatch(/must be an https URL/);
    expect(problems({ PUBLIC_URL: 'https://m.example.org/app' })).toMatch(/PUBLIC_URL/);
    expect(problems({ SIGN_IN_LINKS: 'yes' })).toMatch(/SIGN_IN_LINKS/);
    expect(problems({ SESSION_HOURS: '0' })).toMatch(/SESSION_HOURS/);
  });
});
