/**
 * The official authing-js-sdk 4.23.55 against authing-local's action logs: `users.listUserActions`
 * (the `operation_name[]` / `operator_arn[]` query and its camelCase mapping) and
 * `statistics.listUserActions` / `listAuditLogs` (4.23.55 sends `eventType`, `userId`, `app_id` and
 * reads the records as they come, in the `AuditLog` shape).
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const PASSWORD = 'pa55word!';

/** What 4.23.55's `users.listUserActions` returns at run time (its declarations say `UserAction`, the raw record, but it maps each one). */
interface MappedUserAction {
  userpoolId: string;
  userId?: string;
  username?: string;
  clientIp: string;
  operationName: string;
  operationDesc: string;
  timestamp: string;
  appId?: string;
}
const mapped = (page: { list: unknown[] }) => page.list as MappedUserAction[];

describe('official SDK: user action and audit logs', () => {
  it('lists the user actions of a user, by operation name, IP, application and page', async () => {
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const username = `audit_${h.suffix}`;
    const user = await auth.registerByUsername(username, PASSWORD);
    await auth.loginByUsername(username, PASSWORD, { clientIp: '10.7.7.7' });
    await expect(new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url }).loginByUsername(username, 'wrong-password')).rejects.toBeTruthy();

    const all = await h.management.users.listUserActions({ userIds: [user.id] });
    expect(all.totalCount).toBe(3);
    expect(mapped(all).map((a) => a.operationName)).toEqual(['login', 'login', 'register']);
    expect(mapped(all)[2]).toMatchObject({ userpoolId: h.server.userPoolId, userId: user.id, username, appId: h.server.appId, operationDesc: '注册' });
    expect(Number.isNaN(Date.parse(mapped(all)[2]!.timestamp))).toBe(false);

    const byIp = await h.management.users.listUserActions({ clientIp: '10.7.7.7', operationNames: ['login'] });
    expect(byIp.list).toHaveLength(1);
    expect(mapped(byIp)[0]).toMatchObject({ userId: user.id, clientIp: '10.7.7.7', operationName: 'login' });
    const registers = await h.management.users.listUserActions({ userIds: [user.id], operationNames: ['register'], excludeNonAppRecords: true, appIds: [h.server.appId] });
    expect(registers.totalCount).toBe(1);
    const paged = await h.management.users.listUserActions({ userIds: [user.id], page: 2, limit: 2 });
    expect(mapped(paged).map((a) => a.operationName)).toEqual(['register']);

    const logins = await h.management.statistics.listUserActions({ userId: user.id, eventType: 'login', appId: h.server.appId });
    expect(logins.totalCount).toBe(2);
    expect(logins.list[1]).toMatchObject({ userPoolId: h.server.userPoolId, userId: user.id, userName: username, clientIp: '10.7.7.7', eventType: 'login', appId: h.server.appId });
    expect((await h.management.statistics.listUserActions({ userId: user.id, start: Date.now() + 60_000 })).totalCount).toBe(0);
  });

  it('lists the audit records of management changes', async () => {
    const created = await h.management.users.create({ username: `audited_${h.suffix}`, password: PASSWORD });
    await h.management.users.delete(created.id);
    const deletes = await h.management.statistics.listAuditLogs({ eventType: 'deleteUser', userId: h.server.userPoolId });
    expect(deletes.list[0]).toMatchObject({ userPoolId: h.server.userPoolId, userId: h.server.userPoolId, eventType: 'deleteUser' });
    expect(deletes.list[0]).toMatchObject({ resource_type: 'user', resource_desc: created.id });
    expect((await h.management.statistics.listAuditLogs({ userId: 'nobody' })).totalCount).toBe(0);
  });
});
