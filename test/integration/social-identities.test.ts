import { AuthenticationClient } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'social-pa55!';

describe('auth.social: identity links of the session user', () => {
  it('lists the linked identities, unlinks those of one external IdP, and builds the link URL', async () => {
    const identifier = uid('gh');
    const idp = await h.management.tenant.createExtIdp({
      name: 'GitHub',
      type: 'github',
      connections: [{ type: 'github', identifier, displayName: 'GitHub', fields: { clientID: 'c', clientSecret: 's' }, userMatchFields: ['email'] }],
    });
    const username = uid('social');
    const user = await h.management.users.create({ username, password: PASSWORD });
    await h.management.users.linkIdentity({ userId: user.id, identifier, userIdInIdp: 'gh-1024', isSocial: true, extIdpId: idp.id });
    await h.management.users.linkIdentity({ userId: user.id, identifier: 'wechat', userIdInIdp: 'wx-1', isSocial: true });

    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    expect((await failure(auth.social.getIdentities())).code).toBe(2020);
    const loggedIn = await auth.loginByUsername(username, PASSWORD);
    const identities = await auth.social.getIdentities();
    expect(identities.map((i) => [i.provider, i.userIdInIdp, i.extIdpId])).toEqual([
      [identifier, 'gh-1024', idp.id],
      ['wechat', 'wx-1', null],
    ]);

    const { url } = await auth.social.generateLinkExtIdpUrl({ extIdpConnIdentifier: identifier, idToken: loggedIn.token! });
    const link = new URL(url);
    expect(`${link.origin}${link.pathname}`).toBe(`${h.server.url}/connections/social/${identifier}`);
    expect(link.searchParams.get('app_id')).toBe(h.server.appId);
    expect((await failure(auth.social.generateLinkExtIdpUrl({ extIdpConnIdentifier: 'no-such-connection', idToken: loggedIn.token! }))).code).toBe(3812);
    expect((await failure(auth.social.generateLinkExtIdpUrl({ extIdpConnIdentifier: identifier, idToken: 'not-a-token' }))).code).toBe(2020);

    expect(await auth.social.unlinkExtIdp({ extIdpId: idp.id })).toEqual({ success: true });
    expect((await auth.social.getIdentities()).map((i) => i.provider)).toEqual(['wechat']);
    expect((await failure(auth.social.unlinkExtIdp({ extIdpId: idp.id }))).code).toBe(3902);
  });
});
