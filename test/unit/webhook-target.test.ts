import { webhookLabel, webhookTargetProblem } from '../../libs/notifications/webhook-target';

/** The SSRF check of webhook URLs, without the network: addresses written as IP literals. */
describe('webhook targets', () => {
  it.each([
    ['http://8.8.8.8/hook', undefined],
    ['https://[2001:4860:4860::8888]/hook', undefined],
    ['gopher://8.8.8.8/', 'must be http or https'],
    ['http://a:b@8.8.8.8/', 'user name or password'],
    ['http://127.0.0.1:9/', 'loopback or private'],
    ['http://10.1.2.3/', 'loopback or private'],
    ['http://172.20.0.1/', 'loopback or private'],
    ['http://192.168.1.1/', 'loopback or private'],
    ['http://100.64.0.1/', 'loopback or private'],
    ['http://169.254.169.254/', 'loopback or private'],
    ['http://0.0.0.0/', 'loopback or private'],
    ['http://[::1]/', 'loopback or private'],
    ['http://[::ffff:127.0.0.1]/', 'loopback or private'],
    ['http://[fd00::1]/', 'loopback or private'],
    ['http://[fe80::1]/', 'loopback or private'],
    ['http://[::127.0.0.1]/', 'loopback or private'], // IPv4-compatible
    ['http://[64:ff9b::a00:1]/', 'loopback or private'], // NAT64 of 10.0.0.1
    ['http://[2002:7f00:1::]/', 'loopback or private'], // 6to4 of 127.0.0.1
    ['http://[fec0::1]/', 'loopback or private'],
    ['hook', 'absolute http or https URL'],
  ])('%s', async (url, problem) => {
    const found = await webhookTargetProblem(url, []);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('resolves a name and refuses it when it reaches inside (localhost)', async () => {
    expect(await webhookTargetProblem('http://localhost:8080/hook', [])).toContain('loopback or private');
  });

  it('shows a URL by its origin only: a chat webhook’s path is its credential', () => {
    expect(webhookLabel('https://hooks.slack.com/services/T0/B0/secretpart')).toBe('https://hooks.slack.com/…');
  });

  it('lets through the hosts the deployment allows, by name as written or by address', async () => {
    expect(await webhookTargetProblem('http://127.0.0.1:8080/hook', ['127.0.0.1'])).toBeUndefined();
    expect(await webhookTargetProblem('http://10.0.0.7/hook', ['10.0.0.7'])).toBeUndefined();
    expect(await webhookTargetProblem('http://10.0.0.8/hook', ['10.0.0.7'])).toContain('WEBHOOK_ALLOW_HOSTS');
  });
});
