import { describe, expect, it } from 'vitest';
import { bearer, codes, unique, useServer } from './helpers.js';

const h = useServer();

const UPDATE = 'mutation($id: String, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id nickname city username } }';

async function endUser(password = 'pw-1234567') {
  const username = unique('self');
  const id = await h.createUser({ username, password, nickname: 'Before' });
  return { id, username, password, token: await h.login(username, password) };
}

describe('updateUser with an end-user token (hole 1: account state)', () => {
  it('refuses blocked, emailVerified, phoneVerified and loginsCount with 2018 and writes nothing', async () => {
    const me = await endUser();
    const before = await h.read(me.id);
    const input = { blocked: false, emailVerified: true, phoneVerified: true, loginsCount: 424242 };
    const answer = await h.gql(UPDATE, { input }, bearer(me.token));
    expect(answer.data).toBeNull();
    expect(codes(answer)).toEqual([2018]);
    expect(answer.errors?.[0]?.message.data).toEqual({ fields: ['emailVerified', 'phoneVerified', 'loginsCount', 'blocked'] });
    expect(await h.read(me.id)).toEqual(before);
  });

  it('refuses one forbidden field even next to allowed ones, in the same call with its own id', async () => {
    const me = await endUser();
    const answer = await h.gql(UPDATE, { id: me.id, input: { nickname: 'Sneaky', lastIP: '6.6.6.6' } }, bearer(me.token));
    expect(codes(answer)).toEqual([2018]);
    expect(await h.read(me.id, 'nickname lastIP')).toEqual({ nickname: 'Before', lastIP: '127.0.0.1' });
  });

  it('refuses email and phone changes, which need a proof of ownership authing-local does not issue', async () => {
    const me = await endUser();
    for (const input of [{ email: 'taken-over@example.com' }, { phone: '13800000000' }]) {
      const answer = await h.gql(UPDATE, { input }, bearer(me.token));
      expect(codes(answer)).toEqual([2018]);
    }
    const withToken = await h.gql(
      'mutation($input: UpdateUserInput!) { updateUser(input: $input, emailToken: "made-up") { id } }',
      { input: { email: 'taken-over@example.com' } },
      bearer(me.token),
    );
    expect(codes(withToken)).toEqual([2018]);
    expect(await h.read(me.id, 'email phone')).toEqual({ email: null, phone: null });
  });

  it('still lets the user change its own profile fields (updateProfile), username included', async () => {
    const me = await endUser();
    const username = unique('renamed');
    const answer = await h.gql(UPDATE, { input: { nickname: 'After', city: 'Oxford', username } }, bearer(me.token));
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ updateUser: { id: me.id, nickname: 'After', city: 'Oxford', username } });
  });

  it("refuses another user's id (403) and leaves that user alone", async () => {
    const me = await endUser();
    const other = await endUser();
    const answer = await h.gql(UPDATE, { id: other.id, input: { nickname: 'Mine now' } }, bearer(me.token));
    expect(codes(answer)).toEqual([403]);
    expect(await h.read(other.id, 'nickname')).toEqual({ nickname: 'Before' });
  });

  it('lets management change every field', async () => {
    const me = await endUser();
    const answer = await h.gql(UPDATE, { id: me.id, input: { emailVerified: true, loginsCount: 7 } }, bearer(h.admin));
    expect(answer.errors).toBeUndefined();
    expect(await h.read(me.id, 'emailVerified loginsCount')).toEqual({ emailVerified: true, loginsCount: 7 });
  });
});

describe('updateUser with an end-user token (hole 2: password)', () => {
  it('refuses a new password with 2019; the old password keeps working', async () => {
    const me = await endUser('old-password-1');
    const answer = await h.gql(UPDATE, { input: { password: 'new-password-1' } }, bearer(me.token));
    expect(answer.data).toBeNull();
    expect(codes(answer)).toEqual([2019]);
    await expect(h.login(me.username, 'old-password-1')).resolves.toEqual(expect.any(String));
    await expect(h.login(me.username, 'new-password-1')).rejects.toThrow(/2333/);
  });
});
