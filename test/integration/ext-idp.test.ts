import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const connection = (identifier: string, type = 'wechat:pc') => ({
  type,
  identifier,
  displayName: `conn ${identifier}`,
  fields: { clientID: 'cli_1', clientSecret: 's3cret' },
  userMatchFields: ['email'],
});

describe('external IdPs and connections (stored records, never contacted)', () => {
  it('creates an IdP with connections, reads it back, lists it and renames it', async () => {
    const t = h.management.tenant;
    const ident = uid('wx');
    const idp = await t.createExtIdp({ name: '微信身份源', type: 'wechat', connections: [connection(ident)] });
    expect(idp.name).toBe('微信身份源');
    expect(idp.type).toBe('wechat');
    expect(idp.tenantId).toBeNull();
    expect(idp.connections).toHaveLength(1);
    expect(idp.connections[0]).toMatchObject({ identifier: ident, type: 'wechat:pc', enabled: true, userMatchFields: ['email'], extIdpId: idp.id });
    expect(idp.connections[0]!.fields).toEqual({ clientID: 'cli_1', clientSecret: 's3cret' });

    const detail = await t.extIdpDetail(idp.id);
    expect(detail.connections.map((c) => c.identifier)).toEqual([ident]);
    expect((await t.listExtIdp()).map((i) => i.id)).toContain(idp.id);

    const renamed = await t.updateExtIdp(idp.id, { name: '飞书身份源' });
    expect(renamed.name).toBe('飞书身份源');
    expect((await t.extIdpDetail(idp.id)).name).toBe('飞书身份源');
  });

  it('scopes IdPs to a tenant of the pool', async () => {
    const t = h.management.tenant;
    await t.listExtIdp();
    const authorization = h.requests.at(-1)!.headers.get('authorization')!;
    const res = await fetch(`${h.server.url}/api/v2/tenant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'x-authing-userpool-id': h.server.userPoolId },
      body: JSON.stringify({ name: uid('tenant') }),
    });
    const tenant = ((await res.json()) as { code: number; data: { id: string } }).data;
    const idp = await t.createExtIdp({ tenantId: tenant.id, name: 'Tenant IdP', type: 'oidc', connections: [connection(uid('oidc'), 'oidc')] });
    expect(idp.tenantId).toBe(tenant.id);
    expect((await t.listExtIdp(tenant.id)).map((i) => i.id)).toEqual([idp.id]);
    expect((await t.listExtIdp()).map((i) => i.id)).not.toContain(idp.id);
    expect(await t.batchChangeExtIdpConnectionState(idp.id, { enabled: false, tenantId: tenant.id })).toBe(true);
    expect((await failure(t.batchChangeExtIdpConnectionState(idp.id, { enabled: false, tenantId: 'no-such-tenant' }))).code).toBe(3814);
  });

  it('keeps connection identifiers unique in the pool, all or nothing', async () => {
    const t = h.management.tenant;
    const ident = uid('dup');
    expect(await t.checkExtIdpConnectionIdentifierUnique(ident)).toBe(true);
    const idp = await t.createExtIdp({ name: 'A', type: 'wechat', connections: [connection(ident)] });
    expect(await t.checkExtIdpConnectionIdentifierUnique(ident)).toBe(false);

    const taken = await failure(t.createExtIdpConnection({ extIdpId: idp.id, ...connection(ident, 'wechatmp-qrcode') }));
    expect(taken.code).toBe(3813);

    const before = (await t.listExtIdp()).length;
    const fresh = uid('fresh');
    const refused = await failure(t.createExtIdp({ name: 'B', type: 'wechat', connections: [connection(fresh), connection(ident)] }));
    expect(refused.code).toBe(3813);
    expect((await t.listExtIdp()).length).toBe(before);
    expect(await t.checkExtIdpConnectionIdentifierUnique(fresh)).toBe(true);
  });

  it('validates types and required fields', async () => {
    const t = h.management.tenant;
    expect((await failure(t.createExtIdp({ name: 'X', type: 'myspace', connections: [] }))).code).toBe(400);
    expect((await failure(t.createExtIdp({ name: 'X', type: 'wechat', connections: [connection(uid('c'), 'telegram')] }))).code).toBe(400);
    const noFields = { ...connection(uid('c')), fields: 'x' as unknown as Record<string, unknown> };
    expect((await failure(t.createExtIdp({ name: 'X', type: 'wechat', connections: [noFields] }))).code).toBe(400);
    expect((await failure(t.createExtIdp({ name: 'X', type: 'wechat', tenantId: 'no-such-tenant', connections: [] }))).code).toBe(3814);
    expect((await failure(t.extIdpDetail('no-such-idp'))).code).toBe(3811);
    expect((await failure(t.deleteExtIdpConnection('no-such-conn'))).code).toBe(3812);
  });

  it('adds, updates, switches and deletes connections; batch state covers every connection', async () => {
    const t = h.management.tenant;
    const idp = await t.createExtIdp({ name: 'Lark', type: 'lark', connections: [connection(uid('l1'), 'lark-internal')] });
    const added = await t.createExtIdpConnection({ extIdpId: idp.id, ...connection(uid('l2'), 'lark-public'), logo: 'https://example.com/l.png' });
    expect(added).toMatchObject({ type: 'lark-public', logo: 'https://example.com/l.png', enabled: true });

    const updated = await t.updateExtIdpConnection(added.id, { displayName: 'Lark public', fields: { appId: 'a2' }, userMatchFields: ['phone'] });
    expect(updated).toMatchObject({ displayName: 'Lark public', fields: { appId: 'a2' }, userMatchFields: ['phone'], identifier: added.identifier });

    expect(await t.changeExtIdpConnectionState(added.id, { enabled: false })).toBe(true);
    let states = (await t.extIdpDetail(idp.id)).connections.map((c) => [c.id, c.enabled]);
    expect(states).toEqual([
      [idp.connections[0]!.id, true],
      [added.id, false],
    ]);
    expect((await failure(t.changeExtIdpConnectionState(added.id, { enabled: true, appId: 'no-such-app' }))).code).toBe(2011);
    expect(await t.changeExtIdpConnectionState(added.id, { enabled: true, appId: h.server.appId })).toBe(true);

    expect(await t.batchChangeExtIdpConnectionState(idp.id, { enabled: false })).toBe(true);
    states = (await t.extIdpDetail(idp.id)).connections.map((c) => [c.id, c.enabled]);
    expect(states.every(([, enabled]) => enabled === false)).toBe(true);

    expect(await t.deleteExtIdpConnection(added.id)).toBe(true);
    expect((await t.extIdpDetail(idp.id)).connections.map((c) => c.id)).toEqual([idp.connections[0]!.id]);
  });

  it('deleting an IdP deletes its connections (their identifiers are free again)', async () => {
    const t = h.management.tenant;
    const ident = uid('gone');
    const idp = await t.createExtIdp({ name: 'DingTalk', type: 'dingtalk', connections: [connection(ident, 'dingtalk')] });
    expect(await t.deleteExtIdp(idp.id)).toBe(true);
    expect((await failure(t.extIdpDetail(idp.id))).code).toBe(3811);
    expect((await failure(t.deleteExtIdpConnection(idp.connections[0]!.id))).code).toBe(3812);
    expect(await t.checkExtIdpConnectionIdentifierUnique(ident)).toBe(true);
  });
});

describe('tenant.batchInsertResource (POST /api/v2/resources/bulk)', () => {
  it('inserts every resource in request order, then acl lists them', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'bulk');
    const created = await h.management.tenant.batchInsertResource({
      bulk: [
        { code: 'zeta', type: 'DATA', actions: [{ name: 'zeta:read', description: 'read' }], namespace: ns },
        { code: 'alpha', type: 'API', actions: [{ name: 'alpha:call', description: 'call' }], apiIdentifier: 'https://api.example.com/a', namespace: ns },
      ],
    });
    expect(created.map((r) => [r.code, r.type, r.namespace])).toEqual([
      ['zeta', 'DATA', ns],
      ['alpha', 'API', ns],
    ]);
    const listed = await h.management.acl.listResources({ namespace: ns });
    expect(listed.list.map((r) => r.code)).toEqual(['zeta', 'alpha']);
    expect(listed.list[1]!.apiIdentifier).toBe('https://api.example.com/a');
  });

  it('is all or nothing: one bad item (a duplicate, a reserved code) writes none', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'bulk');
    const good = { code: 'book', type: 'DATA' as const, actions: [{ name: 'book:read', description: '' }], namespace: ns };
    const dup = await failure(h.management.tenant.batchInsertResource({ bulk: [good, { ...good }] }));
    expect(dup.code).toBe(3101);
    const reserved = await failure(h.management.tenant.batchInsertResource({ bulk: [good, { ...good, code: 'user' }] }));
    expect(reserved.code).toBe(3102);
    expect((await h.management.acl.listResources({ namespace: ns })).list).toEqual([]);
  });
});
