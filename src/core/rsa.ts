/**
 * Password encryption as Authing expects it: RSA PKCS#1 v1.5 (type 2) with the user pool's public
 * key, base64 output, byte-compatible with JSEncrypt's `encrypt()`. WebCrypto has no PKCS#1 v1.5
 * encryption, so WebCrypto only parses the key (SPKI in, JWK out) and the modular exponentiation
 * is done with BigInt; this runs unchanged in Node ≥ 20 and in browsers, with no library loaded.
 */
import { toAuthingError } from './errors.js';

interface RsaPublicKey {
  readonly n: bigint;
  readonly e: bigint;
  /** Modulus length in bytes. */
  readonly k: number;
}

/** Padding overhead of PKCS#1 v1.5: `00 02`, at least 8 bytes of PS, `00`. */
const PKCS1_OVERHEAD = 11;
const MAX_CACHED_KEYS = 32;
const keyCache = new Map<string, Promise<RsaPublicKey>>();

/**
 * Encrypts a password for Authing.
 * @param plain - the password (encoded as UTF-8)
 * @param publicKeyPem - the user pool's key: SPKI PEM (`BEGIN PUBLIC KEY`), PKCS#1 PEM (`BEGIN RSA PUBLIC KEY`) or bare base64 SPKI
 * @returns base64 of the k-byte ciphertext; two calls never return the same value
 * @throws {@link AuthingValidationError} when the key cannot be read (`argument: 'publicKey'`) or the password is longer than k − 11 bytes (`argument: 'password'`)
 */
export async function encryptPassword(plain: string, publicKeyPem: string): Promise<string> {
  const key = await loadKey(publicKeyPem);
  const message = new TextEncoder().encode(plain);
  const limit = key.k - PKCS1_OVERHEAD;
  if (message.length > limit) {
    throw toAuthingError({ kind: 'validation', argument: 'password', message: `The password is too long for this key: at most ${limit} bytes` });
  }
  // EM = 00 || 02 || PS (random, nonzero) || 00 || M
  const em = new Uint8Array(key.k);
  em[1] = 2;
  const psEnd = key.k - message.length - 1;
  fillNonZeroRandom(em.subarray(2, psEnd));
  em.set(message, psEnd + 1);
  const c = modPow(bytesToBigInt(em), key.e, key.n);
  return bytesToBase64(bigIntToBytes(c, key.k));
}

function loadKey(pem: string): Promise<RsaPublicKey> {
  let pending = keyCache.get(pem);
  if (!pending) {
    pending = importKey(pem);
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value ?? '');
    keyCache.set(pem, pending);
    // A key that failed to import is not remembered, so that a corrected retry is not poisoned.
    pending.catch(() => keyCache.delete(pem));
  }
  return pending;
}

async function importKey(pem: string): Promise<RsaPublicKey> {
  try {
    // The algorithm only labels the key for WebCrypto; nothing here encrypts with RSA-OAEP.
    const algorithm = { name: 'RSA-OAEP', hash: 'SHA-256' };
    const cryptoKey = await globalThis.crypto.subtle.importKey('spki', toSpkiDer(pem), algorithm, true, ['encrypt']);
    const { n, e } = await globalThis.crypto.subtle.exportKey('jwk', cryptoKey);
    if (!n || !e) throw new Error('not an RSA key');
    const modulus = base64UrlToBytes(n);
    return { n: bytesToBigInt(modulus), e: bytesToBigInt(base64UrlToBytes(e)), k: significantLength(modulus) };
  } catch (cause) {
    throw toAuthingError({ kind: 'validation', argument: 'publicKey', message: 'publicKey is not a valid RSA public key', cause });
  }
}

/** Accepts the key forms the official SDKs accept and returns the SPKI DER bytes. */
function toSpkiDer(input: string): Uint8Array<ArrayBuffer> {
  const text = input.trim();
  const pkcs1 = /-----BEGIN RSA PUBLIC KEY-----([\s\S]+?)-----END RSA PUBLIC KEY-----/.exec(text);
  if (pkcs1?.[1]) return wrapPkcs1InSpki(base64ToBytes(pkcs1[1].replace(/\s+/g, '')));
  const spki = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(text);
  if (spki?.[1]) return base64ToBytes(spki[1].replace(/\s+/g, ''));
  if (text.includes('-----BEGIN')) throw new Error('not a public key PEM');
  return base64ToBytes(text.replace(/\s+/g, ''));
}

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
const RSA_ALGORITHM_ID = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/** SubjectPublicKeyInfo ::= SEQUENCE { algorithm, BIT STRING (0 unused bits || RSAPublicKey) }. */
function wrapPkcs1InSpki(rsaPublicKey: Uint8Array): Uint8Array<ArrayBuffer> {
  const bitString = derTlv(0x03, [0x00, ...rsaPublicKey]);
  return Uint8Array.from(derTlv(0x30, [...RSA_ALGORITHM_ID, ...bitString]));
}

function derTlv(tag: number, content: readonly number[]): number[] {
  const length = content.length;
  if (length < 0x80) return [tag, length, ...content];
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) lengthBytes.unshift(rest & 0xff);
  return [tag, 0x80 | lengthBytes.length, ...lengthBytes, ...content];
}

function fillNonZeroRandom(target: Uint8Array): void {
  globalThis.crypto.getRandomValues(target);
  for (let i = 0; i < target.length; i++) {
    // Redraw zero bytes: a zero inside PS would end the padding early.
    while (target[i] === 0) target[i] = globalThis.crypto.getRandomValues(new Uint8Array(1))[0] ?? 0;
  }
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function significantLength(bytes: Uint8Array): number {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  return bytes.length - start;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, '0');
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function base64UrlToBytes(base64url: string): Uint8Array {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  return base64ToBytes(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
}
