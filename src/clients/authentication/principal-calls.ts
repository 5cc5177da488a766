/**
 * The bodies of `auth.principal`'s methods ({@link PrincipalAuthenticationClient} in
 * principal.ts), loaded on the first call: principal.ts keeps the public class, its TSDoc and
 * signatures, and each method calls the function of the same name here with the client's
 * {@link AuthContext}.
 */
import { toAuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import type { components } from '../../generated/openapi.js';
import type { AuthContext } from './context.js';
import type { PrincipalDetail, PrincipalInput } from './principal.js';

const PATH = '/api/v2/users/principal_authentication';

export async function detail(ctx: AuthContext, requestOptions?: RequestOptions): Promise<PrincipalDetail | null> {
  ctx.session.requireToken();
  return ctx.transport.rest.GET(PATH, {}, requestOptions);
}

export async function authenticate(ctx: AuthContext, info: PrincipalInput, requestOptions?: RequestOptions): Promise<PrincipalDetail> {
  ctx.session.requireToken();
  const body = bodyOf(info);
  return ctx.transport.rest.POST(PATH, { body }, requestOptions);
}

export function bodyOf(info: PrincipalInput): components['schemas']['PrincipalInput'] {
  if (info?.type === 'P') return { type: 'P', name: info.name, idCard: info.idCard, ext: info.bankCard };
  if (info?.type === 'E') return { type: 'E', name: info.enterpriseName, idCard: info.enterpriseCode, ext: info.legalPersonName };
  throw toAuthingError({ kind: 'validation', argument: 'info.type', message: "info.type must be 'P' (a person) or 'E' (an enterprise)" });
}
