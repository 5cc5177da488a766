/**
 * Every client-side argument check: an AuthingValidationError naming the argument, thrown before
 * any request (the injected fetch records nothing, not even a token request).
 */
import { describe, expect, it } from 'vitest';
import {
  AuthenticationClient,
  AuthingValidationError,
  ManagementClient,
  type ApplicationAccessPolicy,
  type ManagementClientOptions,
} from '../../src/index.js';
import { observedFetch, rejection, thrownBy } from './helpers.js';

// Arguments typed as the API declares them, so that wrong values need a deliberate escape hatch.
const bad = <T>(value: unknown): T => value as T;

function clients() {
  const observed = observedFetch();
  const management = new ManagementClient({ userPoolId: 'pool', secret: 'secret', host: 'https://h.example', fetch: observed.fetch });
  const auth = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: observed.fetch });
  return { ...observed, management, auth };
}

type Client = ReturnType<typeof clients>;
type Case = [name: string, call: (c: Client) => Promise<unknown>, argument: string, message: RegExp];

const action = (name: string) => ({ name, description: name });
const policy: ApplicationAccessPolicy = { appId: 'app1', targetType: 'USER', targetIdentifiers: ['u1'] };

const cases: Case[] = [
  // resource types
  ['createResource type', (c) => c.management.acl.createResource({ code: 'books', namespace: 'ns', type: bad('BOOK'), actions: [action('r')] }), 'type', /type must be one of DATA, API, MENU, UI, BUTTON/],
  ['updateResource type', (c) => c.management.acl.updateResource('books', { namespace: 'ns', type: bad('data') }), 'type', /one of DATA/],
  ['listResources type', (c) => c.management.acl.listResources({ type: bad('X') }), 'type', /one of DATA/],
  ['authorizeResource resourceType', (c) => c.management.acl.authorizeResource({ resource: 'books', resourceType: bad('X'), opts: [{ targetType: 'USER', targetIdentifier: 'u' }] }), 'resourceType', /one of DATA/],
  ['users.listAuthorizedResources resourceType', (c) => c.management.users.listAuthorizedResources('u1', 'ns', { resourceType: bad('X') }), 'resourceType', /one of DATA/],
  ['roles.listAuthorizedResources resourceType', (c) => c.management.roles.listAuthorizedResources('r1', 'ns', { resourceType: bad('X') }), 'resourceType', /one of DATA/],
  ['groups.listAuthorizedResources resourceType', (c) => c.management.groups.listAuthorizedResources('g1', 'ns', { resourceType: bad('X') }), 'resourceType', /one of DATA/],
  ['org.listAuthorizedResourcesByNodeId resourceType', (c) => c.management.org.listAuthorizedResourcesByNodeId('n1', 'ns', { resourceType: bad('X') }), 'resourceType', /one of DATA/],
  ['acl.listAuthorizedResources resourceType', (c) => c.management.acl.listAuthorizedResources('USER', 'u1', 'ns', { resourceType: bad('X') }), 'resourceType', /one of DATA/],
  // target types
  ['acl.listAuthorizedResources targetType', (c) => c.management.acl.listAuthorizedResources(bad('TEAM'), 'u1'), 'targetType', /targetType must be one of USER, ROLE, GROUP, ORG, AK_SK/],
  ['authorizeResource opts targetType', (c) => c.management.acl.authorizeResource({ resource: 'books', opts: [{ targetType: bad('TEAM'), targetIdentifier: 'x' }] }), 'opts[0].targetType', /one of USER, ROLE, GROUP, ORG, AK_SK/],
  ['authorizeResource opts targetIdentifier', (c) => c.management.acl.authorizeResource({ resource: 'books', opts: [{ targetType: 'USER', targetIdentifier: '' }] }), 'opts[0].targetIdentifier', /non-empty string/],
  ['authorizeResource empty opts', (c) => c.management.acl.authorizeResource({ resource: 'books', opts: [] }), 'opts', /non-empty array of targets/],
  ['revokeResource opts targetType', (c) => c.management.acl.revokeResource({ namespace: 'ns', resource: 'books', opts: [{ targetType: bad('X'), targetIdentifier: 'u' }] }), 'opts[0].targetType', /one of USER/],
  ['getAuthorizedTargets targetType', (c) => c.management.acl.getAuthorizedTargets({ namespace: 'ns', resource: 'books', resourceType: 'DATA', targetType: bad('X') }), 'targetType', /one of USER/],
  ['app access targetType (no AK_SK)', (c) => c.management.acl.allowAccessApplication({ ...policy, targetType: bad('AK_SK') }), 'targetType', /targetType must be one of USER, ROLE, GROUP, ORG$/],
  ['app access targetIdentifiers', (c) => c.management.acl.denyAccessApplication({ ...policy, targetIdentifiers: [] }), 'targetIdentifiers', /non-empty array/],
  ['app access appId', (c) => c.management.acl.enableApplicationAccessPolicy({ ...policy, appId: '' }), 'appId', /appId must be a non-empty string/],
  ['disable access appId', (c) => c.management.acl.disableApplicationAccessPolicy({ ...policy, appId: '' }), 'appId', /non-empty/],
  ['delete access target id', (c) => c.management.acl.deleteApplicationAccessPolicy({ ...policy, targetIdentifiers: [''] }), 'targetIdentifiers[0]', /non-empty/],
  // actions
  ['createResource without actions', (c) => c.management.acl.createResource({ code: 'books', namespace: 'ns' }), 'actions', /at least one action/],
  ['createResource empty actions', (c) => c.management.acl.createResource({ code: 'books', namespace: 'ns', type: 'DATA', actions: [] }), 'actions', /at least one action/],
  ['createResource nameless action', (c) => c.management.acl.createResource({ code: 'books', namespace: 'ns', actions: [{ name: '', description: 'd' }] }), 'actions[0].name', /non-empty string/],
  ['createResource action not an object', (c) => c.management.acl.createResource({ code: 'books', namespace: 'ns', actions: bad(['read']) }), 'actions[0].name', /non-empty/],
  ['createResource action description type', (c) => c.management.acl.createResource({ code: 'books', namespace: 'ns', actions: [{ name: 'r', description: bad(1) }] }), 'actions[0].description', /must be a string/],
  ['updateResource empty actions', (c) => c.management.acl.updateResource('books', { namespace: 'ns', actions: [] }), 'actions', /at least one action/],
  ['updateResource nameless action', (c) => c.management.acl.updateResource('books', { namespace: 'ns', actions: [action('a'), { name: ' ', description: '' }] }), 'actions[1].name', /non-empty/],
  ['createResource code', (c) => c.management.acl.createResource({ code: '', namespace: 'ns', actions: [action('r')] }), 'code', /non-empty/],
  ['createResource namespace', (c) => c.management.acl.createResource({ code: 'b', namespace: '', actions: [action('r')] }), 'namespace', /non-empty/],
  ['updateResource namespace', (c) => c.management.acl.updateResource('books', bad({})), 'namespace', /non-empty/],
  ['deleteResource namespace', (c) => c.management.acl.deleteResource('books', ''), 'namespace', /non-empty/],
  // allow resource form
  ['allow bare kind', (c) => c.management.acl.allow('u1', 'books', 'books:read'), 'resource', /"<type>:<id>", "<type>:\*" or "\*"/],
  ['allow empty id part', (c) => c.management.acl.allow('u1', 'books:', 'books:read'), 'resource', /<type>:<id>/],
  ['allow empty type part', (c) => c.management.acl.allow('u1', ':1', 'books:read'), 'resource', /<type>:<id>/],
  ['allow empty action', (c) => c.management.acl.allow('u1', 'books:1', ''), 'action', /non-empty/],
  ['allow userId', (c) => c.management.acl.allow('', '*', 'read'), 'userId', /non-empty/],
  ['isAllowed userId', (c) => c.management.acl.isAllowed('', 'books:1', 'read'), 'userId', /non-empty/],
  // getAuthorizedTargets
  ['getAuthorizedTargets namespace', (c) => c.management.acl.getAuthorizedTargets(bad({ resource: 'books', resourceType: 'DATA' })), 'namespace', /non-empty/],
  ['getAuthorizedTargets resource', (c) => c.management.acl.getAuthorizedTargets(bad({ namespace: 'ns', resourceType: 'DATA' })), 'resource', /non-empty/],
  ['getAuthorizedTargets resourceType', (c) => c.management.acl.getAuthorizedTargets(bad({ namespace: 'ns', resource: 'books' })), 'resourceType', /resourceType is required/],
  ['getAuthorizedTargets op', (c) => c.management.acl.getAuthorizedTargets({ namespace: 'ns', resource: 'books', resourceType: 'DATA', actions: { op: bad('XOR'), list: ['r'] } }), 'actions.op', /actions.op must be one of AND, OR/],
  ['getAuthorizedTargets list', (c) => c.management.acl.getAuthorizedTargets({ namespace: 'ns', resource: 'books', resourceType: 'DATA', actions: bad({ op: 'OR' }) }), 'actions.list', /array/],
  // default strategy
  ['defaultStrategy', (c) => c.management.acl.updateDefaultApplicationAccessPolicy({ appId: 'a', defaultStrategy: bad('ALLOW') }), 'defaultStrategy', /one of ALLOW_ALL, DENY_ALL/],
  ['defaultStrategy appId', (c) => c.management.acl.updateDefaultApplicationAccessPolicy({ appId: '', defaultStrategy: 'DENY_ALL' }), 'appId', /non-empty/],
  // required ids
  ['users.detail', (c) => c.management.users.detail(''), 'userId', /userId must be a non-empty string/],
  ['users.update', (c) => c.management.users.update('', { nickname: 'x' }), 'id', /non-empty/],
  ['users.delete', (c) => c.management.users.delete('  '), 'userId', /non-empty/],
  ['users.deleteMany empty', (c) => c.management.users.deleteMany([]), 'userIds', /non-empty array/],
  ['users.addRoles', (c) => c.management.users.addRoles('u1', ['']), 'roleCodes[0]', /non-empty/],
  ['users.removeRoles', (c) => c.management.users.removeRoles('', ['r']), 'userId', /non-empty/],
  ['users.listRoles', (c) => c.management.users.listRoles(''), 'userId', /non-empty/],
  ['users.listGroups', (c) => c.management.users.listGroups(''), 'userId', /non-empty/],
  ['users.addGroup', (c) => c.management.users.addGroup('u1', ''), 'groupCode', /non-empty/],
  ['users.removeGroup', (c) => c.management.users.removeGroup('', 'g'), 'userId', /non-empty/],
  ['roles.create', (c) => c.management.roles.create(''), 'code', /non-empty/],
  ['roles.update', (c) => c.management.roles.update('', {}), 'code', /non-empty/],
  ['roles.delete', (c) => c.management.roles.delete(''), 'code', /non-empty/],
  ['roles.deleteMany', (c) => c.management.roles.deleteMany([]), 'codes', /non-empty array/],
  ['roles.detail', (c) => c.management.roles.detail(''), 'code', /non-empty/],
  ['roles.listUsers', (c) => c.management.roles.listUsers(''), 'code', /non-empty/],
  ['roles.addUsers', (c) => c.management.roles.addUsers('r', []), 'userIds', /non-empty array/],
  ['roles.removeUsers', (c) => c.management.roles.removeUsers('r', bad('u1')), 'userIds', /non-empty array/],
  ['groups.create name', (c) => c.management.groups.create('g', ''), 'name', /non-empty/],
  ['groups.update', (c) => c.management.groups.update(''), 'code', /non-empty/],
  ['groups.delete', (c) => c.management.groups.delete(''), 'code', /non-empty/],
  ['groups.deleteMany', (c) => c.management.groups.deleteMany(['a', '']), 'codes[1]', /non-empty/],
  ['groups.detail', (c) => c.management.groups.detail(''), 'code', /non-empty/],
  ['groups.listUsers', (c) => c.management.groups.listUsers(''), 'code', /non-empty/],
  ['groups.addUsers', (c) => c.management.groups.addUsers('g', []), 'userIds', /non-empty array/],
  ['groups.removeUsers', (c) => c.management.groups.removeUsers('', ['u']), 'code', /non-empty/],
  ['org.create', (c) => c.management.org.create(''), 'name', /non-empty/],
  ['org.deleteById', (c) => c.management.org.deleteById(''), 'orgId', /non-empty/],
  ['org.findById', (c) => c.management.org.findById(''), 'orgId', /non-empty/],
  ['org.addNode parent', (c) => c.management.org.addNode('o', '', { name: 'n' }), 'parentNodeId', /non-empty/],
  ['org.addNode name', (c) => c.management.org.addNode('o', 'p', { name: '' }), 'node.name', /non-empty/],
  ['org.updateNode', (c) => c.management.org.updateNode('', { name: 'n' }), 'nodeId', /non-empty/],
  ['org.deleteNode', (c) => c.management.org.deleteNode('o', ''), 'nodeId', /non-empty/],
  ['org.getNodeById', (c) => c.management.org.getNodeById(''), 'nodeId', /non-empty/],
  ['org.addMembers', (c) => c.management.org.addMembers('n', []), 'userIds', /non-empty array/],
  ['org.removeMembers', (c) => c.management.org.removeMembers('', ['u']), 'nodeId', /non-empty/],
  ['org.listMembers', (c) => c.management.org.listMembers(''), 'nodeId', /non-empty/],
  ['acl.createNamespace', (c) => c.management.acl.createNamespace('', 'n'), 'code', /non-empty/],
  ['acl.updateNamespace', (c) => c.management.acl.updateNamespace('', { name: 'n' }), 'code', /non-empty/],
  ['acl.deleteNamespace', (c) => c.management.acl.deleteNamespace(''), 'code', /non-empty/],
  ['acl.getResourceById', (c) => c.management.acl.getResourceById(''), 'id', /non-empty/],
  ['acl.getResourceByCode', (c) => c.management.acl.getResourceByCode({ namespace: 'ns', code: '' }), 'code', /non-empty/],
  ['programmatic list', (c) => c.management.acl.programmaticAccessAccountList(''), 'appId', /non-empty/],
  ['programmatic create', (c) => c.management.acl.createProgrammaticAccessAccount(''), 'appId', /non-empty/],
  ['programmatic enable', (c) => c.management.acl.enableProgrammaticAccessAccount(''), 'id', /non-empty/],
  ['programmatic disable', (c) => c.management.acl.disableProgrammaticAccessAccount(''), 'id', /non-empty/],
  ['programmatic delete', (c) => c.management.acl.deleteProgrammaticAccessAccount(''), 'id', /non-empty/],
  ['programmatic refresh empty secret', (c) => c.management.acl.refreshProgrammaticAccessAccountSecret('a1', ''), 'secret', /non-empty/],
  ['access policies appId', (c) => c.management.acl.getApplicationAccessPolicies({ appId: '' }), 'appId', /non-empty/],
  // authentication
  ['loginByUsername username', (c) => c.auth.loginByUsername('', 'pw'), 'username', /non-empty/],
  ['loginByEmail password', (c) => c.auth.loginByEmail('a@b.c', ''), 'password', /non-empty/],
  ['registerByUsername password', (c) => c.auth.registerByUsername('bob', ''), 'password', /non-empty/],
  ['registerByEmail email', (c) => c.auth.registerByEmail('', 'pw'), 'email', /non-empty/],
  ['updateProfile without session', (c) => c.auth.updateProfile({ nickname: 'x' }), '', /Not logged in/],
];

