import { describe, expect, it } from 'vitest';
import { clientCredentialsExample } from '../../examples/client-credentials.js';
import { startOidcApp } from '../../examples/oidc-pkce.js';
import { FormBrowser } from './form-browser.js';
import { adminToken, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('examples/oidc-pkce.ts', () => {
  it('signs a user in through the hosted page and the app reads their claims', async () => {
    const app = await h.management.applications.create({ name: 'PKCE example', identifier: 'pkce-example', redirectUris: ['http://127.0.0.1/placeholder'] });
    const web = await startOidcApp({ appId: app.id, appSecret: String(app.secret), appHost: h.server.url });
    try {
      // The app's callback is registered once its port is known.
      await fetch(`${h.server.url}/api/v2/applications/${app.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken(h)}`, 'x-authing-userpool-id': h.server.userPoolId },
        body: JSON.stringify({ redirectUris: [`${web.url}/callback`] }),
      });
      await h.management.users.create({ username: 'pkce_example', password: 's3cret-passw0rd', email: 'pkce@example.com' });
      const browser = new FormBrowser('never://');
      const login = await browser.open(`${web.url}/login`);
      const landed = await browser.submit(login, 'login-form', { account: 'pkce_example', password: 's3cret-passw0rd' });
      expect(landed.status).toBe(200);
      expect(JSON.parse(landed.html)).toEqual({ signedIn: expect.any(String), email: 'pkce@example.com' });
    } finally {
      await web.close();
    }
  });
});

describe('examples/client-credentials.ts', () => {
  it('takes a machine token, verifies it against the JWKS, and is refused once the account is disabled', async () => {
    const outcome = await clientCredentialsExample({ userPoolId: h.server.userPoolId, secret: h.server.secret, appId: h.server.appId, host: h.server.url });
    expect(outcome).toEqual({ expiresIn: 600, verifiedFor: true, refusedWith: 'invalid_client' });
  });
});
