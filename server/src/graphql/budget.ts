/**
 * The GraphQL limit on execution: how many calls into authing-local's own resolvers one request may
 * make (each one reads the database), and for how long. It bounds what the data makes of a document
 * that looked small (users holding many roles, each holding many users, …).
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthingServerError } from '../errors.js';
import { GRAPHQL_LIMITS, limitError } from './limits.js';

type Resolve = (parent: unknown, args: unknown, context: object, info: unknown) => unknown;

/** The errors of requests over their resolver budget, one per request. */
const budgetErrors = new WeakSet<Error>();

/** A request's use of the resolvers. */
interface Spent {
  calls: number;
  since: number;
  running: number;
  waiting: Array<() => void>;
  /** Set once the budget is spent; every later call throws it again. */
  refused?: AuthingServerError;
}

/**
 * Resolver calls of one request that run at once. The database answers one query at a time anyway,
 * and Kysely's SQLite connection lock wakes every waiter on each release, so thousands of calls
 * started together (a nested list fanning out) cost quadratic time; a short queue per request keeps
 * them linear.
 */
const RUNNING_PER_REQUEST = 4;

/**
 * Wraps every resolver function so one request may call them at most `resolverCalls` times, and may
 * start none once `resolverMs` have passed since its first call (GRAPHQL_LIMITS); past either, every
 * later call fails at once with the same code-400 error, which {@link resolverBudget} answers for the
 * whole request. At most {@link RUNNING_PER_REQUEST} calls of a request run at once. Scalars and
 * other non-function entries pass through unchanged.
 */
export function withResolverBudget<R extends object>(resolvers: R): R {
  const spent = new WeakMap<object, Spent>();
  const refuse = (budget: Spent, en: string, zh: string): AuthingServerError => {
    if (!budget.refused) {
      budget.refused = limitError(en, zh);
      budgetErrors.add(budget.refused);
    }
    return budget.refused;
  };
  const check = (budget: Spent): void => {
    if (budget.refused) throw budget.refused;
    const { resolverCalls: calls, resolverMs: ms } = GRAPHQL_LIMITS;
    if (budget.calls > calls) {
      throw refuse(budget, `The request needs more than ${calls} resolver calls; ask for smaller pages or fewer nested lists`, `请求需要超过 ${calls} 次解析调用，请减小分页或减少嵌套列表`);
    }
    if (performance.now() - budget.since > ms) {
      throw refuse(budget, `The request ran longer than ${ms} ms; ask for smaller pages or fewer nested lists`, `请求执行超过 ${ms} 毫秒，请减小分页或减少嵌套列表`);
    }
  };
  const wrap =
    (resolve: Resolve): Resolve =>
    async (parent, args, context, info) => {
      let budget = spent.get(context);
      if (!budget) spent.set(context, (budget = { calls: 0, since: performance.now(), running: 0, waiting: [] }));
      budget.calls++;
      check(budget);
      if (budget.running >= RUNNING_PER_REQUEST) await new Promise<void>((resume) => budget.waiting.push(resume));
      budget.running++;
      try {
        check(budget);
        return await resolve(parent, args, context, info);
      } finally {
        budget.running--;
        budget.waiting.shift()?.();
      }
    };
  const out: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (!fields || typeof fields !== 'object' || Object.getPrototypeOf(fields) !== Object.prototype) {
      out[typeName] = fields;
      continue;
    }
    out[typeName] = Object.fromEntries(
      Object.entries(fields as Record<string, unknown>).map(([name, fn]) => [name, typeof fn === 'function' ? wrap(fn as Resolve) : fn]),
    );
  }
  return out as R;
}

/**
 * The yoga plugin that goes with {@link withResolverBudget}: a request over its budget is refused as
 * a whole, with one error and no partial data (instead of one error per field left unfilled).
 */
export function resolverBudget(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result)) return;
          const answered = withinBudget(result);
          if (answered !== result) setResult(answered);
        },
      };
    },
  };
}

/** What {@link resolverBudget} answers for an execution's result: the budget error alone if it holds one, else the result as it is. */
export function withinBudget(result: ExecutionResult): ExecutionResult {
  const over = result.errors?.find((e) => e.originalError && budgetErrors.has(e.originalError));
  return over ? { data: null, errors: [over] } : result;
}
