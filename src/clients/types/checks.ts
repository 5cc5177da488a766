/**
 * Compile-time proof that each public interface is its generated counterpart: same keys, same
 * optionality, and types each way assignable. A field added to a fragment, an operation or an
 * OpenAPI schema fails `tsc -p tsconfig.json` here after `npm run codegen`, naming the field,
 * until the interface has it. Types only: nothing imports this file, so no bundle contains it.
 */
import type * as Gql from '../../generated/graphql.js';
import type { components, operations } from '../../generated/openapi.js';
import type { SecurityLevel } from '../authentication/bindings.js';
import type { CheckPasswordStrengthResult } from '../authentication/passwords.js';
import type { QrCodeGenerated, QrCodeStatus } from '../authentication/qrcode-types.js';
import type { CurrentUser, LoggedInUser, ProfileUpdates } from '../authentication/types.js';
import type * as T from '../types.js';

type Schemas = components['schemas'];
/** The `data` of an operation's 200 answer. */
type Data<Op extends keyof operations> = operations[Op]['responses'][200]['content']['application/json']['data'];
type Item<L> = NonNullable<L> extends readonly (infer I)[] ? NonNullable<I> : never;
type RoleMemberWithCustomData = Item<NonNullable<Gql.RoleWithUsersWithCustomDataQuery['role']>['users']['list']>;
type GroupMemberWithCustomData = Item<NonNullable<Gql.GroupWithUsersWithCustomDataQuery['group']>['users']['list']>;
type ListedUserWithCustomData = Item<Gql.UsersWithCustomDataQuery['users']['list']>;
type SearchedUserWithCustomData = Item<Gql.SearchUserWithCustomDataQuery['searchUser']['list']>;
type FoundUserWithCustomData = NonNullable<Gql.FindUserWithCustomDataQuery['findUser']>;
type CreatedUserWithCustomData = Gql.CreateUserWithCustomDataMutation['createUser'];

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Keys present on one side only. */
type KeyDrift<A, B> = Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>;
/** Shared keys whose type or optionality differ (each compared as a one-key object). */
type TypeDrift<A, B> = { [K in keyof A & keyof B]-?: Mutual<Pick<A, K>, Pick<B, K>> extends true ? never : K }[keyof A & keyof B];
/** `true` when the handwritten `Mine` and the generated `Generated` are the same type; else what differs. */
type Same<Mine, Generated> = [KeyDrift<Mine, Generated>, TypeDrift<Mine, Generated>] extends [never, never]
  ? true
  : Report<Exclude<keyof Mine, keyof Generated>, Exclude<keyof Generated, keyof Mine>, TypeDrift<Mine, Generated>>;
/** The error text: `& PropertyKey` on an inferred type makes it print keys, not the alias that computed them. */
type Report<Mine, Generated, Differ> = [Mine, Generated, Differ] extends [infer M, infer G, infer D]
  ? { onlyInInterface: M & PropertyKey; onlyInGenerated: G & PropertyKey; differ: D & PropertyKey }
  : never;
type Expect<Proof extends true> = Proof;

export type CommonChecks = [
  Expect<Same<T.CommonMessage, NonNullable<Gql.DeleteUserMutation['deleteUser']>>>,
  Expect<Same<T.Paginated<T.Role>, Gql.RolesQuery['roles']>>,
  Expect<Same<T.Paginated<T.Resource>, Data<'listResources'>>>,
];

