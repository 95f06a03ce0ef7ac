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
});
