import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { openapiDocument, typeDefs } from '../../server/src/generated/schema.js';

/**
 * Every operation authing-local serves, read off the schemas it serves them from, with the
 * smallest request that reaches each one: required arguments only, dummy values of the right
 * type, the minimal selection. Nothing here is hand-listed, so a new operation shows up by itself.
 */

/** Values the dummies use where a real id makes the call mean something (the victim's id, the pool's). */
export interface Dummies {
  /** For id-like arguments (`id`, `userId`, `userIds`, …): whose data the call would touch. */
  userId: string;
  userPoolId: string;
  appId: string;
  /** Optional arguments to declare and send as well (their values come from the caller). */
  optional?: readonly string[];
}

export type Operation =
  | {
      key: string;
      transport: 'graphql';
      root: 'Query' | 'Mutation';
      field: string;
      /** The named type the field returns. */
      returns: string;
      /** The request; `selection` replaces the minimal one. */
      request(d: Dummies, withOptionalIds?: boolean, selection?: string): GraphQLRequest;
    }
  | { key: string; transport: 'rest'; method: string; path: string; operationId: string; request(d: Dummies): RestRequest };

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface RestRequest {
  method: string;
  /** Path with parameters filled in and the query string. */
  url: string;
  body: unknown;
}

const ID_LIKE = /^(id|ids|userId|userIds|targetIdentifier)$/;

const schema = buildSchema(typeDefs);

function graphqlDummy(type: GraphQLInputType, name: string, d: Dummies): unknown {
  if (isNonNullType(type)) return graphqlDummy(type.ofType, name, d);
  if (isListType(type)) return [graphqlDummy(type.ofType, name, d)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(required.map((f) => [f.name, graphqlDummy(f.type, f.name, d)]));
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'String':
    case 'ID':
      return ID_LIKE.test(name) ? d.userId : 'x';
    default:
      return {};
  }
}

function graphqlRequest(
  root: 'Query' | 'Mutation',
  field: GraphQLField<unknown, unknown>,
  d: Dummies,
  withOptionalIds: boolean,
  selectionOverride?: string,
): GraphQLRequest {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || (withOptionalIds && ID_LIKE.test(a.name)) || d.optional?.includes(a.name));
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = selectionOverride !== undefined ? ` ${selectionOverride}` : isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const operation = root === 'Query' ? 'query' : 'mutation';
  return {
    query: `${operation} Matrix${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, graphqlDummy(a.type, a.name, d)])),
  };
}

/** Every root field of the SDL. */
export function graphqlOperations(): Operation[] {
  const out: Operation[] = [];
  for (const root of ['Query', 'Mutation'] as const) {
    const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(type?.getFields() ?? {})) {
      out.push({
        key: `${root}.${field.name}`,
        transport: 'graphql',
        root,
        field: field.name,
        returns: getNamedType(field.type).name,
        request: (d, ids = false, selection) => graphqlRequest(root, field, d, ids, selection),
      });
    }
  }
  return out;
}

/**
 * A selection on `typeName` that follows every path of the schema (up to `depth` fields, no type
 * twice on a path, only fields without required arguments) that leads to a `User` again, and asks
 * each such user for `id username`: e.g. `roles { list { users { list { id username } } } }` from a
 * user. Null when no path leads to a user. Derived, so a new nested list of users is covered too.
 */
export function pathsToUsers(typeName: string, depth = 6, seen: readonly string[] = []): string | null {
  const type = schema.getType(typeName);
  if (!type || !('getFields' in type) || isInputObjectType(type)) return null;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const target = getNamedType(field.type);
    if (!isCompositeType(target)) continue;
    if (target.name === 'User' && seen.length > 0) {
      parts.push(`${field.name} { id username }`);
      continue;
    }
    if (depth <= 1 || seen.includes(target.name)) continue;
    const inner = pathsToUsers(target.name, depth - 1, [...seen, typeName]);
    if (inner) parts.push(`${field.name} ${inner}`);
  }
  return parts.length > 0 ? `{ __typename ${parts.join(' ')} }` : null;
}

type Json = Record<string, unknown>;
const doc = openapiDocument as { paths: Record<string, Json>; components: Record<string, Record<string, Json>> };

/** Follows a local `$ref` (`#/components/<kind>/<name>`). */
function deref(node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const [, , kind, name] = ref.split('/');
  const target = doc.components[kind ?? '']?.[name ?? ''];
  if (!target) throw new Error(`unresolved ${ref}`);
  return deref(target);
}

function jsonDummy(node: Json, name: string, d: Dummies): unknown {
  const s = deref(node);
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const parts = s[combinator];
    if (Array.isArray(parts) && parts.length > 0) {
      if (combinator !== 'allOf') return jsonDummy(parts[0] as Json, name, d);
      return Object.assign({}, ...parts.map((p) => jsonDummy(p as Json, name, d)));
    }
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const type = types.find((t) => t !== 'null');
  if (type === 'object' || (type === undefined && s.properties)) {
    const properties = (s.properties ?? {}) as Record<string, Json>;
    const required = (s.required ?? []) as string[];
    return Object.fromEntries(required.map((k) => [k, jsonDummy(properties[k] ?? {}, k, d)]));
  }
  if (type === 'array') return [jsonDummy((s.items ?? {}) as Json, name, d)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return false;
  if (name === 'userPoolId') return d.userPoolId;
  if (name === 'appId') return d.appId;
  return ID_LIKE.test(name) ? d.userId : 'x';
}

function restRequest(method: string, path: string, item: Json, operation: Json, d: Dummies): RestRequest {
  const params = [...((item.parameters ?? []) as Json[]), ...((operation.parameters ?? []) as Json[])].map(deref);
  let url = path;
  const query = new URLSearchParams();
  for (const p of params) {
    const name = String(p.name);
    const value = String(jsonDummy((p.schema ?? {}) as Json, name, d));
    if (p.in === 'path') url = url.replace(`{${name}}`, encodeURIComponent(value));
    if (p.in === 'query' && p.required) query.set(name, value);
  }
  const bodySchema = ((deref((operation.requestBody ?? {}) as Json).content ?? {}) as Record<string, Json>)['application/json']?.schema as Json | undefined;
  const qs = query.toString();
  return { method: method.toUpperCase(), url: qs ? `${url}?${qs}` : url, body: bodySchema ? jsonDummy(bodySchema, '', d) : undefined };
}

/** Every operation of the OpenAPI document. */
export function restOperations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const operationId = String(operation.operationId);
      out.push({ key: `REST ${operationId}`, transport: 'rest', method, path, operationId, request: (d) => restRequest(method, path, item, operation, d) });
    }
  }
  return out;
}

export const allOperations = (): Operation[] => [...graphqlOperations(), ...restOperations()];
