import { describe, expect, it } from 'vitest';
import { codes, countingHasher, unique, useServer } from './helpers.js';

const counting = countingHasher();
const h = useServer({ passwordHasher: counting.hasher });
const quick = useServer({ loginLockout: { maxFailures: 3, windowSeconds: 60, lockSeconds: 0.5 } });

const LOGIN = 'mutation($i: LoginByUsernameInput!) { loginByUsername(input: $i) { id } }';
const LOGIN_EMAIL = 'mutation($i: LoginByEmailInput!) { loginByEmail(input: $i) { id } }';
const byUsername = (server: typeof h, username: string, password: string) => server.gql(LOGIN, { i: { username, password } });

async function account(server: typeof h) {
  const username = unique('brute');
  const email = `${username}@example.com`;
  const id = await server.createUser({ username, email, password: 'right-password-1' });
  return { id, username, email };
}

describe('password checks per request (hole 8)', () => {
  it.each([40, 100])('refuses an operation with %i aliased loginByUsername as a whole, without checking one password', async (n) => {
    const { username } = await account(h);
    const fields = Array.from({ length: n }, (_, i) => `a${i}: loginByUsername(input: { username: "${username}", password: "guess-${i}" }) { id }`);
    const before = counting.calls.verify;
    const answer = await h.gql(`mutation { ${fields.join('\n')} }`);
    expect(counting.calls.verify - before).toBe(0);
    expect(answer.data === null || Object.values(answer.data).every((v) => v === null)).toBe(true);
    expect(new Set(codes(answer))).toEqual(new Set([400]));
    // Under the document's alias limit, every field answers the per-request rule itself.
    if (n === 40) {
      expect(answer.errors).toHaveLength(40);
      expect(answer.errors?.[0]?.message.message).toBe('一个请求最多只能包含一次登录或注册');
    }
  });

  it('counts logins and registrations together, through fragments too', async () => {
    const { username } = await account(h);
    const answer = await h.gql(`mutation {
      ...Login
      registerByUsername(input: { username: "${unique('r')}", password: "pw-1234567" }) { id }
    }
    fragment Login on Mutation { loginByUsername(input: { username: "${username}", password: "right-password-1" }) { id } }`);
    expect(codes(answer)).toEqual([400, 400]);
  });

  it('lets one login per request through', async () => {
    const { username } = await account(h);
    const answer = await byUsername(h, username, 'right-password-1');
    expect(answer.errors).toBeUndefined();
  });
});

describe('failed logins per account (hole 8)', () => {
  it('locks an account after 5 failures (2000), the right password included, without checking more passwords', async () => {
    const { username } = await account(h);
    for (let i = 0; i < 5; i++) expect(codes(await byUsername(h, username, `wrong-${i}`))).toEqual([2333]);
    const before = counting.calls.verify;
    const locked = await byUsername(h, username, 'right-password-1');
    expect(codes(locked)).toEqual([2000]);
    expect(locked.errors?.[0]?.message).toMatchObject({ message: '登录失败次数过多，请稍后再试', data: { retryAfter: expect.any(Number) } });
    for (let i = 0; i < 20; i++) expect(codes(await byUsername(h, username, `wrong-more-${i}`))).toEqual([2000]);
    expect(counting.calls.verify - before).toBe(0);
  });

  it('counts loginByUsername and loginByEmail of one account together', async () => {
    const { username, email } = await account(h);
    for (let i = 0; i < 3; i++) await byUsername(h, username, `wrong-${i}`);
    for (let i = 0; i < 2; i++) expect(codes(await h.gql(LOGIN_EMAIL, { i: { email, password: `wrong-${i}` } }))).toEqual([2333]);
    expect(codes(await h.gql(LOGIN_EMAIL, { i: { email, password: 'right-password-1' } }))).toEqual([2000]);
    expect(codes(await byUsername(h, username, 'right-password-1'))).toEqual([2000]);
  });

  it('does not let 50 concurrent guesses past the limit', async () => {
    const { username } = await account(h);
    const before = counting.calls.verify;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => byUsername(h, username, `parallel-${i}`)));
    expect(counting.calls.verify - before).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => codes(a)[0] === 2333).length).toBeLessThanOrEqual(5);
    expect(answers.every((a) => [2333, 2000].includes(codes(a)[0] ?? 0))).toBe(true);
  });

  it('locks unknown accounts the same way', async () => {
    const username = unique('ghost');
    for (let i = 0; i < 5; i++) expect(codes(await byUsername(h, username, `wrong-${i}`))).toEqual([2004]);
    expect(codes(await byUsername(h, username, 'wrong-again'))).toEqual([2000]);
  });

  it('leaves other accounts alone, and a success clears the count', async () => {
    const locked = await account(h);
    const bystander = await account(h);
    for (let i = 0; i < 5; i++) await byUsername(h, locked.username, `wrong-${i}`);
    for (let i = 0; i < 4; i++) await byUsername(h, bystander.username, `wrong-${i}`);
    expect(codes(await byUsername(h, bystander.username, 'right-password-1'))).toEqual([]);
    for (let i = 0; i < 4; i++) expect(codes(await byUsername(h, bystander.username, `wrong-after-${i}`))).toEqual([2333]);
    expect(codes(await byUsername(h, bystander.username, 'right-password-1'))).toEqual([]);
  });

  it('takes the limit and the cool-down from startLocalAuthing({ loginLockout })', async () => {
    const { username } = await account(quick);
    for (let i = 0; i < 3; i++) expect(codes(await byUsername(quick, username, `wrong-${i}`))).toEqual([2333]);
    expect(codes(await byUsername(quick, username, 'right-password-1'))).toEqual([2000]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(codes(await byUsername(quick, username, 'right-password-1'))).toEqual([]);
  });
});
