/**
 * The session user's custom data over the same custom-data service as management: what the user
 * sets, management reads, and the other way round; values decoded by the field's type; a user
 * token reaches USER data of its own id only.
 */
import { AuthingAuthenticationError, AuthingValidationError } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const PASSWORD = 'udv-pass-1';
const keys = { school: uid('school'), age: uid('age'), born: uid('born'), prefs: uid('prefs') };
const me = { id: '', username: uid('me') };
const other = { id: '', username: uid('other') };

beforeAll(async () => {
  await h.management.udf.set('USER', keys.school, 'STRING', 'School');
  await h.management.udf.set('USER', keys.age, 'NUMBER', 'Age');
  await h.management.udf.set('USER', keys.born, 'DATETIME', 'Born');
  await h.management.udf.set('USER', keys.prefs, 'OBJECT', 'Preferences');
  me.id = (await h.management.users.create({ username: me.username, password: PASSWORD })).id;
  other.id = (await h.management.users.create({ username: other.username, password: PASSWORD })).id;
});

const loggedIn = async () => {
  const auth = h.authentication();
  await auth.loginByUsername(me.username, PASSWORD);
  return auth;
};

describe('custom data of the current user', () => {
  it('setUdv / listUdv / removeUdv are visible to management, values typed', async () => {
    const auth = await loggedIn();
    const after = await auth.setUdv(keys.school, '清华大学');
    expect(after).toEqual([{ key: keys.school, dataType: 'STRING', value: '清华大学', label: 'School' }]);
    await auth.setUdv(keys.age, 20);
    expect(await h.management.users.getUdfValue(me.id)).toEqual({ [keys.school]: '清华大学', [keys.age]: 20 });
    const items = await auth.listUdv();
    expect(items).toEqual(await h.management.users.listUdv(me.id));
    expect(items.find((i) => i.key === keys.age)).toEqual({ key: keys.age, dataType: 'NUMBER', value: 20, label: 'Age' });

    const sent = h.requests.findLast((r) => r.body?.includes('mutation setUdv('));
    expect(JSON.parse(sent?.body ?? '{}').variables).toEqual({ targetType: 'USER', targetId: me.id, key: keys.age, value: '20' });
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${auth.getToken()}`);

    const left = await auth.removeUdv(keys.age);
    expect(left.map((i) => i.key)).toEqual([keys.school]);
    expect(await h.management.users.getUdfValue(me.id)).toEqual({ [keys.school]: '清华大学' });
    await auth.removeUdfValue(keys.school);
    expect(await h.management.users.getUdfValue(me.id)).toEqual({});
  });

  it('setUdfValue / getUdfValue write and read several values, and see what management wrote', async () => {
    const auth = await loggedIn();
    const born = new Date('2001-02-03T04:05:06.789Z');
    await auth.setUdfValue({ [keys.born]: born, [keys.prefs]: { theme: 'dark' } });
    expect(await h.management.users.getUdfValue(me.id)).toEqual({ [keys.born]: born, [keys.prefs]: { theme: 'dark' } });
    await h.management.users.setUdv(me.id, keys.age, 41);
    expect(await auth.getUdfValue()).toEqual({ [keys.born]: born, [keys.prefs]: { theme: 'dark' }, [keys.age]: 41 });
    const batch = h.requests.findLast((r) => r.body?.includes('mutation setUdvBatch('));
    expect(JSON.parse(batch?.body ?? '{}').variables).toEqual({
      targetType: 'USER',
      targetId: me.id,
      udvList: [
        { key: keys.born, value: JSON.stringify(born) },
        { key: keys.prefs, value: '{"theme":"dark"}' },
      ],
    });
  });

  it('refuses bad values with the custom-data codes, and empty data before any request', async () => {
    const auth = await loggedIn();
    expect(await failure(auth.setUdv(uid('undefined'), 'x'))).toMatchObject({ code: 3802 });
    expect(await failure(auth.setUdfValue({ [keys.age]: 'not a number' }))).toMatchObject({ code: 3803 });
    const before = h.requests.length;
    expect(await failure(auth.setUdfValue({}))).toBeInstanceOf(AuthingValidationError);
    expect(h.requests.length).toBe(before);
    expect(await failure(h.authentication().listUdv())).toBeInstanceOf(AuthingAuthenticationError);
  });

  it("refuses another user's data and other target types to a user token (403), and leaves them untouched", async () => {
    const auth = await loggedIn();
    await h.management.users.setUdv(other.id, keys.school, 'MIT');
    const token = auth.getToken() ?? '';
    const ask = (query: string, variables: Record<string, unknown>) =>
      fetch(`${h.server.url}/graphql/v2`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-authing-app-id': h.server.appId, 'x-authing-lang': 'en-US' },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ errors?: Array<{ message: { code: number; message: string } }> }>);
    const calls: Array<[string, Record<string, unknown>]> = [
      ['query($t: UDFTargetType!, $id: String!) { udv(targetType: $t, targetId: $id) { key value } }', { t: 'USER', id: other.id }],
      ['mutation($t: UDFTargetType!, $id: String!, $k: String!) { setUdv(targetType: $t, targetId: $id, key: $k, value: "x") { key } }', { t: 'USER', id: other.id, k: keys.school }],
      ['mutation($t: UDFTargetType!, $id: String!, $k: String!) { removeUdv(targetType: $t, targetId: $id, key: $k) { key } }', { t: 'USER', id: other.id, k: keys.school }],
      ['mutation($t: UDFTargetType!, $id: String!, $k: String!) { setUdvBatch(targetType: $t, targetId: $id, udvList: [{ key: $k, value: "x" }]) { key } }', { t: 'USER', id: other.id, k: keys.school }],
      // Its own id under another target type is no user data either.
      ['query($t: UDFTargetType!, $id: String!) { udv(targetType: $t, targetId: $id) { key value } }', { t: 'ROLE', id: me.id }],
    ];
    for (const [query, variables] of calls) {
      const answer = await ask(query, variables);
      expect(answer.errors?.[0]?.message.code, query).toBe(403);
      expect(JSON.stringify(answer), query).not.toContain('MIT');
    }
    expect(await h.management.users.getUdfValue(other.id)).toEqual({ [keys.school]: 'MIT' });
    // Field definitions stay management's.
    const fields = await ask('query { udf(targetType: USER) { key } }', {});
    expect(fields.errors?.[0]?.message.code).toBe(403);
  });
});
