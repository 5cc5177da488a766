import { Errors } from '../../errors.js';
import type { Resolvers, UserResolvers } from '../../generated/graphql.js';
import * as acl from '../../services/acl.js';
import * as groups from '../../services/groups.js';
import * as orgs from '../../services/orgs.js';
import * as roles from '../../services/roles.js';
import type { NestedUserField } from '../../services/user-wire.js';
import { describeMessage } from '../../services/outbox.js';
import type { RequestContext } from '../../context.js';
import { identitiesOfUsers, type WireIdentity } from '../../services/user-identities.js';
import * as search from '../../services/user-search.js';
import * as users from '../../services/users.js';
import { manage, ok, ownData, resourceTypeArg } from './shared.js';

/** Users: management CRUD, and the current user (`user` without id) for the AuthenticationClient. */
/**
 * `User.identities` of one request, read together: the executor resolves the field of every user
 * of a list in one synchronous pass, so the ids asked for before the next microtask are read with
 * one query instead of one per user.
 */
const identityLoaders = new WeakMap<RequestContext, (userId: string) => Promise<WireIdentity[]>>();

function identitiesLoader(rc: RequestContext): (userId: string) => Promise<WireIdentity[]> {
  let load = identityLoaders.get(rc);
  if (!load) {
    let pending: Array<{ userId: string; resolve: (v: WireIdentity[]) => void; reject: (e: unknown) => void }> = [];
    load = (userId) =>
      new Promise<WireIdentity[]>((resolve, reject) => {
        if (pending.length === 0) {
          queueMicrotask(() => {
            const batch = pending;
            pending = [];
            identitiesOfUsers(
              rc.state.store.db,
              batch.map((b) => b.userId),
            ).then(
              (found) => {
                // Each caller gets a list of its own, as one read per user gave.
                for (const b of batch) b.resolve([...(found.get(b.userId) ?? [])]);
              },
              (error: unknown) => {
                for (const b of batch) b.reject(error);
              },
            );
          });
        }
        pending.push({ userId, resolve, reject });
      });
    identityLoaders.set(rc, load);
  }
  return load;
}

export const userResolvers: Resolvers = {
  Query: {
    async user(_p, { id }, { rc }) {
      const principal = await rc.anyPrincipal();
      if (principal.kind === 'user') {
        if (id && id !== principal.userId) throw Errors.forbidden('A user token may only read its own user', '用户令牌只能读取自己的信息');
        return { ...(await users.getUser(principal.service, principal.userId)), token: principal.token };
      }
      if (!id) throw Errors.invalidInput('id is required with a management token', '使用管理员令牌时必须提供 id');
      return users.findUserById(principal.service, id);
    },
    async users(_p, args, { rc }) {
      return users.listUsers(await manage(rc), args);
    },
    async isUserExists(_p, keys, { rc }) {
      const principal = await rc.principal();
      const service = principal?.service ?? { store: rc.state.store, poolId: (await rc.publicPool()).id };
      return users.isUserExists(service, keys);
    },
    async archivedUsers(_p, { page, limit }, { rc }) {
      return users.listArchivedUsers(await manage(rc), page, limit);
    },
    async findUser(_p, keys, { rc }) {
      return users.findUserBy(await manage(rc), keys);
    },
    async searchUser(_p, { query, ...opts }, { rc }) {
      return search.searchUsers(await manage(rc), query, opts);
    },
    async userBatch(_p, { ids, type }, { rc }) {
      const service = await manage(rc);
      return users.batchUsers(service, ids, users.batchType(type));
    },
  },

  Mutation: {
    async createUser(_p, { userInfo, params, resetPasswordOnFirstLogin }, { rc }) {
      const { pool, service } = await rc.management();
      const password = userInfo.password ? rc.password(userInfo.password, pool) : undefined;
      return users.createUser(service, { ...userInfo, password }, params, { resetPasswordOnFirstLogin });
    },
    async updateUser(_p, { id, input }, { rc }) {
      const principal = await rc.anyPrincipal();
      const target = id ?? (principal.kind === 'user' ? principal.userId : null);
      if (!target) throw Errors.invalidInput('id is required', 'id 不能为空');
      if (principal.kind === 'user' && target !== principal.userId) {
        throw Errors.forbidden('A user token may only update its own profile', '用户令牌只能修改自己的资料');
      }
      if (principal.kind === 'user') return users.updateOwnProfile(principal.service, target, input);
      const password = input.password ? rc.password(input.password, principal.pool) : undefined;
      return users.updateUser(principal.service, target, { ...input, password });
    },
    async deleteUser(_p, { id }, { rc }) {
      await users.deleteUser(await manage(rc), id);
      return ok(rc, 'User deleted', '删除成功');
    },
    async deleteUsers(_p, { ids }, { rc }) {
      await users.deleteUsers(await manage(rc), ids);
      return ok(rc, 'Users deleted', '删除成功');
    },
    async sendFirstLoginVerifyEmail(_p, { userId, appId }, { rc }) {
      const message = await users.sendFirstLoginVerifyEmail(await manage(rc), userId, appId);
      rc.state.info(describeMessage(message));
      return ok(rc, 'Email sent', '发送成功');
    },
  },

  // The fields the user model leaves out (services/user-wire.ts) must each have a resolver here.
  User: {
    // The model carries none (user-wire.ts); linked identities are read per user. Whoever was
    // answered the user may read them (a login answers its user before any token exists).
    async identities(user, _args, { rc }) {
      return identitiesLoader(rc)(user.id);
    },
    async roles(user, { namespace }, { rc }) {
      return roles.listUserRoles(await ownData(rc, user.id), user.id, namespace);
    },
    async groups(user, _args, { rc }) {
      return groups.listUserGroups(await ownData(rc, user.id), user.id);
    },
    async departments(user, { orgId }, { rc }) {
      return orgs.listUserDepartments(await ownData(rc, user.id), user.id, orgId);
    },
    async authorizedResources(user, { namespace, resourceType }, { rc }) {
      return acl.listAuthorizedResources(await ownData(rc, user.id), 'USER', user.id, namespace, resourceTypeArg(resourceType));
    },
  } satisfies Required<Pick<UserResolvers, NestedUserField | 'identities'>>,
};
