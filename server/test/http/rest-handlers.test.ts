import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../../src/generated/schema.js';
import { OpenApiRouter } from '../../src/rest/router.js';
import { restHandlers } from '../../src/rest/routes/index.js';
import { forRouter, routes, type TypedHandlers } from '../../src/rest/typed.js';

// The compile-time half: `tsc -p server/tsconfig.json` (which includes server/test) checks these
// lines, and each `@ts-expect-error` fails the build if the line below it ever compiles.
const { getWellKnown: _dropped, ...allButOne } = restHandlers;
// @ts-expect-error an operation without a handler does not compile
const missingOne: TypedHandlers = allButOne;
// @ts-expect-error a handler for an operation the document does not have does not compile
const oneTooMany: TypedHandlers = { ...restHandlers, notAnOperation: async () => true };
// @ts-expect-error an area may not declare a handler for an unknown operation either
routes({ notAnOperation: async () => true });

/** The operationIds the served OpenAPI document declares. */
function operationIds(): string[] {
  const paths = openapiDocument.paths as Record<string, Record<string, { operationId?: string }>>;
  return Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => (op.operationId ? [op.operationId] : [])));
}

describe('REST handlers', () => {
  it('are exactly the operations of the OpenAPI document', () => {
    expect(Object.keys(restHandlers).sort()).toEqual(operationIds().sort());
    expect(Object.keys(missingOne)).not.toContain('getWellKnown');
    expect(Object.keys(oneTooMany)).toContain('notAnOperation');
  });

  it('start the router, which still refuses a document operation without a handler', () => {
    expect(() => new OpenApiRouter(openapiDocument, forRouter(restHandlers))).not.toThrow();
    expect(() => new OpenApiRouter(openapiDocument, forRouter(missingOne))).toThrow(/getWellKnown/);
  });
});