export type UserChecks = [
  Expect<Same<T.User, Gql.UserFieldsFragment>>,
  Expect<Same<T.UserWithIdentities, Item<Gql.UsersQuery['users']['list']>>>,
  Expect<Same<T.Identity, Gql.IdentityFieldsFragment>>,
  Expect<Same<T.UserCustomData, Gql.CustomDataFieldsFragment>>,
  Expect<Same<T.LoginStatus, NonNullable<Gql.CheckLoginStatusQuery['checkLoginStatus']>>>,
  Expect<Same<T.LoginStatusData, NonNullable<NonNullable<Gql.CheckLoginStatusQuery['checkLoginStatus']>['data']>>>,
  Expect<Same<LoggedInUser, NonNullable<Gql.LoginByUsernameMutation['loginByUsername']>>>,
  Expect<Same<LoggedInUser, NonNullable<Gql.LoginByEmailMutation['loginByEmail']>>>,
  Expect<Same<CurrentUser, NonNullable<Gql.UserQuery['user']>>>,
  Expect<Same<T.UserDetail, Schemas['User']>>,
  Expect<Same<T.UserDetailIdentity, Schemas['Identity']>>,
  Expect<Same<T.UserDetailCustomData, Schemas['UserCustomData']>>,
  // The users' `…WithCustomData` twins: the plain answer plus `customData` items, which the SDK
  // decodes to the `…WithCustomData` interfaces (the REST ones too, with `with_custom_data`).
  Expect<Same<T.UserWithIdentities, Omit<ListedUserWithCustomData, 'customData'>>>,
  Expect<Same<T.UserCustomData, Item<ListedUserWithCustomData['customData']>>>,
  Expect<Same<Omit<T.UserWithIdentitiesAndCustomData, 'customData'>, T.UserWithIdentities>>,
  Expect<Same<T.User, Omit<SearchedUserWithCustomData, 'customData'>>>,
  Expect<Same<T.UserCustomData, Item<SearchedUserWithCustomData['customData']>>>,
  Expect<Same<T.User, Omit<FoundUserWithCustomData, 'customData'>>>,
  Expect<Same<T.UserCustomData, Item<FoundUserWithCustomData['customData']>>>,
  Expect<Same<T.User, Omit<CreatedUserWithCustomData, 'customData'>>>,
  Expect<Same<T.UserCustomData, Item<CreatedUserWithCustomData['customData']>>>,
  Expect<Same<Omit<T.UserDetailWithCustomData, 'customData'>, Omit<Schemas['User'], 'customData'>>>,
];

export type UserInputChecks = [
  Expect<Same<T.CreateUserInput, Gql.CreateUserInput>>,
  Expect<Same<T.UpdateUserInput, Gql.UpdateUserInput>>,
  Expect<Same<ProfileUpdates, Omit<Gql.UpdateUserInput, 'password'>>>,
  Expect<Same<T.CreateUserIdentityInput, Gql.CreateUserIdentityInput>>,
  Expect<Same<T.RegisterProfile, Gql.RegisterProfile>>,
  Expect<Same<T.UserDdfInput, Gql.UserDdfInput>>,
  Expect<Same<T.AuthorizeResourceOpt, Gql.AuthorizeResourceOpt>>,
];

export type DirectoryChecks = [
  Expect<Same<T.RoleBase, Gql.RoleBaseFieldsFragment>>,
  Expect<Same<T.Role, Gql.RoleFieldsFragment>>,
  Expect<Same<T.Group, Gql.GroupFieldsFragment>>,
  // The `…WithCustomData` members: a User plus `customData` items, which the SDK decodes to UserWithCustomData.
  Expect<Same<T.User, Omit<RoleMemberWithCustomData, 'customData'>>>,
  Expect<Same<T.User, Omit<GroupMemberWithCustomData, 'customData'>>>,
  Expect<Same<T.UserCustomData, Item<RoleMemberWithCustomData['customData']>>>,
  Expect<Same<T.UserCustomData, Item<GroupMemberWithCustomData['customData']>>>,
  Expect<Same<Omit<T.UserWithCustomData, 'customData'>, T.User>>,
  Expect<Same<T.OrgNode, Gql.NodeFieldsFragment>>,
  Expect<Same<T.Org, Gql.OrgFieldsFragment>>,
  Expect<Same<T.NodeWithMembers, NonNullable<Gql.NodeByIdWithMembersQuery['nodeById']>>>,
  Expect<Same<T.NodeWithMembers, Gql.AddMemberMutation['addMember']>>,
  Expect<Same<T.NodeWithMembers, Gql.RemoveMemberMutation['removeMember']>>,
  Expect<Same<T.NodeWithMemberCount, Gql.UpdateNodeMutation['updateNode']>>,
  Expect<Same<T.Org, Gql.MoveNodeMutation['moveNode']>>,
  Expect<Same<T.Org, Gql.AddNodeMutation['addNode']>>,
  Expect<Same<T.OrgNode, Item<Gql.ChildrenNodesQuery['childrenNodes']>>>,
  Expect<Same<T.OrgNode, Gql.RootNodeQuery['rootNode']>>,
  Expect<Same<T.OrgNode, Item<Gql.SearchNodesQuery['searchNodes']>>>,
  Expect<Same<T.OrgNode, NonNullable<Gql.NodeByCodeQuery['nodeByCode']>>>,
  Expect<Same<T.OrgNode, Schemas['OrgNode']>>,
  Expect<Same<T.OrgNode, Item<Data<'importOrg'>>>>,
  Expect<Same<T.Org, Schemas['Org']>>,
  Expect<Same<T.Org, Item<Data<'listOrgPage'>>>>,
  Expect<Same<T.Org, Item<Data<'listOrgsByTenant'>>>>,
  Expect<Same<T.OrgTreeNode, Schemas['OrgTreeNode']>>,
  Expect<Same<T.OrgTreeNode, Item<Data<'exportOrgs'>>>>,
  Expect<Same<T.OrgImportNode, Schemas['OrgImportNode']>>,
];

