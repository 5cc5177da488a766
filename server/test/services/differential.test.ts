import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReferenceEvaluator } from '../../src/engine/reference.js';
import type { PermissionQueries, ResourceType, SubjectRef, TargetType } from '../../src/engine/types.js';
import { AuthingServerError } from '../../src/errors.js';
import { allow, authorizeResource, revokeResource } from '../../src/services/acl.js';
import { allowAppAccess, denyAppAccess, disableAppAccess, enableAppAccess, revokeAppAccess } from '../../src/services/app-access.js';
import type { ServiceContext } from '../../src/services/context.js';
import { addUsersToGroup, createGroup, deleteGroups, removeUsersFromGroup } from '../../src/services/groups.js';
import { createNamespace, deleteNamespaceByCode } from '../../src/services/namespaces.js';
import { addMembers, addNode, createOrg, deleteNode, deleteOrg, importOrg, moveMembers, moveNode, removeMembers } from '../../src/services/orgs.js';
import { createApp, deleteApp, updateApp } from '../../src/services/pools.js';
import { createPolicy, deletePolicies, updatePolicy } from '../../src/services/policies.js';
import { addPolicyAssignments, removePolicyAssignments, setPolicyAssignmentEnabled } from '../../src/services/policy-assignments.js';
import { createProgrammaticAccount, deleteProgrammaticAccount } from '../../src/services/programmatic.js';
import { createResource, deleteResource } from '../../src/services/resources.js';
import { assignRole, createRole, deleteRole, revokeRole } from '../../src/services/roles.js';
import { createUser, deleteUser } from '../../src/services/users.js';
import { grantFactOf } from '../../src/storage/fact-rows.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { newId, nowIso } from '../../src/storage/ids.js';
import { Store } from '../../src/storage/store.js';
import { danglingRefs, normalized } from './helpers.js';
import { onPostgres, testDatabase } from '../support/databases.js';

/**
 * Differential test over the raw tables: random sequences of service calls (failures included),
 * then the incremental index must answer exactly like the naive reference evaluator built from
 * `store.loadFacts()`, and hold exactly the facts the tables hold.
 */

const NAMESPACES = ['default', 'n1', 'n2'] as const;
const RESOURCES = ['*', 'books', 'books:*', 'books:1', 'books:2', 'books:1:x', 'bookshelf:1', 'orders', 'orders:1'] as const;
const ACTIONS = ['read', 'write', '*', 'books:*', 'books:read'] as const;
const RESOURCE_TYPES: readonly ResourceType[] = ['DATA', 'API', 'MENU', 'BUTTON'];
const TARGETS = ['USER', 'ROLE', 'GROUP', 'ORG', 'AK_SK'] as const;
const APP_TARGETS = ['USER', 'ROLE', 'GROUP', 'ORG'] as const;

const small = fc.nat({ max: 5 });
const ns = fc.oneof({ arbitrary: fc.constant<(typeof NAMESPACES)[number]>('default'), weight: 3 }, fc.constantFrom(...NAMESPACES));
const resource = fc.constantFrom(...RESOURCES);
const actions = fc.uniqueArray(fc.constantFrom(...ACTIONS), { maxLength: 3 });
const target = fc.record({ type: fc.constantFrom(...TARGETS), k: small });
const appTarget = fc.record({ type: fc.constantFrom(...APP_TARGETS), k: small, ns });

