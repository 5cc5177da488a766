/**
 * `GET /__local/events?eventType=`: the events published to the pool's event hub
 * (`/api/v3/pub-event`, `/api/v3/pub-userEvent`), oldest first. authing-local delivers them nowhere.
 */
import { listEvents } from '../services/events.js';
import { localRoute } from './routes.js';

localRoute('GET', '/__local/events', async (_request, url, pool, state) => {
  const list = await listEvents({ store: state.store, poolId: pool.id }, url.searchParams.get('eventType'));
  return { list, totalCount: list.length };
});
