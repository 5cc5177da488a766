import { describe, expect, it } from 'vitest';
import { bearer, codes, countingHasher, unique, useServer } from './helpers.js';

/** Hashes are held while `held` is set: each says it started, then waits for the release. */
let held: { started: () => void; released: Promise<void> } | null = null;
const gated = countingHasher(async (kind) => {
  if (kind !== 'hash' || !held) return;
  held.started();
  await held.released;
});
const h = useServer({ passwordHasher: gated.hasher });

/** Holds the next hash; resolves `started` once a hash is waiting. */
function holdHashes() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (held = { started: resolve, released }));
  return {
    started,
    release: () => {
      held = null;
      release();
    },
  };
}

/** 'done' when `p` settles within `ms`, else 'stuck': a liveness bound, not a timing measurement. */
const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => 'done' as const), new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), ms))]);

const otherWrite = () => h.gql('mutation($c: String!) { createGroup(code: $c, name: $c) { code } }', { c: unique('g') }, bearer(h.admin));

describe('password hashing runs outside the write transaction (hole 7)', () => {
  it.each([
    ['createUser', 'mutation($i: CreateUserInput!) { done: createUser(userInfo: $i) { id } }', true],
    ['registerByUsername', 'mutation($i: RegisterByUsernameInput!) { done: registerByUsername(input: $i) { id } }', false],
  ] as const)('%s: other writes go through while its password is being hashed', async (_name, mutation, asAdmin) => {
    const hold = holdHashes();
    const username = unique('slow');
    const slow = h.gql<{ done: { id: string } }>(mutation, { i: { username, password: 'pw-1234567' } }, asAdmin ? bearer(h.admin) : {});
    await hold.started;
    // A transaction held open around the hash would keep this write waiting until the release.
    const other = otherWrite();
    expect(await within(other, 5000)).toBe('done');
    expect(codes(await other)).toEqual([]);
    hold.release();
    const created = await slow;
    expect(codes(created)).toEqual([]);
    expect(await h.read(created.data?.done.id ?? '', 'username')).toEqual({ username });
    await expect(h.login(username, 'pw-1234567')).resolves.toEqual(expect.any(String));
  });

  it('updateUser with a new password: the same', async () => {
    const username = unique('upd');
    const id = await h.createUser({ username, password: 'pw-1234567' });
    const hold = holdHashes();
    const slow = h.gql('mutation($id: String, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }', { id, i: { password: 'pw-7654321' } }, bearer(h.admin));
    await hold.started;
    const other = otherWrite();
    expect(await within(other, 5000)).toBe('done');
    hold.release();
    expect(codes(await slow)).toEqual([]);
    await expect(h.login(username, 'pw-7654321')).resolves.toEqual(expect.any(String));
  });
});
