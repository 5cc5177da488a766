/**
 * The password methods take and return the named public types; CheckPasswordStrengthResult is
 * exactly the generated answer of the `checkPasswordStrength` document.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { AuthenticationClient, CheckPasswordStrengthResult, CommonMessage, FirstLoginResetParams, ForceResetParams, User } from '../../src/index.js';
import type { CheckPasswordStrengthQuery } from '../../src/generated/graphql.js';

type Result<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

describe('password methods', () => {
  it('return the named types', () => {
    expectTypeOf<Result<AuthenticationClient['checkPasswordStrength']>>().branded.toEqualTypeOf<CheckPasswordStrengthResult>();
    expectTypeOf<CheckPasswordStrengthResult>().branded.toEqualTypeOf<CheckPasswordStrengthQuery['checkPasswordStrength']>();
    expectTypeOf<Result<AuthenticationClient['resetPasswordByPhoneCode']>>().branded.toEqualTypeOf<CommonMessage>();
    expectTypeOf<Result<AuthenticationClient['resetPasswordByEmailCode']>>().branded.toEqualTypeOf<CommonMessage>();
    expectTypeOf<Result<AuthenticationClient['resetPasswordByFirstLoginToken']>>().branded.toEqualTypeOf<CommonMessage>();
    expectTypeOf<Result<AuthenticationClient['resetPasswordByForceResetToken']>>().branded.toEqualTypeOf<CommonMessage>();
    expectTypeOf<Result<AuthenticationClient['updatePassword']>>().branded.toEqualTypeOf<User>();
  });

  it('take the official parameter objects, every field required', () => {
    expectTypeOf<Parameters<AuthenticationClient['resetPasswordByFirstLoginToken']>[0]>().toEqualTypeOf<FirstLoginResetParams>();
    expectTypeOf<FirstLoginResetParams>().toEqualTypeOf<{ token: string; password: string }>();
    expectTypeOf<ForceResetParams>().toEqualTypeOf<{ token: string; oldPassword: string; newPassword: string }>();
    // @ts-expect-error the new password is required
    void ((auth: AuthenticationClient) => auth.resetPasswordByForceResetToken({ token: 't', oldPassword: 'o' }));
  });
});
