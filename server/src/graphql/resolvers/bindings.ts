import type { RequestContext, UserPrincipal } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { bind, unbind, update } from '../../services/bindings.js';
import type { WireUser } from '../../services/user-wire.js';

/**
 * The session user's phone and email (Bearer user token), each change proven by a verification
 * code. Each answers the user with the caller's token, as Authing does: the official SDK stores
 * the answer's `token` as its session, and a user without one would log it out.
 */
async function asCaller(rc: RequestContext, change: (user: UserPrincipal) => Promise<WireUser>) {
  const user = await rc.user();
  const changed = await change(user);
  return { ...changed, token: user.token, tokenExpiredAt: new Date(user.claims.exp * 1000).toISOString() };
}

export const bindingResolvers: Resolvers = {
  Mutation: {
    bindPhone: (_p, { phone, phoneCode, phoneCountryCode }, { rc }) =>
      asCaller(rc, (u) => bind(u.service, u.userId, 'phone', phone, phoneCode, phoneCountryCode)),
    bindEmail: (_p, { email, emailCode }, { rc }) => asCaller(rc, (u) => bind(u.service, u.userId, 'email', email, emailCode)),
    unbindPhone: (_p, _a, { rc }) => asCaller(rc, (u) => unbind(u.service, u.userId, 'phone')),
    unbindEmail: (_p, _a, { rc }) => asCaller(rc, (u) => unbind(u.service, u.userId, 'email')),
    updatePhone: (_p, args, { rc }) =>
      asCaller(rc, (u) =>
        update(u.service, u.userId, 'phone', {
          value: args.phone,
          code: args.phoneCode,
          oldValue: args.oldPhone,
          oldCode: args.oldPhoneCode,
          countryCode: args.phoneCountryCode,
        }),
      ),
    updateEmail: (_p, args, { rc }) =>
      asCaller(rc, (u) => update(u.service, u.userId, 'email', { value: args.email, code: args.emailCode, oldValue: args.oldEmail, oldCode: args.oldEmailCode })),
  },
};
