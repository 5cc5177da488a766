import { beforeAll, describe, expect, it } from 'vitest';
import type { PoolCredentials } from '../../src/index.js';
import { codes, useServer } from './helpers.js';

const h = useServer();

const REFRESH = 'mutation($t: String) { refreshAccessToken(accessToken: $t) { accessToken } }';
let other: PoolCredentials;
let otherToken = '';

beforeAll(async () => {
  other = await h.s.createUserPool('Other pool');
  const answer = await h.gql<{ accessToken: { accessToken: string } }>(
    'query($id: String!, $secret: String!) { accessToken(userPoolId: $id, secret: $secret) { accessToken } }',
    { id: other.userPoolId, secret: other.secret },
    { 'x-authing-userpool-id': other.userPoolId, 'x-authing-app-id': other.appId },
  );
  otherToken = answer.data?.accessToken.accessToken ?? '';
});

describe('refreshAccessToken (hole 5)', () => {
  it("refuses another pool's token when the request names this pool (header, or this pool's app)", async () => {
    const named = await h.gql(REFRESH, { t: otherToken }, { 'x-authing-userpool-id': h.s.userPoolId, 'x-authing-app-id': '' });
    expect(named.data).toBeNull();
    expect(codes(named)).toEqual([2020]);
    const byApp = await h.gql(REFRESH, { t: otherToken }, { 'x-authing-userpool-id': '', 'x-authing-app-id': h.s.appId });
    expect(codes(byApp)).toEqual([2020]);
    const asBearer = await h.gql(REFRESH, {}, { authorization: `Bearer ${otherToken}` });
    expect(codes(asBearer)).toEqual([2020]);
  });

  it('refreshes a token for its own pool', async () => {
    const own = await h.gql<{ refreshAccessToken: { accessToken: string } }>(REFRESH, { t: otherToken }, {
      'x-authing-userpool-id': other.userPoolId,
      'x-authing-app-id': other.appId,
    });
    expect(own.errors).toBeUndefined();
    expect(own.data?.refreshAccessToken.accessToken).toEqual(expect.any(String));
    const mine = await h.gql(REFRESH, { t: h.admin });
    expect(mine.errors).toBeUndefined();
  });

  it('reports a token of another pool as not logged in to checkLoginStatus', async () => {
    const otherUser = await h.gql<{ registerByUsername: { token: string } }>(
      'mutation { registerByUsername(input: { username: "other-pool-user", password: "pw-1234567" }) { token } }',
      {},
      { 'x-authing-userpool-id': other.userPoolId, 'x-authing-app-id': other.appId },
    );
    const token = otherUser.data?.registerByUsername.token ?? '';
    const status = await h.gql<{ checkLoginStatus: { status: boolean } }>('query($t: String) { checkLoginStatus(token: $t) { status } }', { t: token });
    expect(status.data?.checkLoginStatus.status).toBe(false);
  });
});
