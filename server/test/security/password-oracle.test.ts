import { describe, expect, it } from 'vitest';
import { countingHasher, encrypt, randomCiphertext, unique, useServer, type GqlAnswer } from './helpers.js';

const counting = countingHasher();
const h = useServer({ passwordHasher: counting.hasher });

const LOGIN = 'mutation($i: LoginByUsernameInput!) { loginByUsername(input: $i) { id } }';
const LOGIN_EMAIL = 'mutation($i: LoginByEmailInput!) { loginByEmail(input: $i) { id } }';

/** The answer of one login, and how many password verifications it cost. */
async function attempt(query: string, input: Record<string, unknown>) {
  const before = counting.calls.verify;
  const answer = await h.gql(query, { i: input });
  return { error: answer.errors?.[0]?.message, verifications: counting.calls.verify - before, answer };
}

const only = (a: GqlAnswer<unknown>) => ({ data: a.data, errors: a.errors?.map((e) => e.message) });

describe('password decryption is no oracle (hole 6)', () => {
  it('answers a random ciphertext exactly as a wrong password (2333), after a password verification', async () => {
    const username = unique('oracle');
    await h.createUser({ username, password: 'pw-1234567' });
    const wrong = await attempt(LOGIN, { username, password: encrypt('not-the-password', h.s.publicKey) });
    const garbage = await attempt(LOGIN, { username, password: randomCiphertext() });
    expect(wrong.error).toMatchObject({ code: 2333, message: '用户名或密码错误' });
    expect(only(garbage.answer)).toEqual(only(wrong.answer));
    expect(wrong.verifications).toBe(1);
    expect(garbage.verifications).toBe(1);
    // The right password, encrypted, still logs in.
    const right = await attempt(LOGIN, { username, password: encrypt('pw-1234567', h.s.publicKey) });
    expect(right.answer.errors).toBeUndefined();
  });

  it('answers a random ciphertext for an unknown account as any password for it (2004), also after a verification', async () => {
    const username = unique('nobody');
    const plain = await attempt(LOGIN, { username, password: 'whatever-1' });
    const garbage = await attempt(LOGIN, { username, password: randomCiphertext() });
    expect(plain.error?.code).toBe(2004);
    expect(only(garbage.answer)).toEqual(only(plain.answer));
    expect([plain.verifications, garbage.verifications]).toEqual([1, 1]);
  });

  it('costs one verification for unknown users and users without a password alike (timing does not tell them apart)', async () => {
    const email = `${unique('nopw')}@example.com`;
    await h.createUser({ email });
    const known = await attempt(LOGIN_EMAIL, { email, password: 'anything-1' });
    const unknown = await attempt(LOGIN_EMAIL, { email: `${unique('ghost')}@example.com`, password: 'anything-1' });
    expect(known.error?.code).toBe(2333);
    expect(unknown.error?.code).toBe(2004);
    expect([known.verifications, unknown.verifications]).toEqual([1, 1]);
  });

  it('never says a password could not be decrypted, in either language, on any password field', async () => {
    const answers = [
      await h.gql(LOGIN, { i: { username: unique('x'), password: randomCiphertext() } }, { 'x-authing-lang': 'en-US' }),
      await h.gql('mutation($i: RegisterByUsernameInput!) { registerByUsername(input: $i) { id } }', { i: { username: unique('reg'), password: randomCiphertext() } }),
    ];
    for (const a of answers) expect(JSON.stringify(a)).not.toMatch(/decrypt|解密/i);
  });
});
