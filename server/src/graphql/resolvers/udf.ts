import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import type { Resolvers } from '../../generated/graphql.js';
import type { ServiceContext } from '../../services/context.js';
import * as customData from '../../services/custom-data.js';
import { manage, ok, ownData } from './shared.js';

/**
 * The values of one entity: a management token for any entity of its pool; a user token (the
 * AuthenticationClient's listUdv, setUdv, setUdfValue, removeUdv…) only for USER and its own id (403 else).
 */
async function entityValues(rc: RequestContext, targetType: string, targetId: string): Promise<ServiceContext> {
  const principal = await rc.anyPrincipal();
  if (principal.kind === 'user' && targetType !== 'USER') throw Errors.forbidden("A user token may only reach its own user's custom data", '用户令牌只能访问自己的自定义数据');
  return ownData(rc, targetId);
}

/** Custom data: user-defined fields and their values, for every target type through one service. */
export const udfResolvers: Resolvers = {
  Query: {
    async udf(_p, { targetType }, { rc }) {
      return customData.listFields(await manage(rc), targetType);
    },
    async udv(_p, { targetType, targetId }, { rc }) {
      return customData.listValues(await entityValues(rc, targetType, targetId), targetType, targetId);
    },
    async udfValueBatch(_p, { targetType, targetIds }, { rc }) {
      return customData.listValuesBatch(await manage(rc), targetType, targetIds);
    },
  },
  Mutation: {
    async setUdf(_p, args, { rc }) {
      return customData.setField(await manage(rc), args);
    },
    async removeUdf(_p, { targetType, key }, { rc }) {
      await customData.removeField(await manage(rc), targetType, key);
      return ok(rc, 'User-defined field deleted', '删除成功');
    },
    async setUdv(_p, { targetType, targetId, key, value }, { rc }) {
      return customData.setValues(await entityValues(rc, targetType, targetId), targetType, targetId, [{ key, value }]);
    },
    async setUdvBatch(_p, { targetType, targetId, udvList }, { rc }) {
      return customData.setValues(await entityValues(rc, targetType, targetId), targetType, targetId, udvList ?? []);
    },
    async setUdfValueBatch(_p, { targetType, input }, { rc }) {
      await customData.setValuesBatch(await manage(rc), targetType, input);
      return ok(rc, 'Custom data saved', '设置成功');
    },
    async removeUdv(_p, { targetType, targetId, key }, { rc }) {
      return customData.removeValue(await entityValues(rc, targetType, targetId), targetType, targetId, key);
    },
  },
  User: {
    // Every operation selecting `customData` (user, users, findUser, searchUser, role and group
    // members, createUser, logins and registrations…) answers the stored values. The values are
    // part of the user record: whoever was allowed the user object (its own token, a login, a
    // management token) reads them, so no second check here (a login has no token yet).
    async customData(user, _args, { rc }) {
      return customData.valuesOf(rc.state.store.db, user.userPoolId, 'USER', user.id);
    },
  },
};
