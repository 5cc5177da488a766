/**
 * The official authing-js-sdk 4.23.55's `managementClient.applications` against authing-local:
 * list / create / findById / delete, the app's own namespace (roles in it), a refreshed secret,
 * the application type, active users and the agreements.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const PASSWORD = 'pa55word!';

describe('official SDK: applications', () => {
  it('creates, finds, lists and deletes an application with its namespace', async () => {
    const apps = h.management.applications;
    const app = await apps.create({ name: `compat-${h.suffix}`, identifier: `compat-${h.suffix}`, redirectUris: ['https://example.com/cb'] });
    expect((await apps.findById(app.id)).name).toBe(`compat-${h.suffix}`);
    expect((await apps.list({ page: 1, limit: 100 })).list.map((a) => a.id)).toContain(app.id);
    await apps.createRole(app.id, { code: 'viewer' });
    expect((await apps.findRole(app.id, 'viewer'))?.namespace).toBe(app.id);
    expect(await apps.delete(app.id)).toBe(true);
    await expect(apps.findById(app.id)).rejects.toMatchObject({ code: 2011 });
    const namespaces = await h.management.acl.listNamespaces(1, 100);
    expect(JSON.stringify(namespaces)).not.toContain(app.id);
  });

  it('refreshes the secret, changes the type and lists active users', async () => {
    const apps = h.management.applications;
    const app = await apps.create({ name: `compat2-${h.suffix}`, identifier: `compat2-${h.suffix}`, redirectUris: [] });
    const refreshed = await apps.refreshApplicationSecret(app.id);
    expect(refreshed.secret).not.toBe(app.secret);
    expect((await apps.changeApplicationType(app.id, 'BOTH' as never)).appType).toBe('BOTH');
    const username = `compat_active_${h.suffix}`;
    await new AuthenticationClient({ appId: app.id, appHost: h.server.url }).registerByUsername(username, PASSWORD);
    await new AuthenticationClient({ appId: app.id, appHost: h.server.url }).loginByUsername(username, PASSWORD);
    const active = await apps.activeUsers(app.id, 1, 10);
    expect(active.list.map((u) => u.username)).toEqual([username]);
  });

  it('keeps agreements in order', async () => {
    const apps = h.management.applications;
    const app = await apps.create({ name: `compat3-${h.suffix}`, identifier: `compat3-${h.suffix}`, redirectUris: [] });
    const a = await apps.createAgreement(app.id, { title: 'A' });
    const b = await apps.createAgreement(app.id, { title: 'B', required: false });
    expect(a).toMatchObject({ title: 'A', required: true, lang: 'zh-CN', order: 0 });
    await apps.sortAgreement(app.id, [b.id, a.id]);
    expect((await apps.listAgreement(app.id)).list.map((x) => x.title)).toEqual(['B', 'A']);
    expect(await apps.modifyAgreement(app.id, a.id, { title: 'A2' })).toMatchObject({ title: 'A2' });
    await apps.deleteAgreement(app.id, b.id);
    expect((await apps.listAgreement(app.id)).list.map((x) => [x.title, x.order])).toEqual([['A2', 0]]);
  });
});
