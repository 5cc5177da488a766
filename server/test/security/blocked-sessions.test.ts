import { describe, expect, it } from 'vitest';
import { bearer, codes, unique, useServer } from './helpers.js';

const h = useServer();

const BLOCK = 'mutation($id: String, $blocked: Boolean) { updateUser(id: $id, input: { blocked: $blocked }) { id blocked } }';

async function endUser() {
  const username = unique('blocked');
  const id = await h.createUser({ username, password: 'pw-1234567' });
  return { id, username, token: await h.login(username, 'pw-1234567') };
}

const me = (token: string) => h.gql<{ user: { id: string } }>('{ user { id } }', {}, bearer(token));
const restMe = async (token: string) => {
  const res = await fetch(`${h.s.url}/api/v2/users/me`, { headers: { ...bearer(token), 'x-authing-userpool-id': h.s.userPoolId } });
  return { status: res.status, body: (await res.json()) as { code: number } };
};

describe('blocking a user (hole 3)', () => {
  it("ends the user's earlier tokens on GraphQL and REST, and checkLoginStatus reports them invalid", async () => {
    const u = await endUser();
    expect((await me(u.token)).data?.user.id).toBe(u.id);
    expect(codes(await h.gql(BLOCK, { id: u.id, blocked: true }, bearer(h.admin)))).toEqual([]);

    expect(codes(await me(u.token))).toEqual([2020]);
    expect(await restMe(u.token)).toMatchObject({ status: 401, body: { code: 2020 } });
    const status = await h.gql<{ checkLoginStatus: { status: boolean } }>('query($t: String) { checkLoginStatus(token: $t) { status } }', { t: u.token });
    expect(status.data?.checkLoginStatus.status).toBe(false);
    expect(codes(await h.gql('mutation { refreshToken { token } }', {}, bearer(u.token)))).toEqual([2020]);
  });

  it('refuses the blocked user a login (2005, after the password check) and a token refreshed by management', async () => {
    const u = await endUser();
    await h.gql(BLOCK, { id: u.id, blocked: true }, bearer(h.admin));
    await expect(h.login(u.username, 'pw-1234567')).rejects.toThrow(/2005/);
    await expect(h.login(u.username, 'wrong-password')).rejects.toThrow(/2333/);
    expect(codes(await h.gql('mutation($id: String) { refreshToken(id: $id) { token } }', { id: u.id }, bearer(h.admin)))).toEqual([2005]);
  });

  it('keeps tokens issued before the block ended after unblocking; new logins work again', async () => {
    const u = await endUser();
    await h.gql(BLOCK, { id: u.id, blocked: true }, bearer(h.admin));
    await h.gql(BLOCK, { id: u.id, blocked: false }, bearer(h.admin));
    expect(codes(await me(u.token))).toEqual([2020]);
    const fresh = await h.login(u.username, 'pw-1234567');
    expect((await me(fresh)).data?.user.id).toBe(u.id);
    const refreshed = await h.gql<{ refreshToken: { token: string } }>('mutation { refreshToken { token } }', {}, bearer(fresh));
    expect((await me(refreshed.data?.refreshToken.token ?? '')).data?.user.id).toBe(u.id);
  });

  it("ends a deleted user's tokens", async () => {
    const u = await endUser();
    await h.gql('mutation($id: String!) { deleteUser(id: $id) { code } }', { id: u.id }, bearer(h.admin));
    expect(codes(await me(u.token))).toEqual([2020]);
  });

  it("does not touch other users' sessions", async () => {
    const blocked = await endUser();
    const bystander = await endUser();
    await h.gql(BLOCK, { id: blocked.id, blocked: true }, bearer(h.admin));
    expect((await me(bystander.token)).data?.user.id).toBe(bystander.id);
  });
});
