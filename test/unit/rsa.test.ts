import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuthingValidationError } from '../../src/core/errors.js';
import { encryptPassword } from '../../src/core/rsa.js';
import { decryptPassword } from '../../server/src/auth/rsa.js';
import { rejection } from './helpers.js';

function keyPair(modulusLength: number) {
  return generateKeyPairSync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** Raw RSA decryption (Node 20 refuses PKCS#1 v1.5 private decryption), then a by-hand padding check. */
function decryptAndCheck(ciphertext: string, privateKey: string, k: number): string {
  const bytes = Buffer.from(ciphertext, 'base64');
  expect(bytes.length).toBe(k);
  const em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, bytes);
  expect(em.length).toBe(k);
  expect(em[0]).toBe(0x00);
  expect(em[1]).toBe(0x02);
  const separator = em.indexOf(0x00, 2);
  expect(separator).toBeGreaterThanOrEqual(2 + 8);
  for (const byte of em.subarray(2, separator)) expect(byte).not.toBe(0);
  return em.subarray(separator + 1).toString('utf8');
}

describe('encryptPassword', () => {
  const { publicKey, privateKey } = keyPair(2048);

  it('produces PKCS#1 v1.5 type 2 ciphertext that decrypts to the password', async () => {
    for (const password of ['p', 'correct horse battery staple', '密码-пароль-🔑', '']) {
      const ciphertext = await encryptPassword(password, publicKey);
      expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(decryptAndCheck(ciphertext, privateKey, 256)).toBe(password);
    }
  });

  it('decrypts with JSEncrypt (what the official SDK uses) and with authing-local', async () => {
    // jsencrypt comes with the authing-js-sdk dev dependency.
    const { JSEncrypt } = await import('jsencrypt');
    const jsencrypt = new JSEncrypt();
    jsencrypt.setPrivateKey(privateKey);
    const password = 'pässwörd 密码';
    expect(jsencrypt.decrypt(await encryptPassword(password, publicKey))).toBe(password);
    expect(decryptPassword(await encryptPassword(password, publicKey), privateKey)).toBe(password);
  });

  it('never returns the same ciphertext twice', async () => {
    const a = await encryptPassword('same input', publicKey);
    const b = await encryptPassword('same input', publicKey);
    expect(a).not.toBe(b);
  });

  it('works with a 1024-bit key (Authing cloud) and with PKCS#1 or bare base64 keys', async () => {
    const small = keyPair(1024);
    expect(decryptAndCheck(await encryptPassword('pw', small.publicKey), small.privateKey, 128)).toBe('pw');
    const { createPublicKey } = await import('node:crypto');
    const pkcs1 = createPublicKey(small.publicKey).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(decryptAndCheck(await encryptPassword('pw', pkcs1), small.privateKey, 128)).toBe('pw');
    const bare = small.publicKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    expect(decryptAndCheck(await encryptPassword('pw', bare), small.privateKey, 128)).toBe('pw');
  });

  it('accepts exactly k − 11 bytes and rejects one more', async () => {
    const longest = 'x'.repeat(256 - 11);
    expect(decryptAndCheck(await encryptPassword(longest, publicKey), privateKey, 256)).toBe(longest);
    const error = await rejection(encryptPassword(`${longest}x`, publicKey));
    expect(error).toBeInstanceOf(AuthingValidationError);
    expect(error).toMatchObject({ argument: 'password', message: 'The password is too long for this key: at most 245 bytes' });
    expect(error.message).not.toContain(longest);
  });

  it('rejects a key that is not an RSA public key', async () => {
    const error = await rejection(encryptPassword('pw', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'));
    expect(error).toBeInstanceOf(AuthingValidationError);
    expect(error).toMatchObject({ argument: 'publicKey' });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    expect(await rejection(encryptPassword('pw', ec.publicKey))).toMatchObject({ argument: 'publicKey' });
  });
});
