import { createPrivateKey } from 'node:crypto';
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

const badCiphertext = () =>
  new AuthingServerError(2333, '密码解密失败，请使用用户池公钥加密', 'Password could not be decrypted; encrypt it with the user pool public key');

/** Decrypts a base64 RSA PKCS#1 v1.5 ciphertext with the pool's private key. */
export function decryptPassword(ciphertextB64: string, privatePem: string): string {
  const key = loadKey(privatePem);
  const bytes = Buffer.from(ciphertextB64, 'base64');
  if (bytes.length === 0 || bytes.length > key.size) throw badCiphertext();
  const c = BigInt(`0x${bytes.toString('hex')}`);
  if (c >= key.n) throw badCiphertext();
  // CRT: m = m2 + q * ((m1 - m2) * qi mod p)
  const m1 = modPow(c % key.p, key.dp, key.p);
  const m2 = modPow(c % key.q, key.dq, key.q);
  const h = (((m1 - m2) % key.p) + key.p) % key.p * key.qi % key.p;
  const m = m2 + h * key.q;
  const em = Buffer.from(m.toString(16).padStart(key.size * 2, '0'), 'hex');
  // EM = 00 || 02 || PS (>= 8 nonzero bytes) || 00 || M
  if (em[0] !== 0 || em[1] !== 2) throw badCiphertext();
  const sep = em.indexOf(0, 2);
  if (sep < 10) throw badCiphertext();
  return em.subarray(sep + 1).toString('utf8');
}

/**
 * The SDKs always encrypt, but hand-written HTTP clients and tests may send plaintext. A value
 * that decodes as a full-size ciphertext is decrypted; anything else is taken as plaintext.
 */
export function readPassword(value: string, privatePem: string): string {
  const key = loadKey(privatePem);
  const looksEncrypted = /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === key.size;
  return looksEncrypted ? decryptPassword(value, privatePem) : value;
}
