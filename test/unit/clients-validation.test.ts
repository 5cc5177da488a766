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
  // policies
  ['policies.create code', (c) => c.management.policies.create({ code: '', statements: [{ resource: 'books:*', actions: ['read'] }] }), 'code', /non-empty string/],
  ['policies.create statements', (c) => c.management.policies.create({ code: 'p', statements: [] }), 'statements', /non-empty array/],
  ['policies.update newCode', (c) => c.management.policies.update('p', { newCode: '' }), 'newCode', /non-empty string/],
  ['policies.deleteMany codeList', (c) => c.management.policies.deleteMany([]), 'codeList', /non-empty array/],
  ['policies.addAssignments targetType', (c) => c.management.policies.addAssignments(['p'], bad('AK_SK'), ['u']), 'targetType', /one of USER, ROLE, GROUP, ORG$/],
  ['policies.disableAssignment targetIdentifier', (c) => c.management.policies.disableAssignment('p', 'USER', ''), 'targetIdentifier', /non-empty string/],
  ['acl.getPoliciesAssignmentsCondition policyCode', (c) => c.management.acl.getPoliciesAssignmentsCondition('default', '', 'USER'), 'policyCode', /non-empty string/],
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
  ['users.batch empty', (c) => c.management.users.batch([]), 'ids', /non-empty array/],
  ['users.batch queryField', (c) => c.management.users.batch(['a'], { queryField: bad('nickname') }), 'options.queryField', /one of id, username, email, phone, externalId/],
  ['users.filter not an array', (c) => c.management.users.filter({ filter: bad({}) }), 'options.filter', /must be an array/],
  ['users.filter condition shape', (c) => c.management.users.filter({ filter: bad([['city', 'EQ']]) }), 'options.filter[0]', /\[\{ type, value \}, operator, operand\]/],
  ['users.filter field', (c) => c.management.users.filter({ filter: [[{ type: 'basic', value: '' }, 'EQ', 'x']] }), 'options.filter[0][0].value', /non-empty/],
  ['users.filter operator', (c) => c.management.users.filter({ filter: [[{ value: 'city' }, bad('LIKE'), 'x']] }), 'options.filter[0][1]', /one of EQ, NEQ/],
  ['users.search query', (c) => c.management.users.search(bad(undefined)), 'query', /query must be a string/],
  ['users.refreshToken', (c) => c.management.users.refreshToken(''), 'id', /non-empty/],
  ['users.listOrgs', (c) => c.management.users.listOrgs(''), 'userId', /non-empty/],
  ['users.listDepartment', (c) => c.management.users.listDepartment(' '), 'userId', /non-empty/],
  ['users.hasRole roleCode', (c) => c.management.users.hasRole('u1', ''), 'roleCode', /non-empty/],
  ['users.hasRole userId', (c) => c.management.users.hasRole('', 'r'), 'userId', /non-empty/],
  ['users.kick empty', (c) => c.management.users.kick([]), 'userIds', /non-empty array/],
  ['users.logout', (c) => c.management.users.logout({ userId: '' }), 'options.userId', /non-empty/],
  ['users.checkLoginStatus', (c) => c.management.users.checkLoginStatus(''), 'userId', /non-empty/],
  ['users.sendFirstLoginVerifyEmail appId', (c) => c.management.users.sendFirstLoginVerifyEmail({ userId: 'u1', appId: '' }), 'options.appId', /non-empty/],
  ['users.linkIdentity userIdInIdp', (c) => c.management.users.linkIdentity({ userId: 'u1', identifier: 'github', userIdInIdp: '' }), 'options.userIdInIdp', /non-empty/],
  ['users.unlinkIdentity identifier', (c) => c.management.users.unlinkIdentity({ userId: 'u1', identifier: '' }), 'options.identifier', /non-empty/],
  ['users.checkResourcePermissionBatch resources', (c) => c.management.users.checkResourcePermissionBatch('u1', 'ns', []), 'resources', /non-empty array/],
  ['users.listAuthorizedResourcesOfResourceKind resource', (c) => c.management.users.listAuthorizedResourcesOfResourceKind('u1', 'ns', ''), 'resource', /non-empty/],
  ['users.resignUser', (c) => c.management.users.resignUser(''), 'userId', /non-empty/],
  ['users.resignUserBatch', (c) => c.management.users.resignUserBatch(['u1', '']), 'userIds[1]', /non-empty/],
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
  ['roles.create (4.23.55 order)', (c) => c.management.roles.create(' ', 'd', 'ns'), 'code', /non-empty/],
  ['roles.findByCode', (c) => c.management.roles.findByCode(''), 'code', /non-empty/],
  ['roles.findUsers', (c) => c.management.roles.findUsers(''), 'code', /non-empty/],
  ['roles.listPolicies', (c) => c.management.roles.listPolicies(''), 'code', /non-empty/],
  ['roles.addPolicies', (c) => c.management.roles.addPolicies('r', []), 'policies', /non-empty array/],
  ['roles.removePolicies', (c) => c.management.roles.removePolicies('r', ['p', '']), 'policies[1]', /non-empty/],
  ['users.listPolicies', (c) => c.management.users.listPolicies(''), 'userId', /non-empty/],
  ['users.addPolicies', (c) => c.management.users.addPolicies('', ['p']), 'userId', /non-empty/],
  ['users.removePolicies', (c) => c.management.users.removePolicies('u1', bad('p')), 'policies', /non-empty array/],
  ['roles.iterate pageSize', (c) => c.management.roles.iterate({ pageSize: 0 }).next(), 'pageSize', /integer from 1 to 200/],
  ['roles.iterateUsers pageSize', (c) => c.management.roles.iterateUsers('r', { pageSize: 201 }).next(), 'pageSize', /integer from 1 to 200/],
  ['groups.iterate pageSize', (c) => c.management.groups.iterate({ pageSize: 1.5 }).next(), 'pageSize', /integer from 1 to 200/],
  ['groups.iterateUsers code', (c) => c.management.groups.iterateUsers('').next(), 'code', /non-empty/],
  ['roles.listUsers withCustomData', (c) => c.management.roles.listUsers(' ', { withCustomData: true }), 'code', /non-empty/],
  ['roles.iterateUsers withCustomData', (c) => c.management.roles.iterateUsers('', { withCustomData: true }).next(), 'code', /non-empty/],
  ['groups.listUsers withCustomData', (c) => c.management.groups.listUsers('', { withCustomData: true }), 'code', /non-empty/],
  ['groups.iterateUsers withCustomData pageSize', (c) => c.management.groups.iterateUsers('g', { withCustomData: true, pageSize: 0 }).next(), 'pageSize', /integer from 1 to 200/],
  ['acl.authorizeResources opts', (c) => c.management.acl.authorizeResources({ opts: [] }), 'opts', /non-empty array/],
  ['acl.authorizeResources targetType', (c) => c.management.acl.authorizeResources({ opts: [{ targetType: bad('USERS'), targetIdentifiers: ['u'], resources: [{ code: 'a:1' }] }] }), 'opts[0].targetType', /one of USER/],
  ['acl.authorizeResources targetIdentifiers', (c) => c.management.acl.authorizeResources({ opts: [{ targetType: 'USER', targetIdentifiers: [], resources: [{ code: 'a:1' }] }] }), 'opts[0].targetIdentifiers', /non-empty array/],
  ['acl.authorizeResources resources', (c) => c.management.acl.authorizeResources({ opts: [{ targetType: 'ROLE', targetIdentifiers: ['r'], resources: [] }] }), 'opts[0].resources', /non-empty array/],
  ['acl.authorizeResources resourceType', (c) => c.management.acl.authorizeResources({ opts: [{ targetType: 'ROLE', targetIdentifiers: ['r'], resources: [{ code: 'a:1', resourceType: bad('X') }] }] }), 'opts[0].resources[0].resourceType', /one of DATA/],
  ['acl.revokeResources actions', (c) => c.management.acl.revokeResources({ opts: [{ targetType: 'GROUP', targetIdentifiers: ['g'], resources: [{ code: 'a:1', actions: ['read', ''] }] }] }), 'opts[0].resources[0].actions[1]', /non-empty/],
  ['acl.revokeResources code', (c) => c.management.acl.revokeResources({ opts: [{ targetType: 'ORG', targetIdentifiers: ['n'], resources: [{ code: '' }] }] }), 'opts[0].resources[0].code', /non-empty/],
  ['acl.getResources type', (c) => c.management.acl.getResources({ type: bad('X') }), 'type', /one of DATA/],
  ['acl.listAuthorizedResourcesBatch targets', (c) => c.management.acl.listAuthorizedResourcesBatch({ targets: [] }), 'targets', /non-empty array/],
  ['acl.listAuthorizedResourcesBatch targetIdentifier', (c) => c.management.acl.listAuthorizedResourcesBatch({ targets: [{ targetType: 'USER', targetIdentifier: '' }] }), 'targets[0].targetIdentifier', /non-empty/],
  ['acl.listAuthorizedResourcesBatch resourceType', (c) => c.management.acl.listAuthorizedResourcesBatch({ targets: [{ targetType: 'USER', targetIdentifier: 'u' }], resourceType: bad('X') }), 'resourceType', /one of DATA/],
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
  ['org.createOrg', (c) => c.management.org.createOrg(' '), 'name', /non-empty/],
  ['org.addNode (Python form) name', (c) => c.management.org.addNode('o', '', 'p'), 'node.name', /non-empty/],
  ['org.updateNode empty name', (c) => c.management.org.updateNode('n', { name: '' }), 'updates.name', /non-empty/],
  ['org.getNodeByCode', (c) => c.management.org.getNodeByCode('o', ''), 'code', /non-empty/],
  ['org.moveNode', (c) => c.management.org.moveNode('o', 'n', ''), 'targetParentId', /non-empty/],
  ['org.isRootNode', (c) => c.management.org.isRootNode('', 'n'), 'orgId', /non-empty/],
  ['org.listChildren', (c) => c.management.org.listChildren(''), 'nodeId', /non-empty/],
  ['org.listChildren (v4 form)', (c) => c.management.org.listChildren('o', ''), 'nodeId', /non-empty/],
  ['org.rootNode', (c) => c.management.org.rootNode(''), 'orgId', /non-empty/],
  ['org.searchNodes', (c) => c.management.org.searchNodes(''), 'keyword', /non-empty/],
  ['org.moveMembers users', (c) => c.management.org.moveMembers({ userIds: [], sourceNodeId: 's', targetNodeId: 't' }), 'userIds', /non-empty array/],
  ['org.moveMembers target', (c) => c.management.org.moveMembers({ userIds: ['u'], sourceNodeId: 's', targetNodeId: '' }), 'targetNodeId', /non-empty/],
  ['org.setMainDepartment', (c) => c.management.org.setMainDepartment(''), 'userId', /non-empty/],
  ['org.setMainDepartment department', (c) => c.management.org.setMainDepartment('u', ''), 'departmentId', /non-empty/],
  ['org.iterateMembers', (c) => c.management.org.iterateMembers('').next(), 'nodeId', /non-empty/],
  ['org.iterateMembers pageSize', (c) => c.management.org.iterateMembers('n', { pageSize: 0 }).next(), 'pageSize', /integer from 1/],
  ['org.exportByOrgId', (c) => c.management.org.exportByOrgId(''), 'orgId', /non-empty/],
  ['org.importByJson not a tree', (c) => c.management.org.importByJson(bad([])), 'json', /tree/],
  ['org.importByJson nameless', (c) => c.management.org.importByJson(bad({ children: [] })), 'json.name', /non-empty/],
  ['org.importByJson empty text', (c) => c.management.org.importByJson(''), 'json', /tree/],
  ['org.getOrgByTenantId', (c) => c.management.org.getOrgByTenantId(''), 'tenantId', /non-empty/],
  ['org.listAuthorizedResourcesByNodeCode', (c) => c.management.org.listAuthorizedResourcesByNodeCode('o', ''), 'code', /non-empty/],
  ['org.listRoles', (c) => c.management.org.listRoles(''), 'nodeId', /non-empty/],
  ['org.addRoles', (c) => c.management.org.addRoles('n', []), 'roleCodes', /non-empty array/],
  ['org.removeRoles', (c) => c.management.org.removeRoles('', ['r']), 'nodeId', /non-empty/],
  ['org.startSync provider', (c) => c.management.org.startSync(bad({ providerType: 'ldap' })), 'options.providerType', /one of dingtalk, wechatwork, ad/],
  ['org.startSync ad connector', (c) => c.management.org.startSync({ providerType: 'ad' }), 'options.adConnectorId', /non-empty/],
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
  // custom data
  ['udf.set targetType', (c) => c.management.udf.set(bad('TEAM'), 'k', 'STRING', 'K'), 'targetType', /targetType must be one of NODE, ORG, USER, USERPOOL, ROLE, PERMISSION, APPLICATION, GROUP/],
  ['udf.set key', (c) => c.management.udf.set('USER', ' ', 'STRING', 'K'), 'key', /non-empty/],
  ['udf.set dataType', (c) => c.management.udf.set('USER', 'k', bad('FLOAT'), 'K'), 'dataType', /one of STRING, NUMBER, DATETIME, BOOLEAN, OBJECT, SELECT/],
  ['udf.set label', (c) => c.management.udf.set('USER', 'k', 'STRING', ''), 'label', /non-empty/],
  ['udf.remove key', (c) => c.management.udf.remove('USER', ''), 'key', /non-empty/],
  ['udf.list targetType', (c) => c.management.udf.list(bad('user')), 'targetType', /one of NODE/],
  ['udf.listUdv targetId', (c) => c.management.udf.listUdv('USER', ''), 'targetId', /non-empty/],
  ['udf.setUdvBatch empty list', (c) => c.management.udf.setUdvBatch('USER', 'u1', []), 'udvList', /non-empty array/],
  ['udf.setUdvBatch key', (c) => c.management.udf.setUdvBatch('USER', 'u1', [{ key: '', value: 1 }]), 'udvList[0].key', /non-empty/],
  ['udf.setUdvBatch undefined value', (c) => c.management.udf.setUdvBatch('USER', 'u1', [{ key: 'k', value: undefined }]), 'udvList[0].value', /JSON-encodable/],
  ['udf.setUdvBatch BigInt value', (c) => c.management.udf.setUdvBatch('USER', 'u1', [{ key: 'k', value: 1n }]), 'udvList[0].value', /JSON-encodable/],
  ['users.getUdfValue', (c) => c.management.users.getUdfValue(''), 'targetId', /non-empty/],
  ['users.getUdfValueBatch', (c) => c.management.users.getUdfValueBatch([]), 'targetIds', /non-empty array/],
  ['users.setUdfValue empty data', (c) => c.management.users.setUdfValue('u1', {}), 'data', /at least one key/],
  ['users.setUdfValue null value', (c) => c.management.users.setUdfValue('u1', { k: null }), 'data.k', /JSON-encodable value, not null/],
  ['users.setUdfValueBatch empty', (c) => c.management.users.setUdfValueBatch([]), 'input', /non-empty array/],
  ['users.setUdfValueBatch userId', (c) => c.management.users.setUdfValueBatch([{ userId: '', data: { k: 1 } }]), 'input[0].targetId', /non-empty/],
  ['users.setUdfValueBatch data', (c) => c.management.users.setUdfValueBatch([{ userId: 'u1', data: bad([]) }]), 'input[0].data', /at least one key/],
  ['users.removeUdfValue key', (c) => c.management.users.removeUdfValue('u1', ''), 'key', /non-empty/],
  ['users.listUdv', (c) => c.management.users.listUdv(''), 'targetId', /non-empty/],
  ['users.setUdv value', (c) => c.management.users.setUdv('u1', 'k', () => 1), 'value', /JSON-encodable/],
  ['users.removeUdv key', (c) => c.management.users.removeUdv('u1', ''), 'key', /non-empty/],
  ['roles.getUdfValue', (c) => c.management.roles.getUdfValue(''), 'targetId', /non-empty/],
  ['roles.getSpecificUdfValue', (c) => c.management.roles.getSpecificUdfValue('r1', ''), 'udfKey', /non-empty/],
  ['roles.getUdfValueBatch', (c) => c.management.roles.getUdfValueBatch(['']), 'targetIds[0]', /non-empty/],
  ['roles.setUdfValue', (c) => c.management.roles.setUdfValue('r1', bad('x')), 'data', /at least one key/],
  ['roles.setUdfValueBatch', (c) => c.management.roles.setUdfValueBatch([{ roleId: '', data: { k: 1 } }]), 'input[0].targetId', /non-empty/],
  ['roles.removeUdfValue', (c) => c.management.roles.removeUdfValue('', 'k'), 'targetId', /non-empty/],
  // authentication
  ['loginByUsername username', (c) => c.auth.loginByUsername('', 'pw'), 'username', /non-empty/],
  ['loginByEmail password', (c) => c.auth.loginByEmail('a@b.c', ''), 'password', /non-empty/],
  ['registerByUsername password', (c) => c.auth.registerByUsername('bob', ''), 'password', /non-empty/],
  ['registerByEmail email', (c) => c.auth.registerByEmail('', 'pw'), 'email', /non-empty/],
  ['registerByPhoneCode code', (c) => c.auth.registerByPhoneCode('13800000000', ''), 'code', /non-empty/],
  ['registerByEmailCode email', (c) => c.auth.registerByEmailCode('', '123456'), 'email', /non-empty/],
  ['loginByPhoneCode phone', (c) => c.auth.loginByPhoneCode('', '123456'), 'phone', /non-empty/],
  ['loginByEmailCode code', (c) => c.auth.loginByEmailCode('a@b.c', ''), 'code', /non-empty/],
  ['loginByPhonePassword password', (c) => c.auth.loginByPhonePassword('13800000000', ''), 'password', /non-empty/],
  ['loginBySubAccount account', (c) => c.auth.loginBySubAccount('', 'pw'), 'account', /non-empty/],
  ['loginByLdap password', (c) => c.auth.loginByLdap('alice', ''), 'password', /non-empty/],
  ['loginByAd username', (c) => c.auth.loginByAd('', 'pw'), 'username', /non-empty/],
  ['signinByCredentials password', (c) => c.auth.signinByCredentials({ connection: 'PASSWORD', passwordPayload: { account: 'a', password: '' } }), 'passwordPayload.password', /non-empty/],
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
