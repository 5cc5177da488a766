import type { Resolvers } from '../../generated/graphql.js';
import { describeMessage } from '../../services/outbox.js';
import { sendEmailCode } from '../../services/send-codes.js';

/**
 * `sendEmail`: the mail goes to the outbox and its line to the server's log. An application's call
 * (x-authing-app-id) is public; without that header it is the ManagementClient's and needs its token.
 */
export const codeResolvers: Resolvers = {
  Mutation: {
    async sendEmail(_p, { email, scene }, { rc }) {
      const { service } = rc.header('x-authing-app-id') ? await rc.app() : await rc.management();
      const message = await sendEmailCode(service, email, scene);
      rc.state.info(describeMessage(message));
      return { code: 200, message: rc.lang === 'en-US' ? 'Email sent' : '邮件发送成功' };
    },
  },
};
