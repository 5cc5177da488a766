import type { Resolvers } from '../../generated/graphql.js';
import { passwordStrengthOf } from '../../services/password-strength.js';
import * as passwords from '../../services/passwords.js';
import { ok, onePasswordCheck } from './shared.js';

/** Password strength, reset by code, first-login and forced-change resets, and password change. */
export const passwordResolvers: Resolvers = {
  Query: {
    async checkPasswordStrength(_p, { password }, { rc }) {
      const { service } = await rc.app();
      return passwordStrengthOf(service.store.db, service.poolId, password, rc.lang);
    },
  },
  Mutation: {
    // `phoneCountryCode` is accepted and not needed: codes and accounts are matched by the phone as given.
    async resetPassword(_p, { phone, email, code, newPassword }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { pool, service } = await rc.app();
      await passwords.resetPasswordByCode(service, { phone, email, code, newPassword: rc.password(newPassword, pool) });
      return ok(rc, 'Password reset', '重置密码成功');
    },
    async resetPasswordByFirstLoginToken(_p, { token, password }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { pool, service } = await rc.app();
      await passwords.resetPasswordByFirstLoginToken(service, token, rc.password(password, pool));
      return ok(rc, 'Password reset', '重置密码成功');
    },
    async resetPasswordByForceResetToken(_p, { token, oldPassword, newPassword }, { rc }, info) {
      onePasswordCheck(rc, info);
      const { pool, service } = await rc.app();
      await passwords.resetPasswordByForceResetToken(service, {
        token,
        oldPassword: rc.password(oldPassword, pool),
        newPassword: rc.password(newPassword, pool),
      });
      return ok(rc, 'Password changed', '修改密码成功');
    },
    async updatePassword(_p, { newPassword, oldPassword }, { rc }, info) {
      onePasswordCheck(rc, info);
      const user = await rc.user();
      const old = oldPassword ? rc.password(oldPassword, user.pool) : oldPassword;
      return passwords.updatePassword(user.service, user.userId, rc.password(newPassword, user.pool), old);
    },
  },
};
