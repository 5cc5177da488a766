import { describe, expect, it } from 'vitest';
import { AuthingServerError } from '../../src/errors.js';
import { openapiDocument } from '../../src/generated/schema.js';
import { OpenApiRouter, Reply } from '../../src/rest/router.js';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/api/v2/users/{userId}': {
      get: { operationId: 'getUser', parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }] },
    },
    '/api/v2/users/me': { get: { operationId: 'getMe' } },
    '/api/v2/items': {
      get: {
        operationId: 'listItems',
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'type', in: 'query', schema: { $ref: '#/components/schemas/Kind' } },
        ],
      },
      post: {
        operationId: 'createItem',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/NewItem' } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Kind: { type: 'string', enum: ['DATA', 'API'] },
      NewItem: { type: 'object', required: ['code'], properties: { code: { type: 'string', minLength: 1 }, type: { $ref: '#/components/schemas/Kind' } } },
    },
  },
};

const router = new OpenApiRouter<null>(doc, {
  getUser: async ({ path }) => ({ id: path.userId }),
  getMe: async () => 'me',
  listItems: async ({ query }) => query,
  createItem: async ({ body }) => new Reply(body, 'created'),
});

const call = (method: string, path: string, body?: unknown) =>
  router.handle(new Request(`http://x${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }), null);

describe('OpenApiRouter', () => {
  it('prefers literal segments over parameters', async () => {
    expect(await call('GET', '/api/v2/users/me')).toEqual({ data: 'me' });
    expect(await call('GET', '/api/v2/users/u%201')).toEqual({ data: { id: 'u 1' } });
  });

  it('coerces and defaults query parameters from the schema', async () => {
    expect(await call('GET', '/api/v2/items?type=API')).toEqual({ data: { page: 1, type: 'API' } });
    expect(await call('GET', '/api/v2/items?page=3')).toEqual({ data: { page: 3 } });
  });

  it('rejects parameters and bodies that break the schema, naming the field', async () => {
    await expect(call('GET', '/api/v2/items?page=0')).rejects.toThrow(/page/);
    await expect(call('GET', '/api/v2/items?type=NOPE')).rejects.toThrow(/type/);
    await expect(call('POST', '/api/v2/items', {})).rejects.toThrow(/code/);
    await expect(call('POST', '/api/v2/items', { code: 'x', type: 'BAD' })).rejects.toThrow(AuthingServerError);
  });

  it('rejects malformed JSON with a 400', async () => {
    const err = await router
      .handle(new Request('http://x/api/v2/items', { method: 'POST', body: '{nope' }), null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthingServerError);
    expect((err as AuthingServerError).httpStatus).toBe(400);
  });

  it('passes a Reply message through and answers null for unknown paths', async () => {
    expect(await call('POST', '/api/v2/items', { code: 'a' })).toEqual({ data: { code: 'a' }, message: 'created' });
    expect(await call('GET', '/api/v2/nothing')).toBeNull();
  });

  it('refuses to start when an operation has no handler', () => {
    expect(() => new OpenApiRouter<null>(doc, {})).toThrow(/getUser/);
  });

  it('compiles validators on first use, and every schema of the served document compiles', () => {
    const broken = { openapi: '3.1.0', paths: { '/x': { post: { operationId: 'x', requestBody: { content: { 'application/json': { schema: { type: 'no-such-type' } } } } } } } };
    const lazy = new OpenApiRouter<null>(broken, { x: async () => null });
    expect(() => lazy.compileAll()).toThrow(/type/);
    const handlers = new Proxy({}, { get: () => async () => null });
    expect(() => new OpenApiRouter<null>(openapiDocument as unknown as Record<string, unknown>, handlers).compileAll()).not.toThrow();
  });
});

describe('OpenApiRouter: static paths win over parameterised ones', () => {
  const sibling = {
    openapi: '3.1.0',
    paths: {
      '/a/{id}': { get: { operationId: 'getA' }, delete: { operationId: 'deleteA' } },
      '/a/batch': { post: { operationId: 'batchA' } },
      '/a/{id}/c': { get: { operationId: 'getAC' } },
      '/a/b/{x}': { get: { operationId: 'getABX' } },
    },
  };
  const handlers = Object.fromEntries(['getA', 'deleteA', 'batchA', 'getAC', 'getABX'].map((id) => [id, async () => id]));
  const small = new OpenApiRouter<null>(sibling, handlers);

  it('routes a literal path to its own operation whatever the method, and 405s a method it lacks', () => {
    expect(small.operationFor('POST', '/a/batch')).toBe('batchA');
    expect(() => small.operationFor('GET', '/a/batch')).toThrow(AuthingServerError);
    expect(small.operationFor('GET', '/a/other')).toBe('getA');
    expect(small.operationFor('DELETE', '/a/other')).toBe('deleteA');
  });

  it('decides at the first segment where two templates differ', () => {
    expect(small.operationFor('GET', '/a/b/c')).toBe('getABX');
    expect(small.operationFor('GET', '/a/z/c')).toBe('getAC');
  });

  // Every literal path of the served document that a parameterised template would also match
  // must reach its own operation: a new static sibling (users/batch, resources/bulk, ...) is pinned
  // by this test the moment it is added to the OpenAPI document.
  it('pins every static sibling of the served OpenAPI document', () => {
    const paths = openapiDocument.paths as Record<string, Record<string, { operationId?: string }>>;
    const served = new OpenApiRouter<null>(
      openapiDocument,
      Object.fromEntries(
        Object.values(paths)
          .flatMap((item) => Object.values(item))
          .flatMap((op) => (op.operationId ? [[op.operationId, async () => op.operationId]] : [])),
      ),
    );
    const templates = Object.keys(paths);
    const concrete = (template: string) => template.replaceAll(/\{[^}]+\}/g, 'p1');
    const shadows = (general: string, specific: string) => {
      const g = general.split('/');
      const s = specific.split('/');
      const param = (seg: string) => seg.startsWith('{');
      return (
        g.length === s.length &&
        g.every((seg, i) => seg === s[i] || param(seg)) &&
        g.some((seg, i) => param(seg) && !param(s[i]!))
      );
    };
    const pinned: string[] = [];
    for (const specific of templates) {
      if (!templates.some((general) => shadows(general, specific))) continue;
      for (const [method, op] of Object.entries(paths[specific]!)) {
        if (!op.operationId) continue;
        expect(served.operationFor(method.toUpperCase(), concrete(specific)), `${method} ${specific}`).toBe(op.operationId);
        pinned.push(`${method.toUpperCase()} ${specific}`);
      }
    }
    expect(pinned.length).toBeGreaterThan(0);
  });
});
