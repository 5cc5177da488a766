/**
 * The surface the hostile suite attacks, read from the schemas the server itself serves
 * (server/src/generated/schema.ts): every root GraphQL field and every REST operation. A new field
 * in the SDL or a new operation in the OpenAPI document is attacked on the next run, with no edit here.
 */
import { buildSchema, type GraphQLField, type GraphQLSchema } from 'graphql';
import { openapiDocument, typeDefs } from '../../server/src/generated/schema.js';

export const schema: GraphQLSchema = buildSchema(typeDefs);

export interface RootField {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

export const rootFields: RootField[] = [
  ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ({ operation: 'query' as const, field })),
  ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({ operation: 'mutation' as const, field })),
];

/** A JSON Schema as the OpenAPI document writes it, `$ref`s resolved on demand by {@link deref}. */
export type JsonSchema = Record<string, unknown>;

export interface RestParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface RestOperation {
  operationId: string;
  method: string;
  /** e.g. `/api/v2/resource-namespace/{userPoolId}/{namespaceId}` */
  template: string;
  parameters: RestParameter[];
  /** The JSON body's schema, when the operation takes one. */
  body: JsonSchema | null;
}

const doc = openapiDocument as { paths: Record<string, Record<string, unknown>>; components: Record<string, Record<string, unknown>> };

/** Follows a `#/components/...` reference of the document (one level; call again for chains). */
export function deref<T = JsonSchema>(value: unknown): T {
  let v = value as { $ref?: string };
  for (let hops = 0; v && typeof v.$ref === 'string' && hops < 10; hops++) {
    const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(v.$ref) ?? [];
    v = (section && name ? doc.components[section]?.[name] : undefined) as { $ref?: string };
  }
  return v as T;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export const restOperations: RestOperation[] = Object.entries(doc.paths).flatMap(([template, item]) =>
  METHODS.filter((m) => item[m]).map((method) => {
    const op = item[method] as { operationId: string; parameters?: unknown[]; requestBody?: unknown };
    const parameters = [...((item.parameters as unknown[]) ?? []), ...(op.parameters ?? [])].map((p) => {
      const param = deref<{ name: string; in: RestParameter['in']; required?: boolean; schema?: JsonSchema }>(p);
      return { name: param.name, in: param.in, required: param.required === true || param.in === 'path', schema: deref(param.schema ?? {}) };
    });
    const requestBody = deref<{ content?: Record<string, { schema?: JsonSchema }> }>(op.requestBody ?? {});
    const body = requestBody.content?.['application/json']?.schema;
    return { operationId: op.operationId, method: method.toUpperCase(), template, parameters, body: body ? deref(body) : null };
  }),
);
