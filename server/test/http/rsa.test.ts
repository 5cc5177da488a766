import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPassword, readPassword } from '../../src/auth/rsa.js';
import { AuthingServerError } from '../../src/errors.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const encrypt = (plain: string) =>
  publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(plain)).toString('base64');

describe('RSA PKCS#1 v1.5 password decryption', () => {
  it.each(['p@ssw0rd', '密码-中文-🙂', 'x', 'a'.repeat(200)])('round-trips %s', (plain) => {
    expect(decryptPassword(encrypt(plain), privateKey)).toBe(plain);
  });

  it('rejects a ciphertext that is not PKCS#1 v1.5 type 2', () => {
    const raw = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, Buffer.alloc(256, 7)).toString('base64');
    expect(() => decryptPassword(raw, privateKey)).toThrow(AuthingServerError);
  });

  it('rejects garbage', () => {
    expect(() => decryptPassword('AAAA', privateKey)).toThrow(AuthingServerError);
  });

  it('readPassword decrypts ciphertext and passes plaintext through', () => {
    expect(readPassword(encrypt('secret-1'), privateKey)).toBe('secret-1');
    expect(readPassword('plain text password', privateKey)).toBe('plain text password');
  });

  it('readPassword decrypts a ciphertext whose leading zero byte was dropped, as JSEncrypt sends about 1 in 170', () => {
    let raw: Buffer;
    do raw = Buffer.from(encrypt('short-one'), 'base64');
    while (raw[0] !== 0);
    expect(readPassword(raw.subarray(1).toString('base64'), privateKey)).toBe('short-one');
  });
});
