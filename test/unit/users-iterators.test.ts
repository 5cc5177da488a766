/**
 * The users' iterators hand every per-call option to every page request: `headers` on the wire,
 * `idempotent: false` (no retry of a failed page), `timeout` and `deadline` (a hung page ends in a
 * timeout), `signal` (an aborted iteration stops) — with and without `withCustomData`.
 */
import { describe, expect, it } from 'vitest';
import { AuthingAbortError, AuthingApiError, AuthingTimeoutError, ManagementClient, type IterateOptions } from '../../src/index.js';
import { bodyOf, json, observedFetch, rejection, type Handler } from './helpers.js';

const user = (id: string) => ({ id, username: id, identities: [], customData: [{ key: 'age', value: '7', dataType: 'NUMBER', label: 'Age' }] });
/** Two pages of one user each: `totalCount` 2 at page size 1. */
const page = (n: number) => ({ totalCount: 2, list: [user(`u${n}`)] });
const answer: Handler = (sent) => {
  const query = String(bodyOf(sent).query);
  const { page: n } = bodyOf(sent).variables as { page: number };
  if (query.includes('archivedUsers')) return json({ data: { archivedUsers: page(n) } });
  if (query.includes('searchUser')) return json({ data: { searchUser: page(n) } });
  return json({ data: { users: page(n) } });
};

const clientWith = (handler: Handler) => {
  const fake = observedFetch(handler);
  const management = new ManagementClient({ userPoolId: 'pool', accessToken: 't', host: 'https://h.example', fetch: fake.fetch, retry: { maxRetries: 1, retryWhen: [503] } });
  return { users: management.users, sent: fake.sent };
};

type Iterator = (users: ManagementClient['users'], options: IterateOptions) => AsyncGenerator<{ id: string }, void, undefined>;
const iterators: Record<string, Iterator> = {
  iterate: (users, options) => users.iterate({ ...options, sortBy: 'UPDATEDAT_DESC' }),
  'iterate withCustomData': (users, options) => users.iterate({ ...options, withCustomData: true }),
  iterateSearch: (users, options) => users.iterateSearch('u', { ...options, fields: ['username'] }),
  'iterateSearch withCustomData': (users, options) => users.iterateSearch('u', { ...options, withCustomData: true }),
  iterateArchived: (users, options) => users.iterateArchived(options),
};

const drain = async (it: AsyncGenerator<{ id: string }, void, undefined>) => {
  const ids: string[] = [];
  for await (const item of it) ids.push(item.id);
  return ids;
};

/** Never answers; ends when the request's signal aborts. */
const hang: Handler = (sent) =>
  new Promise((_resolve, reject) => sent.signal?.addEventListener('abort', () => reject(sent.signal?.reason ?? new Error('aborted')), { once: true }));

describe.each(Object.entries(iterators))('users.%s', (_name, iterate) => {
  it('sends the per-call headers with every page, and only the listing options as variables', async () => {
    const { users, sent } = clientWith(answer);
    await expect(drain(iterate(users, { pageSize: 1, headers: { 'x-probe': 'yes' }, deadline: 10_000, timeout: 5_000, idempotent: true }))).resolves.toEqual(['u1', 'u2']);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.headers.get('x-probe')).toBe('yes');
      const variables = Object.keys(bodyOf(request).variables as object);
      for (const option of ['headers', 'deadline', 'timeout', 'idempotent', 'signal', 'pageSize', 'withCustomData']) expect(variables).not.toContain(option);
    }
  });

  it('idempotent: false is not retried', async () => {
    const { users, sent } = clientWith(() => json({ message: 'busy' }, { status: 503 }));
    const error = await rejection(drain(iterate(users, { pageSize: 1, idempotent: false })));
    expect(error).toBeInstanceOf(AuthingApiError);
    expect(error.statusCode).toBe(503);
    expect(sent).toHaveLength(1);
    // Without it the page, a read, is retried once (maxRetries 1).
    const again = clientWith(() => json({ message: 'busy' }, { status: 503 }));
    await rejection(drain(iterate(again.users, { pageSize: 1 })));
    expect(again.sent).toHaveLength(2);
  });

  it('timeout and deadline end a hung page', async () => {
    const started = Date.now();
    const byTimeout = await rejection(drain(iterate(clientWith(hang).users, { pageSize: 1, timeout: 50, idempotent: false })));
    expect(byTimeout).toBeInstanceOf(AuthingTimeoutError);
    const byDeadline = await rejection(drain(iterate(clientWith(hang).users, { pageSize: 1, timeout: 0, deadline: 50 })));
    expect(byDeadline).toBeInstanceOf(AuthingTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('signal aborts the iteration', async () => {
    const controller = new AbortController();
    const { users, sent } = clientWith(answer);
    const ids: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of iterate(users, { pageSize: 1, signal: controller.signal })) {
          ids.push(item.id);
          controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AuthingAbortError);
    expect(ids).toEqual(['u1']);
    expect(sent).toHaveLength(1);
  });
});
