import { AuthingValidationError } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'principal-passw0rd!';
const ID_CARD = '11010519491231002X';

async function newUser() {
  const username = uid('prin');
  const created = await h.management.users.create({ username, password: PASSWORD });
  return { id: created.id, username };
}

describe('management.principal', () => {
  it('authenticates a person; detail answers it to the administrator and to the user', async () => {
    const user = await newUser();
    expect(await h.management.principal.detail(user.id)).toBeNull();
    const detail = await h.management.principal.authenticate(user.id, { type: 'P', name: '张三', idCard: ID_CARD.toLowerCase(), bankCard: '6222020200001234567' });
    expect(detail).toMatchObject({ userId: user.id, userPoolId: h.server.userPoolId, principalType: 'P', principalName: '张三', principalCode: ID_CARD });
    expect(await h.management.principal.detail(user.id)).toEqual(detail);
    const auth = h.authentication();
    await auth.loginByUsername(user.username, PASSWORD);
    expect(await auth.principal.detail()).toEqual(detail);
    // Once only, whoever asks.
    expect((await failure(h.management.principal.authenticate(user.id, { type: 'P', name: '张三', idCard: ID_CARD, bankCard: '6222020200001234567' }))).code).toBe(3854);
  });

  it('authenticates an enterprise with the official body', async () => {
    const user = await newUser();
    h.requests.length = 0;
    const detail = await h.management.principal.authenticate(user.id, {
      type: 'E',
      enterpriseName: 'Example Ltd.',
      enterpriseCode: '91350100M000100Y43',
      legalPersonName: '李四',
    });
    expect(detail).toMatchObject({ principalType: 'E', principalName: 'Example Ltd.', principalCode: '91350100M000100Y43' });
    const sent = h.requests.find((r) => r.method === 'POST' && r.url.includes('/management/principal_authentication'))!;
    expect(new URL(sent.url).pathname).toBe(`/api/v2/users/${user.id}/management/principal_authentication`);
    expect(JSON.parse(sent.body!)).toEqual({ type: 'E', name: 'Example Ltd.', idCard: '91350100M000100Y43', ext: '李四' });
  });

  it('refuses an invalid id number 3851, a bad bank card 3852, a bad enterprise code 3853, an unknown user 2004', async () => {
    const user = await newUser();
    const person = { type: 'P' as const, name: '张三', idCard: ID_CARD, bankCard: '6222020200001234567' };
    expect((await failure(h.management.principal.authenticate(user.id, { ...person, idCard: '110105194912310021' }))).code).toBe(3851);
    expect((await failure(h.management.principal.authenticate(user.id, { ...person, bankCard: '12' }))).code).toBe(3852);
    expect((await failure(h.management.principal.authenticate(user.id, { type: 'E', enterpriseName: 'X', enterpriseCode: 'nope', legalPersonName: 'Y' }))).code).toBe(3853);
    expect((await failure(h.management.principal.authenticate('no-such-user', person))).code).toBe(2004);
    expect((await failure(h.management.principal.detail('no-such-user'))).code).toBe(2004);
    expect(await h.management.principal.detail(user.id)).toBeNull();
    await expect(h.management.principal.detail('')).rejects.toBeInstanceOf(AuthingValidationError);
  });
});
