import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Cost parameters; stored with every hash so they can change without breaking old hashes. */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above the 128·N·r the derivation needs, so larger stored N values still verify.
    scrypt(password.normalize('NFKC'), salt, length, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a plaintext password as `scrypt$N$r$p$<salt b64>$<hash b64>` with a random 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, N, R, P, KEY_LENGTH);
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time check of a plaintext password against a stored hash; malformed hashes never match. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p || n > 1 << 20 || !Number.isInteger(Math.log2(n))) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, n, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * How the server hashes and checks passwords. Injectable (`startLocalAuthing({ passwordHasher })`)
 * so a test suite can count or gate calls, or trade cost for speed.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, encoded: string): Promise<boolean>;
}

/** The default: scrypt, as above. */
export const scryptHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword };

const dummies = new WeakMap<PasswordHasher, Promise<string>>();

/**
 * A hash of a random password, made once per hasher, in that hasher's own format. Logins of unknown
 * users (and of users without a password) are checked against it, so every password login costs one
 * verification whatever the account: timing does not tell whether it exists.
 */
export function dummyHash(hasher: PasswordHasher): Promise<string> {
  let dummy = dummies.get(hasher);
  if (!dummy) {
    dummy = hasher.hash(randomBytes(24).toString('base64'));
    dummies.set(hasher, dummy);
  }
  return dummy;
}
