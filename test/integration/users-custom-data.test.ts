/**
 * Custom data on user reads, as the official SDKs send them: `withCustomData` selects the
 * `…WithCustomData` twin documents (REST: `with_custom_data` / `withCustomData`), and every read
 * answers the stored values decoded by the field's type, one decoder for all. Without the flag
 * no custom data is asked for.
 */
import type { CustomData } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

interface Sent {
  method: string;
  url: string;
  query?: string;
  variables?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

/** What the SDK sent during `run`: each request's method, URL and JSON body (a GraphQL one split). */
async function recorded<T>(run: () => Promise<T>): Promise<{ result: T; sent: Sent[] }> {
  const from = h.requests.length;
  const result = await run();
  const sent = h.requests.slice(from).map(({ method, url, body }) => {
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : undefined;
    const query = typeof json?.query === 'string' ? json.query : undefined;
    const variables = json?.variables as Record<string, unknown> | undefined;
    return { method, url, query, variables, body: json };
  });
  return { result, sent };
}
/** The operation name of a GraphQL request. */
const operation = (sent: Sent) => (sent.query ? /(?:query|mutation)\s+(\w+)/.exec(sent.query)?.[1] : undefined);
const graphqlOf = (sent: Sent[]) => sent.filter((s) => s.query && operation(s) !== 'accessToken');

const keys = { school: uid('school'), age: uid('age'), born: uid('born'), active: uid('active'), prefs: uid('prefs') };
const born = new Date('1999-12-31T23:59:58.123Z');
const data = { [keys.school]: '清华大学', [keys.age]: 18.5, [keys.born]: born, [keys.active]: false, [keys.prefs]: { theme: 'dark', tags: ['a'] } };
/** What every read must answer: the values typed by `dataType`. */
const decoded: CustomData = { ...data };

let userId = '';
let username = '';

beforeAll(async () => {
  await h.management.udf.set('USER', keys.school, 'STRING', 'School');
  await h.management.udf.set('USER', keys.age, 'NUMBER', 'Age');
  await h.management.udf.set('USER', keys.born, 'DATETIME', 'Born');
  await h.management.udf.set('USER', keys.active, 'BOOLEAN', 'Active');
  await h.management.udf.set('USER', keys.prefs, 'OBJECT', 'Preferences');
  username = uid('carol');
  const { id } = await h.management.users.create({ username, email: `${username}@example.com` });
  userId = id;
  await h.management.users.setUdfValue(userId, data);
});

describe('users.create with customData', () => {
  it('sends createUserWithCustomData with params [{ key, value }] and answers the stored values decoded', async () => {
    const name = uid('dave');
    const { result: user, sent } = await recorded(() => h.management.users.create({ username: name, password: 'p4ss!word' }, { customData: data }));
    const [create] = graphqlOf(sent);
    expect(operation(create!)).toBe('createUserWithCustomData');
    expect(create!.query).toContain('customData');
    // The official SDKs' params: the JSON text of [{ key, value }], each value as given.
    expect(JSON.parse(String(create!.variables?.params))).toEqual(Object.entries(data).map(([key, value]) => ({ key, value: JSON.parse(JSON.stringify(value)) as unknown })));
    expect(user.username).toBe(name);
    expect(user.customData).toEqual(decoded);
    expect(user.customData[keys.born]).toBeInstanceOf(Date);
    // Stored, not only echoed: a separate read finds the values.
    await expect(h.management.users.getUdfValue(user.id)).resolves.toEqual(decoded);
  });

  it('without customData sends the plain createUser, no params and no customData selection', async () => {
    const { result: user, sent } = await recorded(() => h.management.users.create({ username: uid('erin') }));
    const [create] = graphqlOf(sent);
    expect(operation(create!)).toBe('createUser');
    expect(create!.query).not.toContain('customData');
    expect(create!.variables).not.toHaveProperty('params');
    expect(user).not.toHaveProperty('customData');
    await expect(h.management.users.getUdfValue(user.id)).resolves.toEqual({});
  });

  it('an unknown field fails the whole create (no user is left behind), a bad value before any request', async () => {
    const name = uid('frank');
    const unknown = await failure(h.management.users.create({ username: name }, { customData: { [uid('nope')]: 1 } }));
    expect(unknown).toMatchObject({ code: 3802 });
    await expect(h.management.users.find({ username: name })).resolves.toBeNull();
    const wrongType = await failure(h.management.users.create({ username: name }, { customData: { [keys.age]: 'old' } }));
    expect(wrongType).toMatchObject({ code: 3803 });
    const from = h.requests.length;
    const empty = await failure(h.management.users.create({ username: name }, { customData: {} }));
    expect(empty).toMatchObject({ name: 'AuthingValidationError' });
    expect(empty.message).toContain('options.customData');
    expect(h.requests.length).toBe(from);
  });
});

describe('reads with withCustomData', () => {
  it('detail: REST with_custom_data=true, customData decoded; without the flag none asked for', async () => {
    const { result: user, sent } = await recorded(() => h.management.users.detail(userId, { withCustomData: true }));
    const [get] = sent.filter((s) => s.url.includes(`/api/v2/users/${userId}`));
    expect(new URL(get!.url).searchParams.get('with_custom_data')).toBe('true');
    expect(user?.customData).toEqual(decoded);
    expect(user?.customData[keys.born]).toBeInstanceOf(Date);

    const plain = await recorded(() => h.management.users.detail(userId));
    const [plainGet] = plain.sent.filter((s) => s.url.includes(`/api/v2/users/${userId}`));
    expect(new URL(plainGet!.url).searchParams.has('with_custom_data')).toBe(false);
    expect(plain.result?.customData ?? []).toEqual([]);
  });

  it('list and iterate: usersWithCustomData', async () => {
    const { result, sent } = await recorded(() => h.management.users.list(1, 200, { withCustomData: true }));
    expect(graphqlOf(sent).map(operation)).toEqual(['usersWithCustomData']);
    const mine = result.list.find((u) => u.id === userId);
    expect(mine?.customData).toEqual(decoded);
    expect(mine?.identities).toEqual([]);
    // Users without values answer {}.
    expect(result.list.filter((u) => u.id !== userId).every((u) => typeof u.customData === 'object')).toBe(true);

    const iterated = await recorded(async () => {
      for await (const user of h.management.users.iterate({ pageSize: 1, withCustomData: true, headers: { 'x-probe': 'iterate' } })) if (user.id === userId) return user;
      return undefined;
    });
    expect(iterated.result?.customData).toEqual(decoded);
    expect(graphqlOf(iterated.sent).every((s) => operation(s) === 'usersWithCustomData')).toBe(true);

    const plain = await recorded(() => h.management.users.list(1, 200));
    expect(graphqlOf(plain.sent).map(operation)).toEqual(['users']);
    expect(graphqlOf(plain.sent)[0]!.query).not.toContain('customData');
    expect(plain.result.list.find((u) => u.id === userId)).not.toHaveProperty('customData');
  });

  it('find: findUserWithCustomData', async () => {
    const { result: user, sent } = await recorded(() => h.management.users.find({ username, withCustomData: true }));
    expect(graphqlOf(sent).map(operation)).toEqual(['findUserWithCustomData']);
    expect(graphqlOf(sent)[0]!.variables).not.toHaveProperty('withCustomData');
    expect(user?.id).toBe(userId);
    expect(user?.customData).toEqual(decoded);
    await expect(h.management.users.find({ username: uid('nobody'), withCustomData: true })).resolves.toBeNull();

    const plain = await recorded(() => h.management.users.find({ username }));
    expect(graphqlOf(plain.sent).map(operation)).toEqual(['findUser']);
    expect(graphqlOf(plain.sent)[0]!.query).not.toContain('customData');
    expect(plain.result).not.toHaveProperty('customData');
  });

  it('search and iterateSearch: searchUserWithCustomData', async () => {
    const { result, sent } = await recorded(() => h.management.users.search(username, { withCustomData: true }));
    expect(graphqlOf(sent).map(operation)).toEqual(['searchUserWithCustomData']);
    expect(graphqlOf(sent)[0]!.variables).not.toHaveProperty('withCustomData');
    expect(result.list.map((u) => [u.id, u.customData])).toEqual([[userId, decoded]]);

    const iterated = await recorded(async () => {
      const all = [];
      for await (const user of h.management.users.iterateSearch(username, { fields: ['username'], withCustomData: true, headers: { 'x-probe': 'search' } })) all.push(user);
      return all;
    });
    expect(iterated.result.map((u) => [u.id, u.customData])).toEqual([[userId, decoded]]);
    const pages = graphqlOf(iterated.sent);
    expect(pages.map(operation)).toEqual(['searchUserWithCustomData']);
    expect(h.requests.slice(-pages.length).every((r) => r.headers.get('x-probe') === 'search')).toBe(true);

    const plain = await recorded(() => h.management.users.search(username));
    expect(graphqlOf(plain.sent).map(operation)).toEqual(['searchUser']);
    expect(graphqlOf(plain.sent)[0]!.query).not.toContain('customData');
    expect(plain.result.list[0]).not.toHaveProperty('customData');
  });

  it('batch: REST withCustomData, as authing-js-sdk sends it', async () => {
    const { result, sent } = await recorded(() => h.management.users.batch([username, uid('nobody')], { queryField: 'username', withCustomData: true }));
    const [post] = sent.filter((s) => s.url.endsWith('/api/v2/users/batch'));
    expect(post!.body).toEqual({ ids: [username, expect.any(String)], type: 'username', withCustomData: true });
    expect(result.map((u) => [u.id, u.customData])).toEqual([[userId, decoded]]);

    const plain = await recorded(() => h.management.users.batch([userId]));
    const [plainPost] = plain.sent.filter((s) => s.url.endsWith('/api/v2/users/batch'));
    expect(plainPost!.body).toMatchObject({ withCustomData: false });
    expect(plain.result[0]?.customData ?? []).toEqual([]);
  });

  it('every read agrees with getUdfValue after a change, and a cleared value is left out', async () => {
    await h.management.users.removeUdfValue(userId, keys.prefs);
    await h.management.users.setUdv(userId, keys.age, 19);
    const { [keys.prefs]: _gone, ...rest } = decoded;
    const expected = { ...rest, [keys.age]: 19 };
    await expect(h.management.users.getUdfValue(userId)).resolves.toEqual(expected);
    expect((await h.management.users.detail(userId, { withCustomData: true }))?.customData).toEqual(expected);
    expect((await h.management.users.find({ username, withCustomData: true }))?.customData).toEqual(expected);
    expect((await h.management.users.search(username, { withCustomData: true })).list[0]?.customData).toEqual(expected);
    expect((await h.management.users.batch([userId], { withCustomData: true }))[0]?.customData).toEqual(expected);
    expect((await h.management.users.list(1, 200, { withCustomData: true })).list.find((u) => u.id === userId)?.customData).toEqual(expected);
  });
});
