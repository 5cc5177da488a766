import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const PASSWORD = 'tr0ub4dor&3';

/** Waits until the clock moved past `t`, so time-range filters have a clean edge. */
async function tick(): Promise<number> {
  const t = Date.now();
  while (Date.now() <= t) await new Promise((r) => setTimeout(r, 2));
  return Date.now();
}

describe('user actions', () => {
  it('records register, login success and failure, profile and password changes and logout, filtered by user, IP, name, time and page', async () => {
    const auth = h.authentication();
    const username = uid('aud');
    const before = await tick();
    const user = await auth.registerByUsername(username, PASSWORD);
    await auth.loginByUsername(username, PASSWORD, { clientIp: '10.1.2.3' });
    const wrong = await failure(h.authentication().loginByUsername(username, 'not-the-password', { clientIp: '10.9.9.9' }));
    expect(wrong.code).toBe(2333);
    await auth.updateProfile({ nickname: 'Audited' });
    await auth.updatePassword('n3w-Passw0rd!', PASSWORD);
    await auth.logout();
    const after = await tick();

    const mine = await h.management.statistics.listUserActions({ userIds: [user.id], limit: 50 });
    expect(mine.totalCount).toBe(6);
    // Newest first.
    expect(mine.list.map((a) => a.operationName)).toEqual(['logout', 'updatePassword', 'updateUserinfo', 'login', 'login', 'register']);
    expect(mine.list.every((a) => a.userId === user.id && a.username === username && a.userpoolId === h.server.userPoolId)).toBe(true);
    expect(mine.list.every((a) => a.appId === h.server.appId && typeof a.appName === 'string')).toBe(true);
    expect(mine.list[0]?.operationDesc).toBe('退出登录');
    expect(mine.list.every((a) => Date.parse(a.timestamp) >= before && Date.parse(a.timestamp) <= after)).toBe(true);

    const byIp = await h.management.statistics.listUserActions({ clientIp: '10.9.9.9' });
    expect(byIp.totalCount).toBe(1);
    expect(byIp.list[0]).toMatchObject({ operationName: 'login', userId: user.id, clientIp: '10.9.9.9' });

    const logins = await h.management.users.listUserActions({ userIds: [user.id], operationNames: ['login', 'register'] });
    expect(logins.list.map((a) => a.operationName)).toEqual(['login', 'login', 'register']);

    const page2 = await h.management.statistics.listUserActions({ userIds: [user.id], page: 2, limit: 4 });
    expect(page2.totalCount).toBe(6);
    expect(page2.list.map((a) => a.operationName)).toEqual(['login', 'register']);

    expect((await h.management.statistics.listUserActions({ userIds: [user.id], start: after + 1 })).totalCount).toBe(0);
    expect((await h.management.statistics.listUserActions({ userIds: [user.id], end: before - 1 })).totalCount).toBe(0);
    expect((await h.management.statistics.listUserActions({ userIds: [user.id], appIds: ['no-such-app'] })).totalCount).toBe(0);
    expect((await h.management.statistics.listUserActions({ userIds: [user.id], excludeNonAppRecords: true })).totalCount).toBe(6);
  });

  it('sends the official query keys, operator ARNs with the pool id', async () => {
    await h.management.statistics.listUserActions({ userIds: ['u1'], operationNames: ['login', 'logout'], clientIp: '1.2.3.4', excludeNonAppRecords: true, appIds: ['a1'], start: 5, end: 9 });
    const url = new URL(h.requests.findLast((r) => r.url.includes('/api/v2/analysis/user-action'))?.url ?? '');
    expect(url.searchParams.getAll('operation_name[]')).toEqual(['login', 'logout']);
    expect(url.searchParams.getAll('operator_arn[]')).toEqual([`arn:cn:authing:${h.server.userPoolId}:user:u1`]);
    expect(url.searchParams.get('clientip')).toBe('1.2.3.4');
    expect(url.searchParams.get('exclude_non_app_records')).toBe('1');
    expect(url.searchParams.getAll('app_id[]')).toEqual(['a1']);
    expect([url.searchParams.get('start'), url.searchParams.get('end')]).toEqual(['5', '9']);
  });

  it('userAction.list filters by one operation name and one operator ARN, answering the records', async () => {
    const auth = h.authentication();
    const username = uid('ua');
    const user = await auth.registerByUsername(username, PASSWORD);
    await auth.loginByUsername(username, PASSWORD, { clientIp: '10.4.4.4' });
    const arn = `arn:cn:authing:${h.server.userPoolId}:user:${user.id}`;
    const page = await h.management.userAction.list({ operatoArn: arn, operationName: 'login' });
    expect(page.totalCount).toBe(1);
    expect(page.list[0]).toMatchObject({ userpool_id: h.server.userPoolId, user: { id: user.id, displayName: username }, geoip: { ip: '10.4.4.4' }, operation_name: 'login', success: true });
    const url = new URL(h.requests.findLast((r) => r.url.includes('/api/v2/analysis/user-action'))?.url ?? '');
    expect([url.searchParams.get('operator_arn'), url.searchParams.get('operation_name')]).toEqual([arn, 'login']);
    expect((await h.management.userAction.list({ operatoArn: arn, clientIp: '10.4.4.5' })).totalCount).toBe(0);
  });

  it('is management only', async () => {
    const auth = h.authentication();
    const username = uid('aud');
    await auth.registerByUsername(username, PASSWORD);
    await auth.loginByUsername(username, PASSWORD);
    const refused = await failure(
      h.management.statistics.listUserActions({}, { headers: { authorization: `Bearer ${auth.getToken() ?? ''}` } }),
    );
    expect(refused.code).toBe(403);
  });
});

