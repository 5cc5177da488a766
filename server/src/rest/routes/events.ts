import { publishEvent } from '../../services/events.js';
import { routes } from '../typed.js';

/** The event hub's publish side: stored by authing-local, read back with `GET /__local/events`. */
export const eventRoutes = routes({
  async pubEvent({ body }, rc) {
    const { service } = await rc.management();
    await publishEvent(service, body, { publisher: 'management' });
    return { success: true };
  },
  async pubUserEvent({ body }, rc) {
    const { service, userId } = await rc.user();
    await publishEvent(service, body, { publisher: 'user', userId });
    return { success: true };
  },
});
