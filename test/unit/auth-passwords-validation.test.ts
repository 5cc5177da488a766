/**
 * The password methods' argument checks: an AuthingValidationError naming the argument, thrown
 * before any request (the injected fetch records nothing, not even the public-key request).
 */
import { describe, expect, it } from 'vitest';
import { AuthenticationClient, type FirstLoginResetParams, type ForceResetParams } from '../../src/index.js';
import { observedFetch, rejection } from './helpers.js';

const bad = <T>(value: unknown): T => value as T;

function client() {
  const observed = observedFetch();
  return { ...observed, auth: new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: observed.fetch }) };
}

type Case = [name: string, call: (auth: AuthenticationClient) => Promise<unknown>, argument: string];

const cases: Case[] = [
  ['checkPasswordStrength password', (a) => a.checkPasswordStrength(bad(undefined)), 'password'],
  ['resetPasswordByPhoneCode phone', (a) => a.resetPasswordByPhoneCode('', '123456', 'pw'), 'phone'],
  ['resetPasswordByPhoneCode code', (a) => a.resetPasswordByPhoneCode('13800000000', '', 'pw'), 'code'],
  ['resetPasswordByPhoneCode newPassword', (a) => a.resetPasswordByPhoneCode('13800000000', '123456', ''), 'newPassword'],
  ['resetPasswordByEmailCode email', (a) => a.resetPasswordByEmailCode('', '123456', 'pw'), 'email'],
  ['resetPasswordByEmailCode newPassword', (a) => a.resetPasswordByEmailCode('a@b.c', '123456', ''), 'newPassword'],
  ['resetPasswordByFirstLoginToken token', (a) => a.resetPasswordByFirstLoginToken(bad<FirstLoginResetParams>({ password: 'pw' })), 'params.token'],
  ['resetPasswordByFirstLoginToken password', (a) => a.resetPasswordByFirstLoginToken({ token: 't', password: '' }), 'params.password'],
  ['resetPasswordByForceResetToken oldPassword', (a) => a.resetPasswordByForceResetToken(bad<ForceResetParams>({ token: 't', newPassword: 'n' })), 'params.oldPassword'],
  ['resetPasswordByForceResetToken newPassword', (a) => a.resetPasswordByForceResetToken({ token: 't', oldPassword: 'o', newPassword: '' }), 'params.newPassword'],
  ['updatePassword newPassword', (a) => a.updatePassword(''), 'newPassword'],
];

describe('password methods: client-side argument checks', () => {
  it.each(cases)('%s', async (_name, call, argument) => {
    const { auth, sent } = client();
    const error = await rejection(call(auth));
    expect(error).toMatchObject({ name: 'AuthingValidationError', argument });
    expect(sent).toEqual([]);
  });

  it('updatePassword without a session is refused before any request', async () => {
    const { auth, sent } = client();
    expect(await rejection(auth.updatePassword('n3w-passw0rd'))).toMatchObject({ name: 'AuthingAuthenticationError' });
    expect(sent).toEqual([]);
  });
});