describe('audit logs', () => {
  it('records management changes with operator, operation and resource, filtered by name, operator and page', async () => {
    const username = uid('adm');
    const created = await h.management.users.create({ username, password: PASSWORD });
    await h.management.users.update(created.id, { nickname: 'Changed' });
    await h.management.users.delete(created.id);

    const logs = await h.management.statistics.listAuditLogs({ operationNames: ['createUser', 'updateUser', 'deleteUser'], limit: 50 });
    const ofUser = logs.list.filter((l) => l.resourceDesc === created.id);
    expect(ofUser.map((l) => l.operationName)).toEqual(['deleteUser', 'updateUser', 'createUser']);
    expect(ofUser[0]).toMatchObject({
      userpoolId: h.server.userPoolId,
      operatorType: 'admin',
      operatorId: h.server.userPoolId,
      resourceType: 'user',
      resource_arn: `arn:cn:authing:${h.server.userPoolId}:user:${created.id}`,
      clientIp: '127.0.0.1',
    });
    expect(typeof ofUser[0]?.operatorName).toBe('string');

    const creates = await h.management.statistics.listAuditLogs({ operationNames: ['createUser'], limit: 1 });
    expect(creates.list).toHaveLength(1);
    expect(creates.totalCount).toBeGreaterThanOrEqual(1);
    expect(creates.list[0]?.resourceDesc).toBe(created.id);

    const byOperator = await h.management.statistics.listAuditLogs({ userIds: [h.server.userPoolId], operationNames: ['deleteUser'] });
    expect(byOperator.list.map((l) => l.resourceDesc)).toContain(created.id);
    expect((await h.management.statistics.listAuditLogs({ userIds: ['someone-else'] })).totalCount).toBe(0);
    const url = new URL(h.requests.findLast((r) => r.url.includes('/api/v2/analysis/audit'))?.url ?? '');
    expect(url.searchParams.getAll('operator_arn[]')).toEqual(['arn:cn:authing:user:someone-else']);
  });

  it('records no user actions for management calls, and no audit records for end-user ones', async () => {
    const auth = h.authentication();
    const username = uid('sep');
    const user = await auth.registerByUsername(username, PASSWORD);
    const audit = await h.management.statistics.listAuditLogs({ limit: 200 });
    expect(audit.list.some((l) => l.resourceDesc === user.id)).toBe(false);
    await h.management.users.update(user.id, { nickname: 'ByAdmin' });
    const actions = await h.management.statistics.listUserActions({ userIds: [user.id] });
    expect(actions.list.map((a) => a.operationName)).toEqual(['register']);
  });
});

describe('counts from the records', () => {
  it('counts the distinct users who logged into the app, and those of them holding a user-defined field', async () => {
    const appId = h.server.appId;
    const key = uid('fld').replaceAll('-', '_');
    await h.management.udf.set('USER', key, 'STRING', 'Field');
    const before = await h.management.users.getApplicationLoginUserNum({ appId });
    const a = uid('cnt');
    const b = uid('cnt');
    const userA = await h.authentication().registerByUsername(a, PASSWORD);
    await h.authentication().registerByUsername(b, PASSWORD);
    await h.authentication().loginByUsername(a, PASSWORD);
    await h.authentication().loginByUsername(a, PASSWORD);
    await h.authentication().loginByUsername(b, PASSWORD);
    await failure(h.authentication().loginByUsername(b, 'wrong-password'));
    expect(await h.management.users.getApplicationLoginUserNum({ appId })).toBe(before + 2);
    expect(await h.management.users.getApplicationLoginUserNum({ appId: 'no-such-app' })).toBe(0);

    expect(await h.management.users.getUdfFieldUserNum({ definedFieldKey: key, appId })).toBe(0);
    await h.management.users.setUdfValue(userA.id, { [key]: 'x' });
    expect(await h.management.users.getUdfFieldUserNum({ definedFieldKey: key, appId })).toBe(1);
    const missing = await failure(h.management.users.getUdfFieldUserNum({ definedFieldKey: '', appId }));
    expect(missing.code).toBe(400);
  });
});
