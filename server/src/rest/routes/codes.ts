import { describeMessage } from '../../services/outbox.js';
import { sendSmsCode } from '../../services/send-codes.js';
import { Reply } from '../router.js';
import { routes } from '../typed.js';

/** `POST /api/v2/sms/send`: the SMS goes to the outbox and its line to the server's log. */
export const codeRoutes = routes({
  async sendSmsCode({ body }, rc) {
    const { service } = await rc.app();
    const message = await sendSmsCode(service, body.phone, body.phoneCountryCode);
    rc.state.info(describeMessage(message));
    return new Reply(null, rc.lang === 'en-US' ? 'SMS sent' : '发送成功');
  },
});
