/** The session user's own record: read it, change its profile. */
import type { RequestOptions } from '../../core/options.js';
import { UpdateUserDocument, UserDocument } from '../../generated/graphql.js';
import type { UpdateUserInput, User } from '../types.js';
import type { AuthContext } from './context.js';
import type { CurrentUser, ProfileUpdates } from './types.js';

export async function getCurrentUser(ctx: AuthContext, requestOptions?: RequestOptions): Promise<CurrentUser | null> {
  if (ctx.session.token === undefined) return null;
  return ctx.session.remember((await ctx.transport.graphql(UserDocument, {}, requestOptions)).user, true);
}

export async function updateProfile(ctx: AuthContext, updates: ProfileUpdates, requestOptions?: RequestOptions): Promise<User> {
  const id = ctx.session.userId();
  const input: UpdateUserInput = { ...updates };
  delete input.password;
  return ctx.session.remember((await ctx.transport.graphql(UpdateUserDocument, { id, input }, requestOptions)).updateUser, true);
}
