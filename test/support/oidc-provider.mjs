// A real OpenID provider for the sign-in tests: `oidc-provider` (a certified implementation), run as a process of its
// own because it is ESM only (jest on Node 20 cannot load it). Its accounts, one client and where it listens come
// from the environment; "logging in" is a form that takes an account's login (the provider's own part of the flow,
// outside what mignet tests), then the provider completes the authorization code flow with PKCE and signed ID tokens.
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS); // { login: { email, email_verified, name } }
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, sub) =>
    accounts[sub] ? { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) } : undefined,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // Consent is the provider's business: every scope asked is granted once the person has logged in.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  cookies: { keys: ['mignet-test-provider'] },
});

const readBody = (req) =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(new URLSearchParams(body)));
  });

const callback = provider.callback();
createServer(async (req, res) => {
  try {
    if (!req.url.startsWith('/interaction/')) return callback(req, res);
    await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html');
      return res.end('<form method="post"><input name="login"><button>Log in</button></form>');
    }
    const login = (await readBody(req)).get('login');
    const result = accounts[login]
      ? { login: { accountId: login } }
      : { error: 'access_denied', error_description: `no account ${login}` };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  } catch (err) {
    res.statusCode = 500;
    res.end(String(err));
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
