import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const newUser = (fields: { username?: string; email?: string; nickname?: string } = {}) =>
  h.management.users.create({ username: uid('u'), ...fields });

/** The variables of the last GraphQL request the SDK sent. */
const lastVariables = (): Record<string, unknown> => {
  const sent = h.requests.at(-1);
  return (JSON.parse(sent?.body ?? '{}') as { variables: Record<string, unknown> }).variables;
};

describe('roles.create: the 4.23.55 order beside the catalogue order', () => {
  it('reads the third argument as the namespace when nothing, or only requestOptions, follows', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const code = uid('role');
    const role = await h.management.roles.create(code, 'Newest order', ns);
    expect(role).toMatchObject({ code, description: 'Newest order', namespace: ns, parent: null });
    expect(lastVariables()).toEqual({ code, description: 'Newest order', namespace: ns });

    const other = uid('role');
    const withOptions = await h.management.roles.create(other, 'With options', ns, { headers: { 'x-authing-lang': 'en-US' } });
    expect(withOptions).toMatchObject({ code: other, namespace: ns, parent: null });
    const duplicate = await failure(h.management.roles.create(other, 'Again', ns, { headers: { 'x-authing-lang': 'en-US' } }));
    expect(duplicate).toMatchObject({ code: 3201, message: 'A role with this code already exists in the namespace' });
    expect((await failure(h.management.roles.create(uid('role'), '', uid('missing')))).code).toBe(3003);
  });

  it('reads the third argument as the parent when a fourth (namespace or undefined) follows', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const parent = uid('parent');
    await h.management.roles.create(parent, undefined, ns);
    const child = await h.management.roles.create(uid('child'), 'Child', parent, ns);
    expect(child).toMatchObject({ namespace: ns, parent: { code: parent, namespace: ns } });

    const rootParent = uid('parent');
    await h.management.roles.create(rootParent);
    const inDefault = await h.management.roles.create(uid('child'), 'Child', rootParent, undefined);
    expect(inDefault).toMatchObject({ namespace: 'default', parent: { code: rootParent } });
    expect(lastVariables()).toMatchObject({ parent: rootParent });
    expect(lastVariables()).not.toHaveProperty('namespace');
  });
});

describe('roles.findByCode', () => {
  it('answers the role of that namespace, or null', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const code = uid('role');
    const created = await h.management.roles.create(code, 'Find me', ns);
    await expect(h.management.roles.findByCode(code, ns)).resolves.toEqual(created);
    await expect(h.management.roles.findByCode(code)).resolves.toBeNull();
    await expect(h.management.roles.findByCode(uid('missing'), ns)).resolves.toBeNull();
  });
});

describe('roles.findUsers (POST /api/v2/roles/roleUsers)', () => {
  it('lists the role’s direct users, filtered by search, paged', async () => {
    const code = uid('role');
    await h.management.roles.create(code);
    const alice = await newUser({ username: uid('alice'), nickname: 'Alice Liddell' });
    const bob = await newUser({ username: uid('bob'), email: `${uid('bob')}@example.com` });
    const carol = await newUser({ username: uid('carol'), nickname: 'ALICE too' });
    await h.management.roles.addUsers(code, [alice.id, bob.id, carol.id]);

    const all = await h.management.roles.findUsers(code);
    expect(all.totalCount).toBe(3);
    expect(all.list.map((u) => u.id)).toEqual([alice.id, bob.id, carol.id]);
    const sent = h.requests.at(-1);
    expect(sent?.url).toMatch(/\/api\/v2\/roles\/roleUsers$/);
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ code, namespace: 'default', search: '', page: 1, limit: 10 });

    const alices = await h.management.roles.findUsers(code, { search: 'alice' });
    expect(alices.totalCount).toBe(2);
    expect(alices.list.map((u) => u.id)).toEqual([alice.id, carol.id]);
    expect(alices.list[0]).toMatchObject({ id: alice.id, nickname: 'Alice Liddell', username: alice.username });
    const byEmail = await h.management.roles.findUsers(code, { search: 'EXAMPLE.com' });
    expect(byEmail.list.map((u) => u.id)).toEqual([bob.id]);

    const second = await h.management.roles.findUsers(code, { page: 2, limit: 2 });
    expect(second).toMatchObject({ totalCount: 3 });
    expect(second.list.map((u) => u.id)).toEqual([carol.id]);
  });

  it('refuses an unknown role (3202) or namespace (3003) in the chosen language', async () => {
    const missing = uid('missing');
    const en = await failure(h.management.roles.findUsers(missing, {}, { headers: { 'x-authing-lang': 'en-US' } }));
    expect(en).toMatchObject({ code: 3202, message: `Role "${missing}" does not exist` });
    const zh = await failure(h.management.roles.findUsers(missing));
    expect(zh).toMatchObject({ code: 3202, message: `角色 ${missing} 不存在` });
    expect((await failure(h.management.roles.findUsers(missing, { namespace: uid('nons') }))).code).toBe(3003);
  });

  it('refuses a page or limit outside the served range (400)', async () => {
    const code = uid('role');
    await h.management.roles.create(code);
    const tooLarge = await failure(h.management.roles.findUsers(code, { limit: 201 }, { headers: { 'x-authing-lang': 'en-US' } }));
    expect(tooLarge).toMatchObject({ code: 400, message: 'limit must be an integer from 1 to 200' });
    expect((await failure(h.management.roles.findUsers(code, { page: 0 }))).code).toBe(400);
    expect((await failure(h.management.roles.findUsers(code, { limit: -1 }))).code).toBe(400);
  });
});

