/** Programmatic access accounts (AK/SK) of applications, over REST. The public docs are on {@link AclClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type { Paginated, ProgrammaticAccessAccount } from '../types.js';
import { requireId } from '../validate.js';
import type { NewProgrammaticAccessAccount } from './types.js';

const ACCOUNTS = '/api/v2/applications/programmatic-access-accounts';

/** Lists an application's programmatic access accounts. */
export async function programmaticAccessAccountList(context: ClientContext, appId: string, page: number, limit: number, requestOptions?: RequestOptions): Promise<Paginated<ProgrammaticAccessAccount>> {
  requireId('appId', appId);
  const params = { path: { appId }, query: { page, limit } };
  return context.transport.rest.GET('/api/v2/applications/{appId}/programmatic-access-accounts', { params }, requestOptions);
}

/** Creates a programmatic access account (the account id is the access key, `secret` the secret key). */
export async function createProgrammaticAccessAccount(context: ClientContext, appId: string, options: NewProgrammaticAccessAccount, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
  requireId('appId', appId);
  const { tokenLifetime = 600, remarks } = options;
  const init = { params: { path: { appId } }, body: { tokenLifetime, remarks } };
  return context.transport.rest.POST('/api/v2/applications/{appId}/programmatic-access-accounts', init, requestOptions);
}

/** Enables an account. */
export async function enableProgrammaticAccessAccount(context: ClientContext, id: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
  requireId('id', id);
  return context.transport.rest.PATCH(ACCOUNTS, { body: { id, enabled: true } }, requestOptions);
}

/** Disables an account; it can no longer obtain tokens. */
export async function disableProgrammaticAccessAccount(context: ClientContext, id: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
  requireId('id', id);
  return context.transport.rest.PATCH(ACCOUNTS, { body: { id, enabled: false } }, requestOptions);
}

/** Deletes an account. */
export async function deleteProgrammaticAccessAccount(context: ClientContext, id: string, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('id', id);
  return context.transport.rest.DELETE(ACCOUNTS, { params: { query: { id } } }, requestOptions);
}

/** Replaces an account's secret key. */
export async function refreshProgrammaticAccessAccountSecret(context: ClientContext, id: string, secret?: string, requestOptions?: RequestOptions): Promise<ProgrammaticAccessAccount> {
  requireId('id', id);
  if (secret !== undefined) requireId('secret', secret);
  const body = secret === undefined ? { id } : { id, secret };
  return context.transport.rest.PATCH(ACCOUNTS, { body }, requestOptions);
}
