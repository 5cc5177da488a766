import { AuthenticationClient } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { websocketHostOf } from '../../src/clients/authentication/directory-sign-in.js';
import { bodyOf, json, observedFetch } from './helpers.js';

describe('the websocket host of AD logins', () => {
  it('is derived as the official SDK does: ws. plus the app host without its first label', () => {
    expect(websocketHostOf('https://my-app.authing.cn')).toBe('https://ws.authing.cn');
    expect(websocketHostOf('https://my-app.eu.example.com:8443')).toBe('https://ws.eu.example.com');
    expect(websocketHostOf('https://my-app.authing.cn', 'https://ws.internal.test')).toBe('https://ws.internal.test');
  });

  it('is the app host itself when that has no sibling domain (localhost, IP addresses, two labels)', () => {
    expect(websocketHostOf('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(websocketHostOf('http://localhost:3000')).toBe('http://localhost:3000');
    expect(websocketHostOf('https://example.com')).toBe('https://example.com');
  });

  it('receives loginByAd with the plaintext credentials, while other calls stay on the app host', async () => {
    const user = { id: 'u1', token: 'tok', arn: 'arn', userPoolId: 'p' };
    const { fetch, sent } = observedFetch(() => json({ code: 200, message: 'ok', data: user }));
    const auth = new AuthenticationClient({ appId: 'app', appHost: 'https://my-app.authing.cn', fetch });
    await auth.loginByAd('alice', 'secret', { clientIp: '10.0.0.1' });
    await auth.loginByLdap('bob', 'secret');
    expect(sent.map((s) => s.url)).toEqual(['https://ws.authing.cn/api/v2/ad/verify-user', 'https://my-app.authing.cn/api/v2/ldap/verify-user']);
    expect(bodyOf(sent[0])).toEqual({ username: 'alice', password: 'secret', clientIp: '10.0.0.1' });
    expect(sent[0]?.headers.get('x-authing-app-id')).toBe('app');
    expect(auth.getToken()).toBe('tok');
  });
});
