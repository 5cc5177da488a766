/** v3 sign-in by credentials (`POST /api/v3/signin`): password, one-time code or user directory, answered with tokens. */
import type { RequestOptions } from '../../core/options.js';
import type { AuthContext } from './context.js';
import type { SignInByCredentialsParams, SignInTokens } from './sign-in-types.js';

/** The sign-in, loaded on its first call (see credentials-calls.ts). */
const calls = () => import('./credentials-calls.js');

export async function signinByCredentials(ctx: AuthContext, params: SignInByCredentialsParams, requestOptions?: RequestOptions): Promise<SignInTokens> {
  return (await calls()).signinByCredentials(ctx, params, requestOptions);
}