describe('roles.deleteMany with unknown codes', () => {
  it('refuses with 3202 and deletes none of the listed roles', async () => {
    const [a, b, missing] = [uid('a'), uid('b'), uid('missing')];
    await h.management.roles.create(a);
    await h.management.roles.create(b);
    const error = await failure(h.management.roles.deleteMany([a, missing, b]));
    expect(error).toMatchObject({ code: 3202, message: `角色 ${missing} 不存在` });
    await expect(h.management.roles.detail(a)).resolves.toMatchObject({ code: a });
    await expect(h.management.roles.detail(b)).resolves.toMatchObject({ code: b });
    await h.management.roles.deleteMany([a, b]);
    await expect(h.management.roles.detail(a)).resolves.toBeNull();
  });
});

describe('roles.iterate / iterateUsers', () => {
  it('walks the roles of a namespace page by page; break stops the requests', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const codes = [uid('r'), uid('r'), uid('r'), uid('r'), uid('r')];
    for (const code of codes) await h.management.roles.create(code, undefined, ns);
    const sent = h.requests.length;
    const seen: string[] = [];
    for await (const role of h.management.roles.iterate({ namespace: ns, pageSize: 2 })) seen.push(role.code);
    expect(seen).toEqual(codes);
    expect(h.requests.length - sent).toBe(3);

    const start = h.requests.length;
    const firstThree: string[] = [];
    for await (const role of h.management.roles.iterate({ namespace: ns, pageSize: 2 })) {
      firstThree.push(role.code);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).toEqual(codes.slice(0, 3));
    expect(h.requests.length - start).toBe(2);
  });

  it('walks a role’s users; an aborted signal stops the walk with a typed error', async () => {
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const code = uid('role');
    await h.management.roles.create(code, undefined, ns);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await newUser()).id);
    await h.management.roles.addUsers(code, ids, ns);
    const seen: string[] = [];
    for await (const user of h.management.roles.iterateUsers(code, { namespace: ns, pageSize: 2 })) seen.push(user.id);
    expect(seen).toEqual(ids);

    const controller = new AbortController();
    const walked: string[] = [];
    const error = await failure(
      (async () => {
        for await (const user of h.management.roles.iterateUsers(code, { namespace: ns, pageSize: 2, signal: controller.signal })) {
          walked.push(user.id);
          if (walked.length === 2) controller.abort();
        }
      })(),
    );
    expect(error.name).toBe('AuthingAbortError');
    expect(walked).toEqual(ids.slice(0, 2));
    expect((await failure(h.management.roles.iterateUsers(code).next())).code).toBe(3202);
  });
});

