/**
 * The official authing-js-sdk 4.23.55 against authing-local: `managementClient.tenant.*ExtIdp*`
 * (records only), `tenant.batchInsertResource`, and event publishing on both clients
 * (`managementClient.event.pub`, `authenticationClient.event.pub`).
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();

interface LocalEvents {
  data: { list: Array<{ eventType: string; eventData: string; publisher: string; source: string }> };
}

describe('official authing-js-sdk 4.23.55: ext IdPs, bulk resources, events', () => {
  it('runs its own ext IdP scenario: create, update, connections, identifier check, states, delete', async () => {
    const t = h.management.tenant;
    const identifier = `wechatc1_${h.suffix}`;
    const idp = await t.createExtIdp({
      name: '微信身份源',
      type: 'wechat',
      connections: [
        {
          type: 'wechat:pc',
          identifier,
          displayName: '微信身份源连接',
          fields: { clientSecret: 'd1cuu12MdgGKrcItRyD6TeJLNqoWjRW0', clientID: 'cli_a1118cb96bf95013' },
          userMatchFields: ['ss'],
        },
      ],
    });
    expect(idp).toMatchObject({ name: '微信身份源', type: 'wechat', connections: [{ identifier, type: 'wechat:pc', enabled: true }] });
    expect(await t.updateExtIdp(idp.id, { name: '飞书身份源' })).toMatchObject({ name: '飞书身份源' });
    expect((await t.listExtIdp('' as string)).map((i: { id: string }) => i.id)).toContain(idp.id);

    const second = await t.createExtIdpConnection({
      extIdpId: idp.id,
      type: 'wechatmp-qrcode',
      identifier: `wechatc3_${h.suffix}`,
      displayName: '微信身份源连接1',
      fields: { clientSecret: 'd1cuu12KrcItRyD6T', clientID: 'cli_a196bf9013' },
      userMatchFields: ['ss'],
    });
    expect(await t.updateExtIdpConnection(second.id, { displayName: '微信身份源连接2', fields: { clientID: 'x' }, userMatchFields: ['ss'] })).toMatchObject({
      displayName: '微信身份源连接2',
    });

    // The official method answers true when the server refuses the identifier (taken), false when free.
    expect(await t.checkExtIdpConnectionIdentifierUnique(identifier)).toBe(true);
    expect(await t.checkExtIdpConnectionIdentifierUnique(`free_${h.suffix}`)).toBe(false);

    expect(await t.changeExtIdpConnectionState(second.id, { enabled: false })).toBe(true);
    expect(await t.changeExtIdpConnectionState('no-such-connection', { enabled: false })).toBe(false);
    expect((await t.extIdpDetail(idp.id)).connections.map((c: { enabled: boolean }) => c.enabled)).toEqual([true, false]);
    expect(await t.batchChangeExtIdpConnectionState(idp.id, { enabled: true })).toBe(true);
    expect((await t.extIdpDetail(idp.id)).connections.map((c: { enabled: boolean }) => c.enabled)).toEqual([true, true]);

    expect(await t.deleteExtIdpConnection(second.id)).toBe(true);
    expect(await t.deleteExtIdp(idp.id)).toBe(true);
    await expect(t.extIdpDetail(idp.id)).rejects.toMatchObject({ code: 3811 });
  });

  it('batchInsertResource answers true, and false (nothing written) on a bad item', async () => {
    const ns = `bulk_${h.suffix}`;
    await h.management.acl.createNamespace(ns, 'bulk');
    const item = { code: 'book', type: 'DATA' as never, actions: [{ name: 'book:read', description: 'read' }] as [{ name: string; description: string }], namespace: ns };
    expect(await h.management.tenant.batchInsertResource({ bulk: [item, { ...item, code: 'page' }] })).toBe(true);
    expect(await h.management.tenant.batchInsertResource({ bulk: [{ ...item, code: 'shelf' }, item] })).toBe(false);
    const listed = await h.management.acl.listResources({ namespaceCode: ns } as never);
    expect(listed.list.map((r: { code: string }) => r.code)).toEqual(['book', 'page']);
  });

  it('publishes events from both clients', async () => {
    const type = `compat.${h.suffix}`;
    await h.management.event.pub(type, 'from management');
    const username = `ev_${h.suffix}`;
    await h.management.users.create({ username, password: 'event-pass-1' });
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    await auth.loginByUsername(username, 'event-pass-1');
    await auth.event.pub(type, 'from user');
    const res = await fetch(`${h.server.url}/__local/events?eventType=${encodeURIComponent(type)}`, { headers: { 'x-authing-userpool-id': h.server.userPoolId } });
    const events = (await res.json()) as LocalEvents;
    expect(events.data.list.map((e) => [e.publisher, e.eventData])).toEqual([
      ['management', 'from management'],
      ['user', 'from user'],
    ]);
    expect(events.data.list[0]!.source).toMatch(/^authing-js-sdk: /);
  });
});