export type AclChecks = [
  Expect<Same<T.AuthorizedResource, Gql.AuthorizedResourceFieldsFragment>>,
  Expect<Same<T.AuthorizedTargets, NonNullable<Gql.AuthorizedTargetsQuery['authorizedTargets']>>>,
  Expect<Same<T.AuthorizedTarget, Item<NonNullable<Gql.AuthorizedTargetsQuery['authorizedTargets']>['list']>>>,
  Expect<Same<T.Namespace, Schemas['Namespace']>>,
  Expect<Same<T.Namespaces, Data<'listNamespaces'>>>,
  Expect<Same<T.Resource, Schemas['Resource']>>,
  Expect<Same<T.ResourceAction, Schemas['ResourceAction']>>,
  Expect<Same<T.ProgrammaticAccessAccount, Schemas['ProgrammaticAccessAccount']>>,
  Expect<Same<T.AuthorizedResourcesBatch, Data<'listAuthorizedResourcesBatch'>>>,
  Expect<Same<T.AuthorizedResource, Item<Item<Data<'listAuthorizedResourcesBatch'>['list']>['list']>>>,
  Expect<Same<T.PolicyAssignment, Item<Gql.PolicyAssignmentsQuery['policyAssignments']['list']>>>,
  Expect<Same<T.Paginated<T.PolicyAssignment>, Gql.PolicyAssignmentsQuery['policyAssignments']>>,
  Expect<Same<T.PermissionPolicy, Gql.PolicyFieldsFragment>>,
  Expect<Same<T.Paginated<T.PolicyAssignment>, Data<'getPoliciesAssignmentsCondition'>>>,
  Expect<Same<T.PermissionPolicy, NonNullable<Gql.PolicyQuery['policy']>>>,
  Expect<Same<T.Paginated<T.PermissionPolicy>, Gql.PoliciesQuery['policies']>>,
  Expect<Same<T.PermissionPolicyStatementInput, Gql.PolicyStatementInput>>,
  Expect<Same<T.PolicyStatementCondition, Gql.PolicyStatementConditionInput>>,
  Expect<Same<T.Paginated<T.UserDetail>, Data<'findRoleUsers'>>>,
  Expect<Same<T.Paginated<T.ProgrammaticAccessAccount>, Data<'listProgrammaticAccessAccounts'>>>,
];

export type CustomDataChecks = [
  Expect<Same<T.UserDefinedField, Gql.UdfFieldsFragment>>,
  Expect<Same<T.UserDefinedField, Gql.SetUdfMutation['setUdf']>>,
  Expect<Same<T.UserDefinedData, Gql.UdvFieldsFragment>>,
  Expect<Same<T.UserDefinedData, Item<Gql.UdfValueBatchQuery['udfValueBatch'][number]['data']>>>,
  Expect<Mutual<T.UdfTargetType, Gql.UdfTargetType>>,
  Expect<Mutual<T.CustomDataItem['dataType'], Gql.UdfDataType>>,
];

