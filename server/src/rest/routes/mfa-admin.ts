import * as mfaAdmin from '../../services/mfa-admin.js';
import { Reply } from '../router.js';
import { routes } from '../typed.js';

/** `managementClient.mfa`: a user's MFA factors, seen and changed with the management token. */
export const mfaAdminRoutes = routes({
  async getUserMfaStatus({ path }, rc) {
    return mfaAdmin.mfaStatus((await rc.management()).service, path.userId);
  },

  async unbindUserMfa({ path, query }, rc) {
    await mfaAdmin.unbindMfa((await rc.management()).service, path.userId, query.type);
    return new Reply(null, rc.lang === 'en-US' ? 'The MFA factor was removed' : 'MFA 解绑成功');
  },

  async importUserTotp({ body }, rc) {
    return mfaAdmin.importTotp((await rc.management()).service, body);
  },
});