describe('client-side argument checks', () => {
  it.each(cases)('%s', async (_name, call, argument, message) => {
    const c = clients();
    const error = await rejection(call(c));
    if (argument === '') {
      // Not an argument check: no session is an authentication error, still without a request.
      expect(error.name).toBe('AuthingAuthenticationError');
      expect(error.code).toBe(2020);
    } else {
      expect(error).toBeInstanceOf(AuthingValidationError);
      expect(error).toMatchObject({ name: 'AuthingValidationError', code: 400, argument });
    }
    expect(error.message).toMatch(message);
    expect(c.sent).toEqual([]);
  });

  it('checks the ManagementClient credentials at runtime', () => {
    const { fetch, sent } = observedFetch();
    const neither = thrownBy(() => new ManagementClient(bad<ManagementClientOptions>({ userPoolId: 'pool', fetch })));
    expect(neither).toBeInstanceOf(AuthingValidationError);
    expect(neither).toMatchObject({ code: 400, argument: 'secret', message: 'Pass either secret or accessToken' });
    const both = thrownBy(() => new ManagementClient(bad<ManagementClientOptions>({ userPoolId: 'pool', secret: 's', accessToken: 't' })));
    expect(both).toMatchObject({ argument: 'secret', message: 'Pass either secret or accessToken, not both' });
    const noPool = thrownBy(() => new ManagementClient({ userPoolId: '', secret: 's' }));
    expect(noPool).toMatchObject({ name: 'AuthingValidationError', argument: 'userPoolId' });
    const badHost = thrownBy(() => new ManagementClient({ userPoolId: 'p', secret: 's', host: 'ftp://x' }));
    expect(badHost).toMatchObject({ name: 'AuthingValidationError', argument: 'host' });
    expect(sent).toEqual([]);
  });

  it('checks the AuthenticationClient options and setToken', () => {
    expect(thrownBy(() => new AuthenticationClient({ appId: '', appHost: 'https://h.example' }))).toMatchObject({ argument: 'appId' });
    expect(thrownBy(() => new AuthenticationClient({ appId: 'a', appHost: '' }))).toMatchObject({ argument: 'appHost' });
    const auth = new AuthenticationClient({ appId: 'a', appHost: 'https://h.example' });
    expect(thrownBy(() => auth.setToken(''))).toMatchObject({ name: 'AuthingValidationError', argument: 'token' });
  });

  it('accepts MENU and BUTTON resources without actions, and AK_SK grant targets', async () => {
    const c = observedFetch();
    const management = new ManagementClient({ userPoolId: 'pool', accessToken: 'token', host: 'https://h.example', fetch: c.fetch, retry: false });
    // These pass the checks, so they do send requests (which the canned fetch answers with `{data: {}}`).
    await management.acl.createResource({ code: 'menu', namespace: 'ns', type: 'MENU' }).catch(() => undefined);
    await management.acl.createResource({ code: 'btn', namespace: 'ns', type: 'BUTTON', actions: [] }).catch(() => undefined);
    await management.acl.authorizeResource({ resource: 'books', opts: [{ targetType: 'AK_SK', targetIdentifier: 'ak' }] }).catch(() => undefined);
    await management.acl.allow('u1', '*', '*').catch(() => undefined);
    await management.acl.allow('u1', 'books:*', 'books:*').catch(() => undefined);
    const urls = c.sent.map((s) => new URL(s.url).pathname);
    expect(urls.filter((p) => p === '/api/v2/resources')).toHaveLength(2);
    expect(urls.filter((p) => p === '/graphql/v2').length).toBeGreaterThanOrEqual(3);
  });
});