export type UserpoolChecks = [
  Expect<Same<T.UserPool, Gql.UserPoolFieldsFragment>>,
  Expect<Same<T.UserPool, Schemas['UserPool']>>,
  Expect<Same<T.UserPoolFailCheck, Schemas['UserPoolFailCheck']>>,
  Expect<Same<T.WhiteList, Item<Gql.WhitelistQuery['whitelist']>>>,
  Expect<Same<T.WhiteList, Item<Gql.AddWhitelistMutation['addWhitelist']>>>,
  Expect<Same<T.WhiteList, Item<Gql.RemoveWhitelistMutation['removeWhitelist']>>>,
];

export type ApplicationChecks = [
  Expect<Same<T.Application, Schemas['Application']>>,
  Expect<Same<T.PermissionStrategy, Schemas['PermissionStrategy']>>,
  Expect<Same<T.ApplicationAccessRecord, Schemas['ApplicationAccessRecord']>>,
  Expect<Same<T.Paginated<T.ApplicationAccessRecord>, Data<'listApplicationAccessRecords'>>>,
  Expect<Same<T.Policy, Schemas['ApplicationAccessPolicy']>>,
  Expect<Same<T.PolicyStatement, Schemas['PolicyStatement']>>,
  Expect<Same<T.PolicyCondition, Item<Schemas['PolicyStatement']['condition']>>>,
  Expect<Mutual<T.ApplicationAccessTargetType, Schemas['ApplicationAccessTargetType']>>,
  Expect<Mutual<T.DefaultStrategy, Schemas['PermissionStrategy']['defaultStrategy']>>,
  Expect<Mutual<T.PolicyEffect, NonNullable<Schemas['PolicyStatement']['effect']>>>,
  Expect<Mutual<T.PolicyEffect, NonNullable<Schemas['ApplicationAccessRecord']['effect']>>>,
];

export type UserAdminChecks = [
  Expect<Same<T.Paginated<T.User>, Gql.ArchivedUsersQuery['archivedUsers']>>,
  Expect<Same<T.Paginated<T.User>, Gql.SearchUserQuery['searchUser']>>,
  Expect<Same<T.SearchUserDepartmentOpt, Gql.SearchUserDepartmentOpt>>,
  Expect<Same<T.SearchUserGroupOpt, Gql.SearchUserGroupOpt>>,
  Expect<Same<T.SearchUserRoleOpt, Gql.SearchUserRoleOpt>>,
  Expect<Same<T.FindUserByIdentityInput, Gql.FindUserByIdentityInput>>,
  Expect<Same<T.CommonMessage, Gql.SendFirstLoginVerifyEmailMutation['sendFirstLoginVerifyEmail']>>,
  Expect<Same<T.Paginated<T.UserDetail>, Data<'filterUsers'>>>,
  Expect<Same<T.UserDetail, Item<Data<'batchUsers'>>>>,
  Expect<Same<T.UserLoginStatus, Data<'getUserLoginStatus'>>>,
  Expect<Same<T.LoginApplication, Schemas['LoginApplication']>>,
  Expect<Same<T.IdentityLink, Schemas['IdentityLink']>>,
  Expect<Same<T.IdentityUnlink, Schemas['IdentityUnlink']>>,
  Expect<Mutual<T.UserFilterCondition, Schemas['UserFilterCondition']>>,
  Expect<Same<T.UserDepartment, Item<NonNullable<NonNullable<Gql.GetUserDepartmentsQuery['user']>['departments']>['list']>>>,
  Expect<Same<T.UserToken, NonNullable<Gql.RefreshTokenMutation['refreshToken']>>>,
  Expect<Same<T.HeldResource, Item<Data<'checkResourcePermissionBatch'>>>>,
  Expect<Same<T.HeldResource, Item<Data<'getAuthorizedResourcesOfResourceKind'>>>>,
  Expect<Same<T.OrgNode, Item<Item<Data<'listUserOrgs'>>>>>,
  Expect<Same<T.IsSuccess, NonNullable<operations['resignUser']['responses'][200]['content']['application/json']['data']>>>,
];

export type AuthenticationAnswerChecks = [
  Expect<Same<SecurityLevel, Data<'getSecurityLevel'>>>,
  Expect<Same<CheckPasswordStrengthResult, Gql.CheckPasswordStrengthQuery['checkPasswordStrength']>>,
  Expect<Same<QrCodeGenerated, Data<'geneQrCode'>>>,
  Expect<Same<QrCodeStatus, Data<'checkQrCodeStatus'>>>,
];
