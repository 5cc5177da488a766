/**
 * What a user's editor shows: a sample file importing the SDK is compiled in memory with the
 * TypeScript language service, and the type of each sample variable must print as a public
 * name (`Paginated<User>`, `LoggedInUser`), never a generated one or a 70-line inline object.
 * Both the checker's `typeToString` and the hover text (`getQuickInfoAtPosition`) are asserted.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sampleFile = `${root}test/types/hover-sample.virtual.ts`;

/** Sample variable → the type name its hover must show. */
const expected: Record<string, string> = {
  usersClient: 'UsersClient',
  aclClient: 'AclClient',
  users: 'Paginated<UserWithIdentities>',
  created: 'User',
  updated: 'User',
  detail: 'UserDetail | null',
  searched: 'Paginated<User>',
  batched: 'UserDetail[]',
  userLoginStatus: 'UserLoginStatus',
  departments: 'Paginated<UserDepartment>',
  orgChains: 'OrgNode[][]',
  userRoles: 'Paginated<Role>',
  userGroups: 'Paginated<Group>',
  userResources: 'Paginated<AuthorizedResource>',
  deleted: 'CommonMessage | null',
  createInput: 'CreateUserInput',
  role: 'Role',
  roleParent: 'RoleBase | null',
  roleUsers: 'Paginated<User>',
  group: 'Group | null',
  org: 'Org',
  rootNode: 'OrgNode',
  members: 'NodeWithMembers',
  added: 'NodeWithMembers',
  renamed: 'NodeWithMemberCount',
  namespaces: 'Namespaces',
  targets: 'AuthorizedTargets',
  resources: 'Paginated<Resource>',
  accounts: 'Paginated<ProgrammaticAccessAccount>',
  records: 'Paginated<ApplicationAccessRecord>',
  app: 'Application',
  strategy: 'PermissionStrategy',
  loggedIn: 'LoggedInUser',
  registered: 'User',
  current: 'CurrentUser | null',
  loginStatus: 'LoginStatus | null',
  profileUpdates: 'ProfileUpdates',
  registerProfile: 'RegisterProfile | undefined',
  udfClient: 'UdfClient',
  udfField: 'UserDefinedField',
  udfFields: 'UserDefinedField[]',
  udvItems: 'CustomDataItem[]',
  customData: 'CustomData',
  customDataBatch: 'Record<string, CustomData>',
  usersWithData: 'Paginated<UserWithIdentitiesAndCustomData>',
  createdWithData: 'UserWithCustomData',
  detailWithData: 'UserDetailWithCustomData | null',
  foundWithData: 'UserWithCustomData | null',
  searchedWithData: 'Paginated<UserWithCustomData>',
  batchedWithData: 'UserDetailWithCustomData[]',
};

const sample = `
import { AuthenticationClient, ManagementClient } from '../../src/index.js';
declare const management: ManagementClient;
declare const auth: AuthenticationClient;
export async function sample() {
  const usersClient = management.users;
  const aclClient = management.acl;
  const users = await management.users.list();
  const created = await management.users.create({ username: 'alice' });
  const updated = await management.users.update(created.id, { nickname: 'Alice' });
  const detail = await management.users.detail(created.id);
  const searched = await management.users.search('ali');
  const batched = await management.users.batch([created.id]);
  const userLoginStatus = await management.users.checkLoginStatus(created.id);
  const departments = await management.users.listDepartment(created.id);
  const orgChains = await management.users.listOrgs(created.id);
  const userRoles = await management.users.listRoles(created.id);
  const userGroups = await management.users.listGroups(created.id);
  const userResources = await management.users.listAuthorizedResources(created.id);
  const deleted = await management.users.delete(created.id);
  const createInput = {} as Parameters<typeof management.users.create>[0];
  const role = await management.roles.create('reader');
  const roleParent = role.parent;
  const roleUsers = await management.roles.listUsers('reader');
  const group = await management.groups.detail('staff');
  const org = await management.org.findById('o');
  const rootNode = org.rootNode;
  const members = await management.org.listMembers(rootNode.id);
  const added = await management.org.addMembers(rootNode.id, [created.id]);
  const renamed = await management.org.updateNode(rootNode.id, { name: 'Root' });
  const namespaces = await management.acl.listNamespaces();
  const targets = await management.acl.getAuthorizedTargets({ namespace: 'n', resource: 'books', resourceType: 'DATA' });
  const resources = await management.acl.listResources();
  const accounts = await management.acl.programmaticAccessAccountList('app');
  const records = await management.acl.getApplicationAccessPolicies({ appId: 'app' });
  const app = await management.acl.updateDefaultApplicationAccessPolicy({ appId: 'app', defaultStrategy: 'DENY_ALL' });
  const strategy = app.permissionStrategy;
  const loggedIn = await auth.loginByUsername('alice', 's3cret!');
  const registered = await auth.registerByEmail('alice@example.com', 's3cret!');
  const current = await auth.getCurrentUser();
  const loginStatus = await auth.checkLoginStatus();
  const profileUpdates = {} as Parameters<typeof auth.updateProfile>[0];
  const registerProfile = undefined as Parameters<typeof auth.registerByUsername>[2];
  const udfClient = management.udf;
  const udfField = await management.udf.set('USER', 'school', 'STRING', 'School');
  const udfFields = await management.udf.list('USER');
  const udvItems = await management.users.setUdfValue(created.id, { school: 'MIT' });
  const customData = await management.roles.getUdfValue(role.id);
  const customDataBatch = await management.users.getUdfValueBatch([created.id]);
  const usersWithData = await management.users.list(1, 10, { withCustomData: true });
  const createdWithData = await management.users.create({ username: 'bob' }, { customData: { school: 'MIT' } });
  const detailWithData = await management.users.detail(created.id, { withCustomData: true });
  const foundWithData = await management.users.find({ username: 'alice', withCustomData: true });
  const searchedWithData = await management.users.search('ali', { withCustomData: true });
  const batchedWithData = await management.users.batch([created.id], { withCustomData: true });
  return [${Object.keys(expected).join(', ')}];
}
`;

let service: ts.LanguageService;
/** Each sample variable's name node. */
const names = new Map<string, ts.Identifier>();

beforeAll(() => {
  const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const read = (file: string) => (file === sampleFile ? sample : ts.sys.readFile(file));
  service = ts.createLanguageService({
    getCompilationSettings: () => ({ ...options, noEmit: true }),
    getScriptFileNames: () => [sampleFile],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === sampleFile || ts.sys.fileExists(file),
    readFile: read,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  const source = service.getProgram()?.getSourceFile(sampleFile);
  if (!source) throw new Error('the sample file is not in the program');
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) names.set(node.name.text, node.name);
    ts.forEachChild(node, visit);
  };
  visit(source);
});

describe('hover names of the public API', () => {
  it('the sample compiles against src/index.ts', () => {
    const diagnostics = service.getSemanticDiagnostics(sampleFile).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it.each(Object.entries(expected))('%s is shown as %s', (name, typeName) => {
    const node = names.get(name);
    if (!node) throw new Error(`no sample variable ${name}`);
    const checker = service.getProgram()!.getTypeChecker();
    expect(checker.typeToString(checker.getTypeAtLocation(node))).toBe(typeName);
    const hover = service.getQuickInfoAtPosition(sampleFile, node.getStart());
    expect(ts.displayPartsToString(hover?.displayParts)).toBe(`const ${name}: ${typeName}`);
  });
});
