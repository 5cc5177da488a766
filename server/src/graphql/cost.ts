/**
 * The GraphQL limits that need the request's variables, checked before execution for the operation
 * that runs: `page`/`limit` of every listing (http/limits.ts, as REST has them), and the estimated
 * number of fields the answer would hold, each list multiplying what it holds by its `limit`.
 */
import {
  Kind,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthingServerError } from '../errors.js';
import { pagingProblem } from '../http/limits.js';
import { GRAPHQL_LIMITS, asGraphQLError, limitError } from './limits.js';

/** What a list without a `limit` is assumed to hold, for the cost estimate. */
const LIST_GUESS = 10;

/** The page size a listing answers when `limit` is not given (services/paging.ts). */
const DEFAULT_PAGE_SIZE = 10;

function unwrapList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** What the estimate needs of a field: its type and the names of its arguments. */
interface FieldShape {
  type: GraphQLOutputType;
  args: readonly string[];
}

/** A field of a parent type, the meta fields `__schema` and `__type` included (`__typename` is a leaf: undefined). */
function fieldOf(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): FieldShape | undefined {
  if (name === '__schema' || name === '__type') {
    const type = schema.getType(name === '__schema' ? '__Schema' : '__Type');
    return type && isObjectType(type) ? { type, args: [] } : undefined;
  }
  if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
  const field = parent.getFields()[name];
  return field ? { type: field.type, args: field.args.map((a) => a.name) } : undefined;
}

/** A number literal's value; anything else is undefined. */
function numberLiteral(node: ValueNode | undefined): number | undefined {
  return node && (node.kind === Kind.INT || node.kind === Kind.FLOAT) ? Number(node.value) : undefined;
}

/** The value an argument has in this request: a literal, or the variable's (raw) value, or its default. */
function argumentValue(node: ValueNode, variables: Readonly<Record<string, unknown>> | null | undefined, defaults: ReadonlyMap<string, ValueNode>): unknown {
  if (node.kind !== Kind.VARIABLE) return numberLiteral(node);
  const name = node.name.value;
  return variables && Object.hasOwn(variables, name) ? variables[name] : numberLiteral(defaults.get(name));
}

/**
 * Checks the paging arguments and estimates the answer's size, for the operation that runs. Runs
 * after validation, so fragments exist and do not cycle.
 */
export function executionProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): AuthingServerError | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return null;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const defaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);

  let cost = 0;
  let problem: AuthingServerError | null = null;
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, times: number, pageSize: number | undefined): void => {
    for (const selection of set.selections) {
      if (problem) return;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        walk(selection.selectionSet, type ?? parent, times, pageSize);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, times, pageSize);
        continue;
      }
      const field = fieldOf(schema, parent, selection.name.value);
      const each = field && unwrapList(field.type) ? times * (pageSize ?? LIST_GUESS) : times;
      cost += each;
      if (cost > GRAPHQL_LIMITS.cost) {
        problem = limitError(
          `The answer would hold more than ${GRAPHQL_LIMITS.cost} fields; ask for smaller pages or fewer nested lists`,
          `查询结果将超过 ${GRAPHQL_LIMITS.cost} 个字段，请减小分页或减少嵌套列表`,
        );
        return;
      }
      let childPageSize: number | undefined;
      for (const name of ['page', 'limit'] as const) {
        if (!field?.args.includes(name)) continue;
        const node = selection.arguments?.find((a) => a.name.value === name);
        const value = node ? argumentValue(node.value, variables, defaults) : undefined;
        problem = pagingProblem(name, value);
        if (problem) return;
        if (name === 'limit') childPageSize = typeof value === 'number' ? value : DEFAULT_PAGE_SIZE;
      }
      if (selection.selectionSet) walk(selection.selectionSet, field ? getNamedType(field.type) : undefined, each, childPageSize);
    }
  };
  walk(operation.selectionSet, root ?? undefined, 1, undefined);
  return problem;
}

/** The yoga plugin: refuses, before it runs, an operation over the paging bounds or the estimate. */
export function answerLimits(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problem = executionProblem(args.schema, args.document, args.operationName, args.variableValues);
      if (problem) setResultAndStopExecution({ data: null, errors: [asGraphQLError(problem)] });
    },
  };
}
