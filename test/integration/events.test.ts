import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

interface LocalEvents {
  code: number;
  data: { list: Array<{ eventType: string; eventData: string; publisher: string; userId: string | null; source: string }>; totalCount: number };
}

const localEvents = async (eventType: string): Promise<LocalEvents> => {
  const res = await fetch(`${h.server.url}/__local/events?eventType=${encodeURIComponent(eventType)}`, {
    headers: { 'x-authing-userpool-id': h.server.userPoolId },
  });
  return (await res.json()) as LocalEvents;
};

describe('event hub publish (stored by authing-local)', () => {
  it('management event.pub stores the event, read back by GET /__local/events', async () => {
    const type = uid('order.paid');
    expect(await h.management.event.pub(type, JSON.stringify({ orderId: 42 }))).toEqual({ success: true });
    const sent = h.requests.at(-1)!;
    expect(new URL(sent.url).pathname).toBe('/api/v3/pub-event');
    expect(JSON.parse(sent.body!)).toMatchObject({ eventType: type, eventData: '{"orderId":42}' });
    const events = await localEvents(type);
    expect(events.data.totalCount).toBe(1);
    expect(events.data.list[0]).toMatchObject({ eventType: type, eventData: '{"orderId":42}', publisher: 'management', userId: null });
    expect(events.data.list[0]!.source).toMatch(/^authing-ts: /);
  });

  it('auth.event.pub publishes as the session user; without a session it is refused', async () => {
    const username = uid('ev');
    const { id } = await h.management.users.create({ username, password: 'event-pass-1' });
    const auth = h.authentication();
    const type = uid('cart');
    await failure(auth.event.pub(type, 'x'));
    await auth.loginByUsername(username, 'event-pass-1');
    expect(await auth.event.pub(type, 'three items')).toEqual({ success: true });
    const events = await localEvents(type);
    expect(events.data.list.map((e) => [e.publisher, e.userId, e.eventData])).toEqual([['user', id, 'three items']]);
  });

  it('refuses a bad event name or payload, storing nothing', async () => {
    expect((await failure(h.management.event.pub('', 'x'))).code).toBe(400);
    await h.management.event.pub(uid('warm'), 'x');
    const authorization = h.requests.at(-1)!.headers.get('authorization')!;
    const refused = await fetch(`${h.server.url}/api/v3/pub-event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'x-authing-userpool-id': h.server.userPoolId },
      body: JSON.stringify({ eventType: 'bad name!', eventData: 'x' }),
    });
    const answer = (await refused.json()) as { statusCode: number; apiCode?: number };
    expect(answer.statusCode).toBe(400);
    expect((await localEvents('bad name!')).data.totalCount).toBe(0);
  });
});
