import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('groups.delete / deleteMany with unknown codes', () => {
  it('refuses an unknown code with 3302 in the chosen language', async () => {
    const missing = uid('missing');
    const zh = await failure(h.management.groups.delete(missing));
    expect(zh).toMatchObject({ code: 3302, message: `分组 ${missing} 不存在` });
    const en = await failure(h.management.groups.deleteMany([missing], { headers: { 'x-authing-lang': 'en-US' } }));
    expect(en).toMatchObject({ code: 3302, message: `Group "${missing}" does not exist` });
  });

  it('deletes nothing when one code of several is unknown', async () => {
    const [a, b, missing] = [uid('g'), uid('g'), uid('missing')];
    await h.management.groups.create(a, 'A');
    await h.management.groups.create(b, 'B');
    const userId = (await h.management.users.create({ username: uid('u') })).id;
    await h.management.groups.addUsers(a, [userId]);
    expect((await failure(h.management.groups.deleteMany([a, missing, b]))).code).toBe(3302);
    await expect(h.management.groups.detail(a)).resolves.toMatchObject({ code: a, name: 'A' });
    await expect(h.management.groups.detail(b)).resolves.toMatchObject({ code: b, name: 'B' });
    expect((await h.management.groups.listUsers(a)).list.map((u) => u.id)).toEqual([userId]);

    await expect(h.management.groups.deleteMany([a, b])).resolves.toMatchObject({ code: 200 });
    await expect(h.management.groups.detail(a)).resolves.toBeNull();
    await expect(h.management.groups.detail(b)).resolves.toBeNull();
  });
});

describe('groups: duplicate codes', () => {
  it('refuses a taken code on create and on rename with 3301, writing nothing', async () => {
    const [a, b] = [uid('g'), uid('g')];
    await h.management.groups.create(a, 'A');
    await h.management.groups.create(b, 'B');
    const en = await failure(h.management.groups.create(a, 'Again', undefined, { headers: { 'x-authing-lang': 'en-US' } }));
    expect(en).toMatchObject({ code: 3301, message: 'A group with this code already exists' });
    expect(await failure(h.management.groups.update(b, { newCode: a, name: 'Renamed' }))).toMatchObject({ code: 3301, message: '分组 code 已存在' });
    await expect(h.management.groups.detail(a)).resolves.toMatchObject({ name: 'A' });
    await expect(h.management.groups.detail(b)).resolves.toMatchObject({ name: 'B' });
  });
});

describe('groups.iterate / iterateUsers', () => {
  it('walks every group page by page, and stops asking when the loop breaks', async () => {
    const before = (await h.management.groups.list(1, 1)).totalCount;
    const codes = [uid('it'), uid('it'), uid('it'), uid('it'), uid('it')];
    for (const code of codes) await h.management.groups.create(code, code);
    const seen: string[] = [];
    const sent = h.requests.length;
    for await (const group of h.management.groups.iterate({ pageSize: 2 })) seen.push(group.code);
    expect(seen).toHaveLength(before + codes.length);
    expect(seen.slice(-codes.length)).toEqual(codes);
    expect(h.requests.length - sent).toBe(Math.ceil((before + codes.length) / 2));

    const first: string[] = [];
    const start = h.requests.length;
    for await (const group of h.management.groups.iterate({ pageSize: 2 })) {
      first.push(group.code);
      if (first.length === 3) break;
    }
    expect(first).toEqual(seen.slice(0, 3));
    expect(h.requests.length - start).toBe(2);
  });

  it('walks a group’s members, and an aborted signal ends the walk with a typed error', async () => {
    const code = uid('members');
    await h.management.groups.create(code, 'Members');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.management.users.create({ username: uid('m') })).id);
    await h.management.groups.addUsers(code, ids);
    const seen: string[] = [];
    for await (const user of h.management.groups.iterateUsers(code, { pageSize: 2 })) seen.push(user.id);
    expect(seen).toEqual(ids);

    const controller = new AbortController();
    const walked: string[] = [];
    const error = await failure(
      (async () => {
        for await (const user of h.management.groups.iterateUsers(code, { pageSize: 2, signal: controller.signal })) {
          walked.push(user.id);
          if (walked.length === 2) controller.abort();
        }
      })(),
    );
    expect(error.name).toBe('AuthingAbortError');
    expect(walked).toEqual(ids.slice(0, 2));
    expect((await failure(h.management.groups.iterateUsers(uid('missing')).next())).code).toBe(3302);
  });
});

describe('groups.listUsers / iterateUsers with withCustomData (groupWithUsersWithCustomData)', () => {
  it('answers each member’s stored custom data decoded by field type; without the flag none is asked for', async () => {
    const [school, age, since] = [uid('school'), uid('age'), uid('since')];
    await h.management.udf.set('USER', school, 'STRING', 'School');
    await h.management.udf.set('USER', age, 'NUMBER', 'Age');
    await h.management.udf.set('USER', since, 'DATETIME', 'Since');
    const code = uid('staff');
    await h.management.groups.create(code, 'Staff');
    const [alice, bob] = [(await h.management.users.create({ username: uid('alice') })).id, (await h.management.users.create({ username: uid('bob') })).id];
    const at = new Date('2021-06-07T08:09:10.011Z');
    await h.management.users.setUdfValue(alice, { [school]: 'MIT', [age]: 30, [since]: at });
    await h.management.groups.addUsers(code, [alice, bob]);

    const page = await h.management.groups.listUsers(code, { withCustomData: true });
    const twin = sentGraphql(h.requests.at(-1));
    expect(twin.operation).toBe('groupWithUsersWithCustomData');
    expect(twin.query).toContain('customData {');
    expect(twin.variables).toEqual({ code, page: 1, limit: 10 });
    expect(page.totalCount).toBe(2);
    expect(page.list.map((u) => [u.id, u.customData])).toEqual([
      [alice, { [school]: 'MIT', [age]: 30, [since]: at }],
      [bob, {}],
    ]);
    await expect(h.management.users.getUdfValue(alice)).resolves.toEqual(page.list[0]?.customData);

    const plain = await h.management.groups.listUsers(code);
    expect(sentGraphql(h.requests.at(-1)).operation).toBe('groupWithUsers');
    expect(sentGraphql(h.requests.at(-1)).query).not.toContain('customData');
    expect(plain.list.map((u) => Object.hasOwn(u, 'customData'))).toEqual([false, false]);
    expect(page.list.map(({ customData: _, ...user }) => user)).toEqual(plain.list);

    const sent = h.requests.length;
    const seen: [string, unknown][] = [];
    for await (const member of h.management.groups.iterateUsers(code, { withCustomData: true, pageSize: 1 })) seen.push([member.id, member.customData]);
    expect(seen).toEqual(page.list.map((u) => [u.id, u.customData]));
    expect(h.requests.slice(sent).map((r) => sentGraphql(r).operation)).toEqual(['groupWithUsersWithCustomData', 'groupWithUsersWithCustomData']);

    const missing = uid('missing');
    expect((await failure(h.management.groups.listUsers(missing, { withCustomData: true }))).code).toBe(3302);
  });
});

/** The operation name, document and variables of a GraphQL request the SDK sent. */
function sentGraphql(request: { body: string | null } | undefined): { operation: string | undefined; query: string; variables: Record<string, unknown> } {
  const { query = '', variables = {} } = JSON.parse(request?.body ?? '{}') as { query?: string; variables?: Record<string, unknown> };
  return { operation: /^\s*query (\w+)/.exec(query)?.[1], query, variables };
}
