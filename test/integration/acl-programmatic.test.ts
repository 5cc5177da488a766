import { describe, expect, it } from 'vitest';
import { failure, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();


describe('programmatic access accounts', () => {
  it('creates, lists, disables, enables, refreshes and deletes accounts', async () => {
    const appId = h.server.appId;
    const created = await h.management.acl.createProgrammaticAccessAccount(appId, { remarks: 'CI' });
    expect(created).toMatchObject({ appId, remarks: 'CI', tokenLifetime: 600, enabled: true });
    expect(created.secret).toEqual(expect.any(String));
    const custom = await h.management.acl.createProgrammaticAccessAccount(appId, { tokenLifetime: 3600 });
    expect(custom.tokenLifetime).toBe(3600);

    const list = await h.management.acl.programmaticAccessAccountList(appId);
    expect(list.totalCount).toBe(2);
    expect(list.list.map((a) => a.id).sort()).toEqual([created.id, custom.id].sort());
    expect((await h.management.acl.programmaticAccessAccountList(appId, 1, 1)).list).toHaveLength(1);

    await expect(h.management.acl.disableProgrammaticAccessAccount(created.id)).resolves.toMatchObject({ id: created.id, enabled: false });
    await expect(h.management.acl.enableProgrammaticAccessAccount(created.id)).resolves.toMatchObject({ id: created.id, enabled: true });

    const generated = await h.management.acl.refreshProgrammaticAccessAccountSecret(created.id);
    expect(generated.secret).not.toBe(created.secret);
    expect(generated.secret.length).toBeGreaterThanOrEqual(16);
    const patch = h.requests.at(-1);
    expect(patch?.method).toBe('PATCH');
    expect(JSON.parse(patch?.body ?? '{}')).toEqual({ id: created.id });
    const chosen = await h.management.acl.refreshProgrammaticAccessAccountSecret(created.id, 'my-own-secret-value-123');
    expect(chosen.secret).toBe('my-own-secret-value-123');

    await expect(h.management.acl.deleteProgrammaticAccessAccount(custom.id)).resolves.toBe(true);
    expect((await h.management.acl.programmaticAccessAccountList(appId)).list.map((a) => a.id)).toEqual([created.id]);
  });

  it('answers 3701 for an unknown account and 2011 for an unknown application', async () => {
    expect((await failure(h.management.acl.enableProgrammaticAccessAccount('no-such-account'))).code).toBe(3701);
    expect((await failure(h.management.acl.deleteProgrammaticAccessAccount('no-such-account'))).code).toBe(3701);
    expect((await failure(h.management.acl.programmaticAccessAccountList('no-such-app'))).code).toBe(2011);
    expect((await failure(h.management.acl.createProgrammaticAccessAccount('no-such-app'))).code).toBe(2011);
  });
});
