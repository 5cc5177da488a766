/**
 * The SDK's default fetch on Node (node:http with keep-alive): what it must keep of fetch's
 * behaviour, against a real local server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFetch } from '../../src/core/fetch/node.js';

let server: Server;
let base: string;
const connections = new Set<unknown>();
let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', (socket) => connections.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('default fetch on Node', () => {
  it('sends method, headers and a JSON body, and reads status, headers and body', async () => {
    handler = (req, res, body) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r1' });
      res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, lang: req.headers['x-authing-lang'], body: JSON.parse(body) }));
    };
    const headers = new Headers({ authorization: 'Bearer t', 'x-authing-lang': 'en-US', 'content-type': 'application/json' });
    const response = await defaultFetch(`${base}/api/v2/acl/is-allowed`, { method: 'POST', headers, body: JSON.stringify({ a: 1 }) });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toEqual({ method: 'POST', auth: 'Bearer t', lang: 'en-US', body: { a: 1 } });
  });

  it('reuses one kept-alive connection for sequential calls', async () => {
    handler = (_req, res) => res.end('{}');
    const before = connections.size;
    for (let i = 0; i < 5; i++) await (await defaultFetch(`${base}/x`, { method: 'GET' })).text();
    expect(connections.size - before).toBeLessThanOrEqual(1);
  });

  it('keeps error statuses and their bodies, and gives 204 no body', async () => {
    handler = (req, res) => {
      if (req.url === '/empty') return void res.writeHead(204).end();
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":2020,"message":"no"}');
    };
    const denied = await defaultFetch(`${base}/denied`, { method: 'GET' });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ code: 2020, message: 'no' });
    const empty = await defaultFetch(`${base}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('decodes a gzip answer as fetch does', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' }).end(gzipSync('{"ok":true}'));
    const response = await defaultFetch(`${base}/gz`, { method: 'GET' });
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('content-encoding')).toBeNull();
  });

  it('follows a redirect through the global fetch', async () => {
    handler = (req, res) => (req.url === '/old' ? res.writeHead(302, { location: '/new' }).end() : res.end('{"at":"new"}'));
    expect(await (await defaultFetch(`${base}/old`, { method: 'GET' })).json()).toEqual({ at: 'new' });
  });

  it('rejects with an AbortError when the signal aborts, and on a dropped connection', async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    const pending = defaultFetch(`${base}/slow`, { method: 'GET', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    handler = (req) => req.socket.destroy();
    await expect(defaultFetch(`${base}/drop`, { method: 'GET' })).rejects.toThrow();
  });
});