describe('roles.listUsers / iterateUsers with withCustomData (roleWithUsersWithCustomData)', () => {
  it('answers each user’s stored custom data decoded by field type; without the flag none is asked for', async () => {
    const [school, age, vip, since, prefs] = [uid('school'), uid('age'), uid('vip'), uid('since'), uid('prefs')];
    await h.management.udf.set('USER', school, 'STRING', 'School');
    await h.management.udf.set('USER', age, 'NUMBER', 'Age');
    await h.management.udf.set('USER', vip, 'BOOLEAN', 'VIP');
    await h.management.udf.set('USER', since, 'DATETIME', 'Since');
    await h.management.udf.set('USER', prefs, 'OBJECT', 'Prefs');
    const ns = uid('ns');
    await h.management.acl.createNamespace(ns, 'NS');
    const code = uid('role');
    await h.management.roles.create(code, undefined, ns);
    const [alice, bob, carol] = [await newUser(), await newUser(), await newUser()];
    const at = new Date('2020-01-02T03:04:05.006Z');
    await h.management.users.setUdfValue(alice.id, { [school]: 'MIT', [age]: 21.5, [vip]: true, [since]: at, [prefs]: { theme: 'dark', tags: ['a'] } });
    await h.management.users.setUdfValue(bob.id, { [school]: 'ETH', [vip]: false });
    await h.management.users.removeUdfValue(bob.id, vip);
    await h.management.roles.addUsers(code, [alice.id, bob.id, carol.id], ns);

    const page = await h.management.roles.listUsers(code, { namespace: ns, withCustomData: true });
    const twin = sentGraphql(h.requests.at(-1));
    expect(twin.operation).toBe('roleWithUsersWithCustomData');
    expect(twin.query).toContain('customData {');
    expect(twin.variables).toEqual({ code, namespace: ns, page: 1, limit: 10 });
    expect(page.totalCount).toBe(3);
    expect(page.list.map((u) => [u.id, u.customData])).toEqual([
      [alice.id, { [school]: 'MIT', [age]: 21.5, [vip]: true, [since]: at, [prefs]: { theme: 'dark', tags: ['a'] } }],
      [bob.id, { [school]: 'ETH' }],
      [carol.id, {}],
    ]);
    expect(page.list[0]?.customData[since]).toBeInstanceOf(Date);
    // The same values users.getUdfValue answers.
    await expect(h.management.users.getUdfValue(alice.id)).resolves.toEqual(page.list[0]?.customData);

    const plain = await h.management.roles.listUsers(code, { namespace: ns });
    expect(sentGraphql(h.requests.at(-1)).operation).toBe('roleWithUsers');
    expect(sentGraphql(h.requests.at(-1)).query).not.toContain('customData');
    expect(plain.list.map((u) => Object.hasOwn(u, 'customData'))).toEqual([false, false, false]);
    // Everything else about each user is what the plain listing answers.
    expect(page.list.map(({ customData: _, ...user }) => user)).toEqual(plain.list);
    await h.management.roles.listUsers(code, { namespace: ns, withCustomData: false });
    expect(sentGraphql(h.requests.at(-1)).operation).toBe('roleWithUsers');

    const second = await h.management.roles.listUsers(code, { namespace: ns, withCustomData: true, page: 2, limit: 2 });
    expect(second).toEqual({ totalCount: 3, list: [{ ...page.list[2], customData: {} }] });
  });

  it('iterates with custom data page by page, and refuses an unknown role with 3202', async () => {
    const key = uid('team');
    await h.management.udf.set('USER', key, 'STRING', 'Team');
    const code = uid('role');
    await h.management.roles.create(code);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await newUser();
      await h.management.users.setUdfValue(id, { [key]: `team ${i}` });
      ids.push(id);
    }
    await h.management.roles.addUsers(code, ids);
    const sent = h.requests.length;
    const seen: [string, unknown][] = [];
    for await (const user of h.management.roles.iterateUsers(code, { withCustomData: true, pageSize: 2 })) seen.push([user.id, user.customData]);
    expect(seen).toEqual(ids.map((id, i) => [id, { [key]: `team ${i}` }]));
    expect(h.requests.slice(sent).map((r) => sentGraphql(r).operation)).toEqual(['roleWithUsersWithCustomData', 'roleWithUsersWithCustomData']);

    const missing = uid('missing');
    const error = await failure(h.management.roles.listUsers(missing, { withCustomData: true }, { headers: { 'x-authing-lang': 'en-US' } }));
    expect(error).toMatchObject({ code: 3202, message: `Role "${missing}" does not exist` });
  });
});

/** The operation name, document and variables of a GraphQL request the SDK sent. */
function sentGraphql(request: { body: string | null } | undefined): { operation: string | undefined; query: string; variables: Record<string, unknown> } {
  const { query = '', variables = {} } = JSON.parse(request?.body ?? '{}') as { query?: string; variables?: Record<string, unknown> };
  return { operation: /^\s*query (\w+)/.exec(query)?.[1], query, variables };
}
