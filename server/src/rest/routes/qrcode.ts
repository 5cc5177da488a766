import { clientIp, withToken } from '../../graphql/resolvers/authentication.js';
import * as qrcode from '../../services/qrcode.js';
import { routes } from '../typed.js';

/** QR-code login, the web page's side: generate, poll, exchange the ticket (the phone's side is `/__local/qrcode/*`). */
export const qrcodeRoutes = routes({
  async geneQrCode({ body }, rc) {
    const { appId, service } = await rc.app();
    const { payload: _payload, ...answer } = await qrcode.geneCode(service, { appId, scene: body.scene, customData: body.params, context: body.context });
    return answer;
  },

  async checkQrCodeStatus({ query }, rc) {
    // Polling reads only: the pool may be named by x-authing-userpool-id as well as by the app.
    const pool = await rc.publicPool();
    return qrcode.checkStatus({ store: rc.state.store, poolId: pool.id }, query.random);
  },

  async exchangeQrCodeUserInfo({ body }, rc) {
    const { appId, service } = await rc.app();
    const session = await qrcode.exchangeTicket(service, body.ticket, { appId, clientIp: clientIp(rc) });
    // withToken, not answerLogin: the logged-in phone's confirmation is the second factor, so no MFA step follows.
    return withToken(rc, session, appId);
  },
});