const op = fc.oneof(
  fc.record({ op: fc.constant('createUser' as const), i: small }),
  fc.record({ op: fc.constant('deleteUser' as const), k: small }),
  fc.record({ op: fc.constant('createNamespace' as const), ns }),
  fc.record({ op: fc.constant('deleteNamespace' as const), ns }),
  fc.record({ op: fc.constant('createRole' as const), ns, i: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('deleteRole' as const), ns, i: fc.nat({ max: 2 }) }),
  {
    arbitrary: fc.record({ op: fc.constantFrom('assignRole' as const, 'revokeRole' as const), ns, i: fc.nat({ max: 2 }), holder: fc.constantFrom('USER', 'GROUP', 'NODE'), k: small }),
    weight: 3,
  },
  fc.record({ op: fc.constant('createGroup' as const), i: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('deleteGroup' as const), i: fc.nat({ max: 2 }) }),
  { arbitrary: fc.record({ op: fc.constantFrom('addToGroup' as const, 'removeFromGroup' as const), i: fc.nat({ max: 2 }), k: small }), weight: 2 },
  fc.record({ op: fc.constant('createOrg' as const) }),
  fc.record({ op: fc.constant('deleteOrg' as const), k: small }),
  fc.record({ op: fc.constant('addNode' as const), k: small }),
  fc.record({ op: fc.constant('deleteNode' as const), k: small }),
  fc.record({ op: fc.constant('moveNode' as const), k: small, to: small }),
  fc.record({ op: fc.constant('moveMembers' as const), k: small, to: small, u: small }),
  fc.record({ op: fc.constant('importOrg' as const), u: small }),
  { arbitrary: fc.record({ op: fc.constantFrom('addMember' as const, 'removeMember' as const), k: small, u: small }), weight: 2 },
  fc.record({ op: fc.constant('createResource' as const), ns, code: fc.constantFrom('books', 'orders', 'bookshelf') }),
  fc.record({ op: fc.constant('deleteResource' as const), ns, code: fc.constantFrom('books', 'orders', 'bookshelf') }),
  { arbitrary: fc.record({ op: fc.constant('allow' as const), ns, resource, action: fc.constantFrom(...ACTIONS), toRole: fc.boolean(), k: small }), weight: 4 },
  {
    arbitrary: fc.record({ op: fc.constant('authorize' as const), ns, resource, type: fc.constantFrom(...RESOURCE_TYPES), targets: fc.array(fc.record({ t: target, actions }), { minLength: 1, maxLength: 3 }) }),
    weight: 6,
  },
  fc.record({ op: fc.constant('revoke' as const), ns, resource, t: target }),
  { arbitrary: fc.record({ op: fc.constant('deny' as const), ns, resource, actions, t: target }), weight: 2 },
  {
    arbitrary: fc.record({ op: fc.constantFrom('appAllow' as const, 'appDeny' as const, 'appRevoke' as const, 'appEnable' as const, 'appDisable' as const), app: fc.nat({ max: 1 }), t: appTarget, inherit: fc.boolean() }),
    weight: 3,
  },
  fc.record({ op: fc.constant('appStrategy' as const), app: fc.nat({ max: 1 }), deny: fc.boolean() }),
  fc.record({ op: fc.constant('createApp' as const) }),
  fc.record({ op: fc.constant('deleteApp' as const), app: fc.nat({ max: 1 }) }),
  fc.record({ op: fc.constant('createAccount' as const), app: fc.nat({ max: 1 }) }),
  fc.record({ op: fc.constant('deleteAccount' as const), k: small }),
  {
    arbitrary: fc.record({
      op: fc.constantFrom('createPolicy' as const, 'updatePolicy' as const),
      ns,
      i: fc.nat({ max: 2 }),
      statements: fc.array(
        fc.record({
          resource: fc.constantFrom(...RESOURCES, '*:*'),
          actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 2 }),
          effect: fc.constantFrom('ALLOW' as const, 'DENY' as const),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    weight: 2,
  },
  fc.record({ op: fc.constant('deletePolicy' as const), ns, i: fc.nat({ max: 2 }) }),
  {
    arbitrary: fc.record({
      op: fc.constantFrom('assignPolicy' as const, 'unassignPolicy' as const, 'enablePolicy' as const, 'disablePolicy' as const),
      ns,
      i: fc.nat({ max: 2 }),
      t: fc.record({ type: fc.constantFrom(...APP_TARGETS), k: small }),
      inherit: fc.boolean(),
    }),
    weight: 3,
  },
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Current rows, for picking operands by position. */
async function state(ctx: ServiceContext) {
  const db = ctx.store.db;
  const [users, groups, nodes, orgs, apps, accounts] = await Promise.all([
    db.selectFrom('users').select('id').where('userpool_id', '=', ctx.poolId).orderBy('created_at').execute(),
    db.selectFrom('groups').select('code').where('userpool_id', '=', ctx.poolId).orderBy('created_at').execute(),
    db.selectFrom('nodes').select(['id', 'org_id']).where('userpool_id', '=', ctx.poolId).orderBy('created_at').execute(),
    db.selectFrom('orgs').select('id').where('userpool_id', '=', ctx.poolId).orderBy('created_at').execute(),
    db.selectFrom('applications').select('id').where('userpool_id', '=', ctx.poolId).orderBy('created_at').execute(),
    db.selectFrom('programmatic_access_accounts').select('id').where('userpool_id', '=', ctx.poolId).orderBy('created_at').execute(),
  ]);
  const pick = <T>(rows: readonly T[], k: number): T | undefined => (rows.length ? rows[k % rows.length] : undefined);
  return { users, groups, nodes, orgs, apps, accounts, pick };
}

/** The wire identifier of a target picked by position (a made-up one when nothing is there). */
async function identifier(ctx: ServiceContext, type: string, k: number): Promise<string> {
  const s = await state(ctx);
  const missing = 'f'.repeat(24);
  switch (type) {
    case 'USER':
      return s.pick(s.users, k)?.id ?? missing;
    case 'ROLE':
      return `r${k % 3}`;
    case 'GROUP':
      return s.pick(s.groups, k)?.code ?? 'g9';
    case 'ORG':
      return s.pick(s.nodes, k)?.id ?? missing;
    default:
      return s.pick(s.accounts, k)?.id ?? missing;
  }
}

async function run(ctx: ServiceContext, o: Op): Promise<void> {
  const s = await state(ctx);
  const app = (i: number) => s.pick(s.apps, i)?.id ?? 'f'.repeat(24);
  switch (o.op) {
    case 'createUser':
      return void (await createUser(ctx, { username: `u${o.i}` }));
    case 'deleteUser':
      return deleteUser(ctx, s.pick(s.users, o.k)?.id ?? 'missing');
    case 'createNamespace':
      return void (await createNamespace(ctx, { code: o.ns, name: o.ns }));
    case 'deleteNamespace':
      return deleteNamespaceByCode(ctx, o.ns);
    case 'createRole':
      return void (await createRole(ctx, { namespace: o.ns, code: `r${o.i}` }));
    case 'deleteRole':
      return deleteRole(ctx, `r${o.i}`, o.ns);
    case 'assignRole':
    case 'revokeRole': {
      const holders =
        o.holder === 'USER'
          ? { userIds: [await identifier(ctx, 'USER', o.k)] }
          : o.holder === 'GROUP'
            ? { groupCodes: [await identifier(ctx, 'GROUP', o.k)] }
            : { nodeCodes: [await identifier(ctx, 'ORG', o.k)] };
      const input = { namespace: o.ns, roleCode: `r${o.i}`, ...holders };
      return o.op === 'assignRole' ? assignRole(ctx, input) : revokeRole(ctx, input);
    }
    case 'createGroup':
      return void (await createGroup(ctx, { code: `g${o.i}`, name: `G${o.i}` }));
    case 'deleteGroup':
      return deleteGroups(ctx, [`g${o.i}`]);
    case 'addToGroup':
    case 'removeFromGroup': {
      const user = await identifier(ctx, 'USER', o.k);
      return o.op === 'addToGroup' ? addUsersToGroup(ctx, `g${o.i}`, [user]) : removeUsersFromGroup(ctx, `g${o.i}`, [user]);
    }
    case 'createOrg':
      return void (await createOrg(ctx, { name: 'Org' }));
    case 'deleteOrg':
      return deleteOrg(ctx, s.pick(s.orgs, o.k)?.id ?? 'missing');
    case 'addNode': {
      const parent = s.pick(s.nodes, o.k);
      if (!parent) return;
      return void (await addNode(ctx, parent.org_id, parent.id, { name: 'N' }));
    }
    case 'deleteNode': {
      const node = s.pick(s.nodes, o.k);
      if (!node) return;
      return deleteNode(ctx, node.org_id, node.id);
    }
    case 'moveNode': {
      const node = s.pick(s.nodes, o.k);
      const to = s.pick(s.nodes, o.to);
      if (!node || !to) return;
      return void (await moveNode(ctx, node.org_id, node.id, to.id));
    }
    case 'moveMembers': {
      const from = s.pick(s.nodes, o.k);
      const to = s.pick(s.nodes, o.to);
      const user = s.pick(s.users, o.u);
      if (!from || !to || !user) return;
      return moveMembers(ctx, { userIds: [user.id], sourceNodeId: from.id, targetNodeId: to.id });
    }
    case 'importOrg': {
      const user = s.pick(s.users, o.u);
      const members = user ? [user.id] : [];
      return void (await importOrg(ctx, 'json', { name: 'I', children: [{ name: 'I1', members, children: [{ name: 'I11', members }] }] }));
    }
    case 'addMember':
    case 'removeMember': {
      const node = s.pick(s.nodes, o.k);
      const user = s.pick(s.users, o.u);
      if (!node || !user) return;
      return void (o.op === 'addMember' ? await addMembers(ctx, node.id, [user.id]) : await removeMembers(ctx, node.id, [user.id]));
    }
    case 'createResource':
      return void (await createResource(ctx, { namespace: o.ns, code: o.code, actions: [{ name: 'read' }] }));
    case 'deleteResource':
      return deleteResource(ctx, o.code, o.ns);
    case 'allow':
      return allow(
        ctx,
        o.toRole
          ? { namespace: o.ns, resource: o.resource, action: o.action, roleCode: `r${o.k % 3}` }
          : { namespace: o.ns, resource: o.resource, action: o.action, userId: await identifier(ctx, 'USER', o.k) },
      );
    case 'authorize': {
      const opts = [];
      for (const t of o.targets) opts.push({ targetType: t.t.type, targetIdentifier: await identifier(ctx, t.t.type, t.t.k), actions: t.actions });
      return authorizeResource(ctx, { namespace: o.ns, resource: o.resource, resourceType: o.type, opts });
    }
    case 'revoke':
      return revokeResource(ctx, {
        namespace: o.ns,
        resource: o.resource,
        opts: [{ targetType: o.t.type, targetIdentifier: await identifier(ctx, o.t.type, o.t.k) }],
      });
    case 'deny':
      return denyGrant(ctx, o.ns, o.resource, o.actions, o.t.type, o.t.k);
    case 'appAllow':
    case 'appDeny':
    case 'appRevoke':
    case 'appEnable':
    case 'appDisable': {
      const change = {
        appId: app(o.app),
        targetType: o.t.type,
        targetIdentifiers: [await identifier(ctx, o.t.type, o.t.k)],
        namespace: o.t.ns,
        inheritByChildren: o.inherit,
      };
      const fn = { appAllow: allowAppAccess, appDeny: denyAppAccess, appRevoke: revokeAppAccess, appEnable: enableAppAccess, appDisable: disableAppAccess }[o.op];
      return fn(ctx, change);
    }
    case 'appStrategy':
      return void (await updateApp(ctx, app(o.app), { permissionStrategy: { defaultStrategy: o.deny ? 'DENY_ALL' : 'ALLOW_ALL' } }));
    case 'createApp':
      return void (await createApp(ctx, { name: 'App' }));
    case 'deleteApp':
      return deleteApp(ctx, app(o.app));
    case 'createAccount':
      return void (await createProgrammaticAccount(ctx, app(o.app)));
    case 'deleteAccount':
      return deleteProgrammaticAccount(ctx, s.pick(s.accounts, o.k)?.id ?? 'missing');
    case 'createPolicy':
      return void (await createPolicy(ctx, { namespace: o.ns, code: `p${o.i}`, statements: o.statements }));
    case 'updatePolicy':
      return void (await updatePolicy(ctx, { namespace: o.ns, code: `p${o.i}`, statements: o.statements }));
    case 'deletePolicy':
      return deletePolicies(ctx, { namespace: o.ns, codeList: [`p${o.i}`] });
    case 'assignPolicy':
    case 'unassignPolicy': {
      const input = { namespace: o.ns, policies: [`p${o.i}`], targetType: o.t.type, targetIdentifiers: [await identifier(ctx, o.t.type, o.t.k)] };
      return o.op === 'assignPolicy' ? addPolicyAssignments(ctx, { ...input, inheritByChildren: o.inherit }) : removePolicyAssignments(ctx, input);
    }
    case 'enablePolicy':
    case 'disablePolicy':
      return setPolicyAssignmentEnabled(
        ctx,
        { namespace: o.ns, policy: `p${o.i}`, targetType: o.t.type, targetIdentifier: await identifier(ctx, o.t.type, o.t.k) },
        o.op === 'enablePolicy',
      );
  }
}

/** No v2 call writes DENY grants yet (policies would); write one the way such a service must. */
async function denyGrant(ctx: ServiceContext, nsCode: string, resource: string, actions: string[], type: TargetType, k: number): Promise<void> {
  const db = ctx.store.db;
  const nsRow = await db.selectFrom('namespaces').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', nsCode).executeTakeFirst();
  if (!nsRow) return;
  let targetId: string | undefined;
  if (type === 'ROLE') {
    targetId = (await db.selectFrom('roles').select('id').where('namespace_id', '=', nsRow.id).where('code', '=', `r${k % 3}`).executeTakeFirst())?.id;
  } else if (type === 'GROUP') {
    targetId = (await db.selectFrom('groups').select('id').where('userpool_id', '=', ctx.poolId).where('code', '=', `g${k % 3}`).executeTakeFirst())?.id;
  } else {
    const id = await identifier(ctx, type, k);
    targetId = id === 'f'.repeat(24) ? undefined : id;
  }
  if (!targetId) return;
  const found = targetId;
  await ctx.store.write(async (tx, changes) => {
    const exists = await tx
      .selectFrom('grants')
      .select('id')
      .where('namespace_id', '=', nsRow.id)
      .where('target_type', '=', type)
      .where('target_id', '=', found)
      .where('resource', '=', resource)
      .where('effect', '=', 'DENY')
      .executeTakeFirst();
    if (exists) return;
    const last = await tx.selectFrom('grants').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const now = nowIso();
    const row = {
      id: newId(),
      userpool_id: ctx.poolId,
      namespace_id: nsRow.id,
      target_type: type,
      target_id: found,
      resource,
      resource_type: 'DATA',
      actions: JSON.stringify(actions),
      effect: 'DENY' as const,
      seq: Number(last?.seq ?? 0) + 1,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('grants').values(row).execute();
    changes.push({ table: 'grants', op: 'put', row: grantFactOf(row) });
  });
}

/** A small populated pool, so random operations mostly hit existing things (they may delete them). */
async function prelude(ctx: ServiceContext): Promise<void> {
  const users: string[] = [];
  for (const i of [0, 1, 2]) users.push((await createUser(ctx, { username: `u${i}` })).id);
  const [u0 = '', u1 = '', u2 = ''] = users;
  await createNamespace(ctx, { code: 'n1', name: 'n1' });
  await createRole(ctx, { code: 'r0' });
  await createRole(ctx, { code: 'r1', namespace: 'n1' });
  await createGroup(ctx, { code: 'g0', name: 'G0' });
  await addUsersToGroup(ctx, 'g0', [u0, u1]);
  const org = await createOrg(ctx, { name: 'Org' });
  const child = await addNode(ctx, org.id, org.rootNode.id, { name: 'Child' });
  await addMembers(ctx, child.id, [u1, u2]);
  await assignRole(ctx, { roleCode: 'r0', userIds: [u0], groupCodes: ['g0'], nodeCodes: [org.rootNode.id] });
  await assignRole(ctx, { namespace: 'n1', roleCode: 'r1', userIds: [u2] });
  const appId = (await state(ctx)).apps[0]?.id ?? '';
  await createProgrammaticAccount(ctx, appId);
  await allowAppAccess(ctx, { appId, targetType: 'GROUP', targetIdentifiers: ['g0'] });
  await denyAppAccess(ctx, { appId, targetType: 'ORG', targetIdentifiers: [child.id], inheritByChildren: true });
  await createPolicy(ctx, { code: 'p0', statements: [{ resource: 'books:*', actions: ['read'], effect: 'ALLOW' }] });
  await createPolicy(ctx, { code: 'p1', statements: [{ resource: 'books:1', actions: ['*'], effect: 'DENY' }] });
  await createPolicy(ctx, { namespace: 'n1', code: 'p0', statements: [{ resource: '*:*', actions: ['read'], effect: 'ALLOW' }] });
  await addPolicyAssignments(ctx, { policies: ['p0'], targetType: 'GROUP', targetIdentifiers: ['g0'] });
  await addPolicyAssignments(ctx, { policies: ['p1'], targetType: 'ORG', targetIdentifiers: [org.rootNode.id], inheritByChildren: true });
  await addPolicyAssignments(ctx, { namespace: 'n1', policies: ['p0'], targetType: 'ROLE', targetIdentifiers: ['r1'] });
}

/** Every query of the engine interface over the current universe, index vs reference. */
async function compare(store: Store, poolId: string): Promise<number> {
  const facts = await store.loadFacts();
  const ref: PermissionQueries = createReferenceEvaluator(facts);
  const idx: PermissionQueries = store.index;
  const db = store.db;
  const users = [...(await db.selectFrom('users').select('id').where('userpool_id', '=', poolId).execute()).map((u) => u.id), 'ghost-user'];
  const namespaceIds = [...(await db.selectFrom('namespaces').select('id').execute()).map((n) => n.id), 999];
  const apps = [...(await db.selectFrom('applications').select('id').execute()).map((a) => a.id), 'ghost-app'];
  const subjects: SubjectRef[] = [
    ...facts.grants.map((g) => ({ targetType: g.targetType, targetId: g.targetId })),
    { targetType: 'GROUP', targetId: 'ghost' },
  ];
  let n = 0;
  for (const userId of users) {
    for (const namespaceId of namespaceIds) {
      for (const r of RESOURCES) {
        for (const action of ACTIONS) {
          const q = { userId, namespaceId, resource: r, action };
          expect(idx.isAllowed(q), `isAllowed ${JSON.stringify(q)}`).toBe(ref.isAllowed(q));
          expect(idx.isDenied(q), `isDenied ${JSON.stringify(q)}`).toBe(ref.isDenied(q));
          n += 2;
        }
      }
      expect(idx.userResources(userId, namespaceId)).toEqual(ref.userResources(userId, namespaceId));
      expect(idx.userResources(userId, namespaceId, 'MENU')).toEqual(ref.userResources(userId, namespaceId, 'MENU'));
      n += 2;
    }
    for (const appId of apps) {
      expect(idx.canAccessApp(appId, userId), `canAccessApp ${appId} ${userId}`).toEqual(ref.canAccessApp(appId, userId));
      n++;
    }
  }
  for (const subject of subjects) {
    expect(idx.subjectResources(subject)).toEqual(ref.subjectResources(subject));
    for (const namespaceId of namespaceIds) expect(idx.subjectResources(subject, namespaceId)).toEqual(ref.subjectResources(subject, namespaceId));
    n += 1 + namespaceIds.length;
  }
  for (const namespaceId of namespaceIds) {
    for (const r of RESOURCES) {
      expect(idx.authorizedTargets(namespaceId, r)).toEqual(ref.authorizedTargets(namespaceId, r));
      const filter = { targetType: 'USER' as const, actions: { op: 'OR' as const, list: ['read', 'write'] } };
      expect(idx.authorizedTargets(namespaceId, r, filter)).toEqual(ref.authorizedTargets(namespaceId, r, filter));
      n += 2;
    }
  }
  return n;
}

/** Sequences per run: fewer on PostgreSQL, where each opens a schema and migrates it (~0.5 s apiece). */
const RUNS = onPostgres ? 30 : 80;

describe('differential: service writes keep the index equal to the raw tables', () => {
  it('random operation sequences', async () => {
    let queries = 0;
    let grantsSeen = 0;
    let policyAssignmentsSeen = 0;
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const store = await Store.open(testDatabase());
        try {
          const pool = await ensureDefaultPool(store);
          const ctx: ServiceContext = { store, poolId: pool.userPoolId };
          await prelude(ctx);
          for (const o of ops) {
            try {
              await run(ctx, o);
            } catch (error) {
              if (!(error instanceof AuthingServerError)) throw error;
              failures++;
            }
          }
          expect(normalized(store.index.snapshot())).toEqual(normalized(await store.loadFacts()));
          expect(await danglingRefs(store)).toEqual([]);
          const loaded = await store.loadFacts();
          grantsSeen += loaded.grants.length;
          policyAssignmentsSeen += loaded.policyAssignments.length;
          queries += await compare(store, pool.userPoolId);
        } finally {
          await store.close();
        }
      }),
      { numRuns: RUNS },
    );
    // The generator must actually exercise the engine, not just fail every call.
    expect(grantsSeen).toBeGreaterThan(50 * (RUNS / 80));
    expect(policyAssignmentsSeen).toBeGreaterThan(80 * (RUNS / 80));
    expect(failures).toBeGreaterThan(0);
    expect(queries).toBeGreaterThan(10_000 * (RUNS / 80));
  }, 120_000);
});
