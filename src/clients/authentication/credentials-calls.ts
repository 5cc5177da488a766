/**
 * The implementation of the v3 sign-in by credentials (`POST /api/v3/signin`), loaded on its first
 * call. Only credentials.ts loads it, with `import()`.
 */
import type { RequestOptions } from '../../core/options.js';
import { toAuthingError } from '../../core/errors.js';
import type { AuthContext } from './context.js';
import type { SignInByCredentialsParams, SignInTokens } from './sign-in-types.js';

export async function signinByCredentials(ctx: AuthContext, params: SignInByCredentialsParams, requestOptions?: RequestOptions): Promise<SignInTokens> {
  const options = { passwordEncryptType: 'rsa' as const, ...params.options };
  let passwordPayload = 'passwordPayload' in params ? { ...params.passwordPayload } : undefined;
  if (passwordPayload) {
    if (!passwordPayload.password) {
      throw toAuthingError({ kind: 'validation', argument: 'passwordPayload.password', message: 'passwordPayload.password must be a non-empty string' });
    }
    if (options.passwordEncryptType === 'rsa') passwordPayload = { ...passwordPayload, password: await ctx.passwords.encrypt(passwordPayload.password, requestOptions) };
  }
  const body = {
    connection: params.connection,
    options,
    client_id: params.client_id,
    client_secret: params.client_secret,
    passwordPayload,
    passCodePayload: 'passCodePayload' in params ? { ...params.passCodePayload } : undefined,
    ldapPayload: 'ldapPayload' in params ? { ...params.ldapPayload } : undefined,
    adPayload: 'adPayload' in params ? { ...params.adPayload } : undefined,
  };
  const tokens = await ctx.transport.rest.POST('/api/v3/signin', { body }, { ...requestOptions, auth: false });
  ctx.session.set(tokens.id_token);
  return tokens;
}
