import { createHash, createHmac, createPrivateKey } from 'node:crypto';
import { AuthingServerError } from '../errors.js';

/**
 * RSA PKCS#1 v1.5 decryption of the passwords the SDKs send (JSEncrypt / python-rsa format).
 * Node 20's OpenSSL refuses RSA_PKCS1_PADDING for private decryption (CVE-2023-46809), so the
 * modular arithmetic is done here with BigInt, using the CRT parameters of the pool's key.
 */
interface CrtKey {
  n: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
  size: number;
  /** Key of the implicit rejection (see `readPassword`), derived from the private key. */
  rejection: Buffer;
}

const keyCache = new Map<string, CrtKey>();

const b64urlToBigInt = (s: string | undefined): bigint => {
  if (!s) throw new Error('RSA key is missing a JWK component');
  return BigInt(`0x${Buffer.from(s, 'base64url').toString('hex') || '0'}`);
};

function loadKey(privatePem: string): CrtKey {
  let key = keyCache.get(privatePem);
  if (!key) {
    const jwk = createPrivateKey(privatePem).export({ format: 'jwk' });
    const n = b64urlToBigInt(jwk.n);
    key = {
      n,
      p: b64urlToBigInt(jwk.p),
      q: b64urlToBigInt(jwk.q),
      dp: b64urlToBigInt(jwk.dp),
      dq: b64urlToBigInt(jwk.dq),
      qi: b64urlToBigInt(jwk.qi),
      size: Math.ceil(n.toString(16).length / 2),
      rejection: createHash('sha256').update('authing-local implicit rejection').update(jwk.d ?? '').digest(),
    };
    keyCache.set(privatePem, key);
  }
  return key;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** Strict decryption fails as a wrong password does: nothing anywhere says "could not be decrypted". */
const badCiphertext = () => new AuthingServerError(2333, '用户名或密码错误', 'Incorrect username or password');

/** The message inside a PKCS#1 v1.5 type 2 block, or null when the block is malformed. */
function rawDecrypt(bytes: Buffer, key: CrtKey): string | null {
  if (bytes.length === 0 || bytes.length > key.size) return null;
  const c = BigInt(`0x${bytes.toString('hex')}`);
  if (c >= key.n) return null;
  // CRT: m = m2 + q * ((m1 - m2) * qi mod p)
  const m1 = modPow(c % key.p, key.dp, key.p);
  const m2 = modPow(c % key.q, key.dq, key.q);
  const h = (((m1 - m2) % key.p) + key.p) % key.p * key.qi % key.p;
  const m = m2 + h * key.q;
  const em = Buffer.from(m.toString(16).padStart(key.size * 2, '0'), 'hex');
  // EM = 00 || 02 || PS (>= 8 nonzero bytes) || 00 || M
  if (em[0] !== 0 || em[1] !== 2) return null;
  const sep = em.indexOf(0, 2);
  if (sep < 10) return null;
  return em.subarray(sep + 1).toString('utf8');
}

/** Decrypts a base64 RSA PKCS#1 v1.5 ciphertext with the pool's private key; a malformed one throws 2333. */
export function decryptPassword(ciphertextB64: string, privatePem: string): string {
  const plain = rawDecrypt(Buffer.from(ciphertextB64, 'base64'), loadKey(privatePem));
  if (plain === null) throw badCiphertext();
  return plain;
}

/** How many leading zero bytes an encryptor may have dropped from a ciphertext (one in 2^24 drops more). */
const MAX_DROPPED_ZEROS = 3;

/**
 * The password a request carries. The SDKs always encrypt, but hand-written HTTP clients and tests
 * may send plaintext: a value that decodes as a full-size ciphertext (or one short of its leading
 * zero bytes) is decrypted, anything else is taken as plaintext.
 *
 * A full-size value that does not decrypt is not an error: it reads as a password derived from the
 * ciphertext by HMAC under a key only the server holds (implicit rejection, as OpenSSL 3.2 does for
 * PKCS#1 v1.5). It matches no stored password, so a login answers exactly as for a wrong password,
 * and no answer anywhere (login, registration, user updates) tells a well-padded ciphertext from a
 * badly padded one: the server is no padding oracle. The HMAC is computed on both paths.
 */
export function readPassword(value: string, privatePem: string): string {
  const key = loadKey(privatePem);
  const bytes = Buffer.from(value, 'base64');
  // JSEncrypt (the official JS SDK's encryptor) drops a ciphertext's leading zero bytes: about
  // 1 in 170 of its ciphertexts (measured) is 255 bytes for a 2048-bit key. Those are ciphertexts too.
  const looksEncrypted = /^[A-Za-z0-9+/]+={0,2}$/.test(value) && bytes.length <= key.size && bytes.length > key.size - MAX_DROPPED_ZEROS;
  if (!looksEncrypted) return value;
  const synthetic = createHmac('sha256', key.rejection).update(bytes).digest('base64url');
  return rawDecrypt(bytes, key) ?? synthetic;
}
