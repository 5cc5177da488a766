import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { RequestContext } from '../../context.js';
import type { ResourceType } from '../../engine/types.js';
import { Errors } from '../../errors.js';
import { ServiceErrors } from '../../services/errors.js';
import { RESOURCE_TYPES } from '../../services/resources.js';
import type { ServiceContext } from '../../services/context.js';

/** A `CommonMessage` success, in the caller's language. */
export const ok = (rc: RequestContext, en = 'Success', zh = '操作成功') => ({ code: 200, message: rc.lang === 'en-US' ? en : zh });

/** Management operations: a management token of the pool is required. */
export const manage = async (rc: RequestContext): Promise<ServiceContext> => (await rc.management()).service;

/**
 * The nested lists of a user (its roles, groups, departments, authorized resources): a management
 * token reads them for any user of its pool, a user token only for itself. Everything listed below
 * those objects (a role's, group's or node's users, roles and grants) is pool data, read with
 * `manage`: an end user sees its own data and nothing of anyone else's, however deep the query.
 */
export async function ownData(rc: RequestContext, userId: string): Promise<ServiceContext> {
  const principal = await rc.anyPrincipal();
  if (principal.kind === 'user' && principal.userId !== userId) {
    throw Errors.forbidden("A user token may only read its own user's data", '用户令牌只能读取自己的信息');
  }
  return principal.service;
}

/** The root fields that check or hash an end user's password. */
const PASSWORD_FIELDS: ReadonlySet<string> = new Set(['registerByUsername', 'registerByEmail', 'registerByPhoneCode', 'loginByUsername', 'loginByEmail', 'loginByPhonePassword', 'loginByPhoneCode', 'loginBySubAccount', 'resetPassword', 'resetPasswordByFirstLoginToken', 'resetPasswordByForceResetToken', 'updatePassword']);

/** How many root fields of the operation are password fields, through fragments and aliases (directives ignored: counting more is safe). */
function passwordFieldsOf(info: GraphQLResolveInfo): number {
  const spread = new Set<string>();
  const count = (set: SelectionSetNode): number =>
    set.selections.reduce((n, s) => {
      if (s.kind === Kind.FIELD) return n + (PASSWORD_FIELDS.has(s.name.value) ? 1 : 0);
      if (s.kind === Kind.INLINE_FRAGMENT) return n + count(s.selectionSet);
      if (spread.has(s.name.value)) return n;
      spread.add(s.name.value);
      const fragment = info.fragments[s.name.value];
      return fragment ? n + count(fragment.selectionSet) : n;
    }, 0);
  return count(info.operation.selectionSet);
}

/**
 * Call first in every resolver of a `PASSWORD_FIELDS` field: an operation with more than one of
 * them is refused as a whole (every such field answers 400 and none checks a password), and the
 * request's one password check is claimed (so batching cannot add more).
 */
export function onePasswordCheck(rc: RequestContext, info: GraphQLResolveInfo): void {
  if (passwordFieldsOf(info) > 1) {
    throw ServiceErrors.onePasswordCheckPerRequest();
  }
  rc.claimPasswordCheck();
}

/** `resourceType` arrives as a plain String on the wire; anything but the five types is a bad request. */
export function resourceTypeArg(value: string | null | undefined): ResourceType | null {
  if (value === null || value === undefined || value === '') return null;
  if ((RESOURCE_TYPES as readonly string[]).includes(value)) return value as ResourceType;
  throw Errors.invalidInput(`resourceType must be one of ${RESOURCE_TYPES.join(', ')}`, `resourceType 必须是 ${RESOURCE_TYPES.join('、')} 之一`);
}

/** Lists typed `[String]` on the wire may carry nulls; the services take clean arrays. */
export const compact = <T>(xs: ReadonlyArray<T | null | undefined> | null | undefined): T[] | null =>
  xs ? xs.filter((x): x is T => x !== null && x !== undefined) : null;
