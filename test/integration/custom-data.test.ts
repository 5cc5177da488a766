import { AuthingApiError, ManagementClient, type CustomDataItem, type UdfTargetType } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const newUser = async () => (await h.management.users.create({ username: uid('u') })).id;

/** The request bodies the SDK sent since `from`, as JSON. */
const sentSince = (from: number) => h.requests.slice(from).map((r) => (r.body ? (JSON.parse(r.body) as { query?: string; variables?: Record<string, unknown> }) : {}));

/** A raw GraphQL call with a management token (for the documents the official SDKs send). */
async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: Record<string, unknown>; errors?: { message: { code: number } }[] }> {
  const post = async (body: unknown, token?: string) =>
    (await fetch(`${h.server.url}/graphql/v2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authing-userpool-id': h.server.userPoolId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as { data?: Record<string, unknown>; errors?: { message: { code: number } }[] };
  const login = await post({
    query: 'query t($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }',
    variables: { u: h.server.userPoolId, s: h.server.secret },
  });
  const token = (login.data?.accessToken as { accessToken: string }).accessToken;
  return post({ query, variables }, token);
}

describe('managementClient.udf', () => {
  it('set / list / remove fields per target type', async () => {
    const key = uid('school');
    const field = await h.management.udf.set('USER', key, 'STRING', 'School');
    expect(field).toEqual({ targetType: 'USER', key, dataType: 'STRING', label: 'School', options: null });
    await expect(h.management.udf.set('USER', key, 'STRING', 'University', '{"hint":"x"}')).resolves.toEqual({
      targetType: 'USER',
      key,
      dataType: 'STRING',
      label: 'University',
      options: '{"hint":"x"}',
    });
    const roleKey = uid('floor');
    await h.management.udf.set('ROLE', roleKey, 'NUMBER', 'Floor');
    expect((await h.management.udf.list('USER')).filter((f) => f.key === key)).toEqual([{ targetType: 'USER', key, dataType: 'STRING', label: 'University', options: '{"hint":"x"}' }]);
    expect((await h.management.udf.list('USER')).some((f) => f.key === roleKey)).toBe(false);
    expect((await h.management.udf.list('ROLE')).map((f) => f.key)).toContain(roleKey);
    await expect(h.management.udf.remove('USER', key)).resolves.toMatchObject({ code: 200 });
    expect((await h.management.udf.list('USER')).some((f) => f.key === key)).toBe(false);
    const gone = await failure(h.management.udf.remove('USER', key));
    expect(gone).toMatchObject({ code: 3802 });
  });

  it('every data type round-trips: JSON-encoded on the wire, stored decoded, read back typed', async () => {
    const keys = { s: uid('s'), n: uid('n'), d: uid('d'), b: uid('b'), o: uid('o') };
    await h.management.udf.set('USER', keys.s, 'STRING', 'S');
    await h.management.udf.set('USER', keys.n, 'NUMBER', 'N');
    await h.management.udf.set('USER', keys.d, 'DATETIME', 'D');
    await h.management.udf.set('USER', keys.b, 'BOOLEAN', 'B');
    await h.management.udf.set('USER', keys.o, 'OBJECT', 'O');
    const userId = await newUser();
    const at = new Date('2022-02-03T04:05:06.007Z');
    const from = h.requests.length;
    const items = await h.management.udf.setUdvBatch('USER', userId, [
      { key: keys.s, value: '清华大学' },
      { key: keys.n, value: 18.5 },
      { key: keys.d, value: at },
      { key: keys.b, value: false },
      { key: keys.o, value: { tags: ['a', 'b'], n: 1 } },
    ]);
    // Encoded once, as the official SDK does.
    const sent = sentSince(from).find((b) => b.query?.includes('setUdvBatch'));
    expect(sent?.variables?.udvList).toEqual([
      { key: keys.s, value: '"清华大学"' },
      { key: keys.n, value: '18.5' },
      { key: keys.d, value: JSON.stringify(at) },
      { key: keys.b, value: 'false' },
      { key: keys.o, value: '{"tags":["a","b"],"n":1}' },
    ]);
    const expected: CustomDataItem[] = [
      { key: keys.s, label: 'S', dataType: 'STRING', value: '清华大学' },
      { key: keys.n, label: 'N', dataType: 'NUMBER', value: 18.5 },
      { key: keys.d, label: 'D', dataType: 'DATETIME', value: at },
      { key: keys.b, label: 'B', dataType: 'BOOLEAN', value: false },
      { key: keys.o, label: 'O', dataType: 'OBJECT', value: { tags: ['a', 'b'], n: 1 } },
    ];
    expect(items).toEqual(expected);
    expect(await h.management.udf.listUdv('USER', userId)).toEqual(expected);
    // Stored decoded: the raw answer has the plain string, JSON and epoch milliseconds.
    const raw = await graphql('query q($t: String!) { udv(targetType: USER, targetId: $t) { key value dataType label } }', { t: userId });
    expect(raw.data?.udv).toEqual([
      { key: keys.s, value: '清华大学', dataType: 'STRING', label: 'S' },
      { key: keys.n, value: '18.5', dataType: 'NUMBER', label: 'N' },
      { key: keys.d, value: String(at.getTime()), dataType: 'DATETIME', label: 'D' },
      { key: keys.b, value: 'false', dataType: 'BOOLEAN', label: 'B' },
      { key: keys.o, value: '{"tags":["a","b"],"n":1}', dataType: 'OBJECT', label: 'O' },
    ]);
    await expect(h.management.users.getUdfValue(userId)).resolves.toEqual({
      [keys.s]: '清华大学',
      [keys.n]: 18.5,
      [keys.d]: at,
      [keys.b]: false,
      [keys.o]: { tags: ['a', 'b'], n: 1 },
    });
  });

  it('refuses values of the wrong type, unknown keys, duplicate keys and unsupported targets, writing nothing', async () => {
    const [n, s] = [uid('n'), uid('s')];
    await h.management.udf.set('USER', n, 'NUMBER', 'N');
    await h.management.udf.set('USER', s, 'STRING', 'S');
    const userId = await newUser();
    await h.management.users.setUdfValue(userId, { [n]: 1, [s]: 'one' });
    const en = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url, lang: 'en-US' });

    const wrongZh = await failure(h.management.users.setUdfValue(userId, { [s]: 'two', [n]: 'not a number' }));
    expect(wrongZh).toBeInstanceOf(AuthingApiError);
    expect(wrongZh).toMatchObject({ code: 3803, message: `自定义字段 ${n} 的值必须为 NUMBER 类型` });
    const wrongEn = await failure(en.users.setUdfValue(userId, { [n]: true }));
    expect(wrongEn).toMatchObject({ code: 3803, message: `The value of user-defined field "${n}" must be of type NUMBER` });
    const unknownKey = await failure(en.users.setUdfValue(userId, { [s]: 'two', nope: 1 }));
    expect(unknownKey).toMatchObject({ code: 3802, message: 'User-defined field "nope" does not exist' });
    const duplicate = await failure(en.udf.setUdvBatch('USER', userId, [{ key: s, value: 'a' }, { key: s, value: 'b' }]));
    expect(duplicate).toMatchObject({ code: 400 });
    const target = await failure(en.udf.setUdvBatch('APPLICATION', h.server.appId, [{ key: s, value: 'a' }]));
    expect(target).toMatchObject({ code: 3801, message: 'Custom data is not supported for target type APPLICATION' });
    const targetZh = await failure(h.management.udf.list('ORG'));
    expect(targetZh).toMatchObject({ code: 3801, message: '不支持的自定义数据目标类型：ORG' });
    const emptyLabel = await graphql('mutation { setUdf(targetType: USER, key: "k", dataType: STRING, label: " ") { key } }');
    expect(emptyLabel.errors?.[0]?.message.code).toBe(400);
    // Nothing of the refused writes is stored.
    await expect(h.management.users.getUdfValue(userId)).resolves.toEqual({ [n]: 1, [s]: 'one' });
  });

  it('unknown target ids answer each type’s code', async () => {
    const key = uid('k');
    for (const type of ['USER', 'ROLE', 'GROUP', 'NODE'] as const) await h.management.udf.set(type, key, 'STRING', 'K');
    const codes: [UdfTargetType, number][] = [['USER', 2004], ['ROLE', 3202], ['GROUP', 3302], ['NODE', 3402]];
    for (const [type, code] of codes) {
      expect(await failure(h.management.udf.listUdv(type, 'missing-id')), type).toMatchObject({ code });
      expect(await failure(h.management.udf.setUdvBatch(type, 'missing-id', [{ key, value: 'x' }])), type).toMatchObject({ code });
    }
    expect(await failure(h.management.users.getUdfValueBatch([await newUser(), 'missing-id']))).toMatchObject({ code: 2004 });
    expect(await failure(h.management.roles.getUdfValue('missing-id'))).toMatchObject({ code: 3202 });
  });

  it('GROUP (by code) and NODE targets through the same methods, and their cascades', async () => {
    const key = uid('k');
    await h.management.udf.set('GROUP', key, 'OBJECT', 'K');
    await h.management.udf.set('NODE', key, 'BOOLEAN', 'K');
    const group = uid('g');
    await h.management.groups.create(group, 'G');
    const org = await h.management.org.create(uid('org'));
    const nodeId = org.rootNode.id;
    await expect(h.management.udf.setUdvBatch('GROUP', group, [{ key, value: [1, 2] }])).resolves.toEqual([{ key, label: 'K', dataType: 'OBJECT', value: [1, 2] }]);
    await expect(h.management.udf.setUdvBatch('NODE', nodeId, [{ key, value: true }])).resolves.toEqual([{ key, label: 'K', dataType: 'BOOLEAN', value: true }]);
    await h.management.groups.delete(group);
    await h.management.groups.create(group, 'Same code, new group');
    await expect(h.management.udf.listUdv('GROUP', group)).resolves.toEqual([]);
    await h.management.org.deleteById(org.id);
    expect(await failure(h.management.udf.listUdv('NODE', nodeId))).toMatchObject({ code: 3402 });
  });
});

describe('users custom data', () => {
  it('getUdfValue / getUdfValueBatch / setUdfValue / setUdfValueBatch / removeUdfValue', async () => {
    const [age, school] = [uid('age'), uid('school')];
    await h.management.udf.set('USER', age, 'NUMBER', 'Age');
    await h.management.udf.set('USER', school, 'STRING', 'School');
    const [a, b] = [await newUser(), await newUser()];
    await expect(h.management.users.getUdfValue(a)).resolves.toEqual({});
    await expect(h.management.users.setUdfValue(a, { [age]: 18 })).resolves.toEqual([{ key: age, label: 'Age', dataType: 'NUMBER', value: 18 }]);
    await expect(h.management.users.setUdfValueBatch([{ userId: a, data: { [school]: 'MIT' } }, { userId: b, data: { [age]: 40, [school]: 'ETH' } }])).resolves.toMatchObject({ code: 200 });
    await expect(h.management.users.getUdfValueBatch([a, b])).resolves.toEqual({ [a]: { [age]: 18, [school]: 'MIT' }, [b]: { [age]: 40, [school]: 'ETH' } });
    await expect(h.management.users.removeUdfValue(a, age)).resolves.toEqual([{ key: school, label: 'School', dataType: 'STRING', value: 'MIT' }]);
    await expect(h.management.users.getUdfValue(a)).resolves.toEqual({ [school]: 'MIT' });
    // A batch with one bad value writes nothing.
    expect(await failure(h.management.users.setUdfValueBatch([{ userId: a, data: { [age]: 1 } }, { userId: b, data: { [age]: 'x' } }]))).toMatchObject({ code: 3803 });
    await expect(h.management.users.getUdfValue(a)).resolves.toEqual({ [school]: 'MIT' });
  });

  it('the Python forms listUdv / setUdv / removeUdv', async () => {
    const vip = uid('vip');
    await h.management.udf.set('USER', vip, 'BOOLEAN', 'VIP');
    const userId = await newUser();
    const from = h.requests.length;
    await expect(h.management.users.setUdv(userId, vip, true)).resolves.toEqual([{ key: vip, label: 'VIP', dataType: 'BOOLEAN', value: true }]);
    expect(sentSince(from).find((r) => r.query?.includes('setUdv('))?.variables).toMatchObject({ targetType: 'USER', targetId: userId, key: vip, value: 'true' });
    await expect(h.management.users.listUdv(userId)).resolves.toEqual([{ key: vip, label: 'VIP', dataType: 'BOOLEAN', value: true }]);
    await expect(h.management.users.removeUdv(userId, vip)).resolves.toEqual([]);
    await expect(h.management.users.listUdv(userId)).resolves.toEqual([]);
  });

  it('deleting a user or removing a field removes the values', async () => {
    const [k1, k2] = [uid('k1'), uid('k2')];
    await h.management.udf.set('USER', k1, 'STRING', 'K1');
    await h.management.udf.set('USER', k2, 'STRING', 'K2');
    const [a, b] = [await newUser(), await newUser()];
    await h.management.users.setUdfValueBatch([{ userId: a, data: { [k1]: 'a1', [k2]: 'a2' } }, { userId: b, data: { [k1]: 'b1', [k2]: 'b2' } }]);
    await h.management.udf.remove('USER', k2);
    await expect(h.management.users.getUdfValueBatch([a, b])).resolves.toEqual({ [a]: { [k1]: 'a1' }, [b]: { [k1]: 'b1' } });
    await h.management.udf.set('USER', k2, 'STRING', 'K2 again');
    await expect(h.management.users.getUdfValue(a)).resolves.toEqual({ [k1]: 'a1' });
    await h.management.users.delete(a);
    const raw = await graphql('query q($t: String!) { udv(targetType: USER, targetId: $t) { key } }', { t: a });
    expect(raw.errors?.[0]?.message.code).toBe(2004);
    await expect(h.management.users.getUdfValue(b)).resolves.toEqual({ [k1]: 'b1' });
  });

  it('the …WithCustomData twins answer stored values (detail, users, role and group members, createUser with params)', async () => {
    const key = uid('school');
    await h.management.udf.set('USER', key, 'STRING', 'School');
    const userId = await newUser();
    await h.management.users.setUdfValue(userId, { [key]: 'MIT' });
    const item = { key, value: 'MIT', dataType: 'STRING', label: 'School' };

    // The SDK decodes the REST items to `{ key: value }` (users-custom-data.test.ts covers every read).
    const detail = await h.management.users.detail(userId, { withCustomData: true });
    expect(detail?.customData).toEqual({ [key]: 'MIT' });

    const role = uid('role');
    await h.management.roles.create(role);
    await h.management.roles.addUsers(role, [userId]);
    const group = uid('group');
    await h.management.groups.create(group, 'G');
    await h.management.groups.addUsers(group, [userId]);
    const answer = await graphql(
      `query q($role: String!, $group: String!) {
        users(page: 1, limit: 200) { list { id customData { key value dataType label } } }
        role(code: $role) { users { list { id customData { key value dataType label } } } }
        group(code: $group) { users { list { id customData { key value dataType label } } } }
      }`,
      { role, group },
    );
    const users = answer.data?.users as { list: { id: string; customData: unknown }[] };
    expect(users.list.find((u) => u.id === userId)?.customData).toEqual([item]);
    expect(answer.data?.role).toEqual({ users: { list: [{ id: userId, customData: [item] }] } });
    expect(answer.data?.group).toEqual({ users: { list: [{ id: userId, customData: [item] }] } });

    // A login has no token yet: its user still carries the stored values.
    const username = uid('login');
    const loginUser = await h.management.users.create({ username, password: 'pa55word!' });
    await h.management.users.setUdfValue(loginUser.id, { [key]: 'Tsinghua' });
    const loggedIn = await h.authentication().loginByUsername(username, 'pa55word!');
    expect(loggedIn.customData).toEqual([{ ...item, value: 'Tsinghua' }]);

    const created = await graphql(
      'mutation c($u: CreateUserInput!, $p: String) { createUser(userInfo: $u, params: $p) { id customData { key value dataType label } } }',
      { u: { username: uid('py') }, p: JSON.stringify([{ key, value: 'ETH' }]) },
    );
    expect((created.data?.createUser as { customData: unknown }).customData).toEqual([{ ...item, value: 'ETH' }]);
  });
});

describe('roles custom data', () => {
  it('getUdfValue / getSpecificUdfValue / getUdfValueBatch / setUdfValue / setUdfValueBatch / removeUdfValue, and the role cascade', async () => {
    const [floor, since] = [uid('floor'), uid('since')];
    await h.management.udf.set('ROLE', floor, 'NUMBER', 'Floor');
    await h.management.udf.set('ROLE', since, 'DATETIME', 'Since');
    const r1 = await h.management.roles.create(uid('r'));
    const r2 = await h.management.roles.create(uid('r'));
    const at = new Date('2020-01-01T00:00:00.000Z');
    await expect(h.management.roles.setUdfValue(r1.id, { [floor]: 3, [since]: at })).resolves.toEqual([
      { key: floor, label: 'Floor', dataType: 'NUMBER', value: 3 },
      { key: since, label: 'Since', dataType: 'DATETIME', value: at },
    ]);
    await expect(h.management.roles.getUdfValue(r1.id)).resolves.toEqual({ [floor]: 3, [since]: at });
    await expect(h.management.roles.getSpecificUdfValue(r1.id, floor)).resolves.toEqual({ [floor]: 3 });
    await expect(h.management.roles.getSpecificUdfValue(r2.id, floor)).resolves.toEqual({});
    await expect(h.management.roles.setUdfValueBatch([{ roleId: r2.id, data: { [floor]: 7 } }])).resolves.toMatchObject({ code: 200 });
    await expect(h.management.roles.getUdfValueBatch([r1.id, r2.id])).resolves.toEqual({ [r1.id]: { [floor]: 3, [since]: at }, [r2.id]: { [floor]: 7 } });
    await expect(h.management.roles.removeUdfValue(r1.id, since)).resolves.toEqual([{ key: floor, label: 'Floor', dataType: 'NUMBER', value: 3 }]);
    expect(await failure(h.management.roles.setUdfValue(r1.id, { [since]: 'not a date' }))).toMatchObject({ code: 3803 });
    await h.management.roles.delete(r1.code);
    expect(await failure(h.management.roles.getUdfValue(r1.id))).toMatchObject({ code: 3202 });
    await expect(h.management.roles.getUdfValue(r2.id)).resolves.toEqual({ [floor]: 7 });
  });
});
