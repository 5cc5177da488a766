/**
 * Custom data with the official authing-js-sdk 4.23.55 against authing-local: its real udf and
 * udv methods (which JSON-encode every value they send and decode by `dataType`), read back
 * through both SDKs.
 */
import { ManagementClient } from 'authing-js-sdk';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { ManagementClient as OurManagementClient } from 'authing-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: LocalAuthing;
let official: ManagementClient;
let ours: OurManagementClient;
const suffix = Date.now().toString(36);
// The official SDK types these as its own enums; the wire values are the strings.
const USER = 'USER' as never;
const ROLE = 'ROLE' as never;

beforeAll(async () => {
  server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
  official = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
  ours = new OurManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
});
afterAll(async () => {
  await server?.close();
});

describe('official authing-js-sdk 4.23.55: custom data', () => {
  it('defines fields, writes values of every type, and reads them back through both SDKs', async () => {
    const fields = [
      ['school', 'STRING', '学校'],
      ['age', 'NUMBER', '年龄'],
      ['born', 'DATETIME', '生日'],
      ['vip', 'BOOLEAN', 'VIP'],
      ['meta', 'OBJECT', '其他'],
    ] as const;
    for (const [key, dataType, label] of fields) {
      const field = await official.udf.set(USER, key, dataType as never, label);
      expect(field).toMatchObject({ targetType: 'USER', key, dataType, label });
    }
    expect((await official.udf.list(USER)).map((f: { key: string }) => f.key)).toEqual(fields.map(([key]) => key));

    const user = await official.users.create({ username: `udf_${suffix}` });
    const born = new Date('1999-12-31T23:59:59.000Z');
    const values = { school: '清华大学', age: 18, born, vip: true, meta: { city: '北京', tags: ['a'] } };
    await official.users.setUdfValue(user.id, values);

    // The official SDK's own decoding (STRING as is, JSON.parse, Date) gives back what it sent.
    expect(await official.users.getUdfValue(user.id)).toEqual(values);
    expect(await official.users.getUdfValueBatch([user.id])).toEqual({ [user.id]: values });
    const listed = await official.udf.listUdv(USER, user.id);
    expect(listed.map((i: { key: string; value: unknown }) => [i.key, i.value])).toEqual(Object.entries(values));
    // And ours reads the same values, a STRING without quotes.
    await expect(ours.users.getUdfValue(user.id)).resolves.toEqual(values);
    expect((await ours.udf.listUdv('USER', user.id)).find((i) => i.key === 'school')?.value).toBe('清华大学');

    // The …WithCustomData twins the official SDK sends.
    const page = await official.users.list(1, 50, { withCustomData: true });
    expect(page.list.find((u: { id: string }) => u.id === user.id)?.customData).toEqual(values);
    const detail = await official.users.detail(user.id, { withCustomData: true });
    expect(detail.customData).toEqual(values);
    const found = await official.users.find({ username: `udf_${suffix}`, withCustomData: true });
    expect(found.customData).toEqual(values);

    // Values written by ours read back right through the official SDK.
    await ours.users.setUdfValue(user.id, { school: 'MIT', age: 21.5 });
    expect(await official.users.getUdfValue(user.id)).toMatchObject({ school: 'MIT', age: 21.5, vip: true });

    // udf.setUdvBatch, removeUdfValue, udf.remove.
    const batch = await official.udf.setUdvBatch(USER, user.id, [{ key: 'vip', value: false }]);
    expect(batch.find((i: { key: string }) => i.key === 'vip')).toMatchObject({ dataType: 'BOOLEAN', value: false });
    await official.users.removeUdfValue(user.id, 'meta');
    await official.udf.remove(USER, 'born');
    expect(await official.users.getUdfValue(user.id)).toEqual({ school: 'MIT', age: 21.5, vip: false });
    expect((await official.udf.list(USER)).map((f: { key: string }) => f.key)).not.toContain('born');

    // A value of the wrong type is refused with the typed code, and nothing is written.
    const error = await official.users.setUdfValue(user.id, { school: 'ETH', age: 'old' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3803 });
    expect(await official.users.getUdfValue(user.id)).toMatchObject({ school: 'MIT', age: 21.5 });
  });

  it('role custom data and the role / group member twins', async () => {
    await official.udf.set(ROLE, 'floor', 'NUMBER' as never, '楼层');
    const role = (await official.roles.create(`udf_role_${suffix}`)) as { id: string; code: string };
    await official.roles.setUdfValue(role.id, { floor: 3 });
    expect(await official.roles.getUdfValue(role.id)).toEqual({ floor: 3 });
    expect(await official.roles.getSpecificUdfValue(role.id, 'floor')).toEqual({ floor: 3 });
    await official.roles.setUdfValueBatch([{ roleId: role.id, data: { floor: 4 } }]);
    expect(await official.roles.getUdfValueBatch([role.id])).toEqual({ [role.id]: { floor: 4 } });
    await expect(ours.roles.getUdfValue(role.id)).resolves.toEqual({ floor: 4 });
    await official.roles.removeUdfValue(role.id, 'floor');
    expect(await official.roles.getUdfValue(role.id)).toEqual({});

    await official.udf.set(USER, 'team', 'STRING' as never, '团队');
    const user = await official.users.create({ username: `udf_member_${suffix}` });
    await official.users.setUdfValue(user.id, { team: 'blue' });
    await official.roles.addUsers(role.code, [user.id]);
    const members = await official.roles.listUsers(role.code, { withCustomData: true });
    expect((members.list ?? []).map((u) => u?.customData)).toEqual([{ team: 'blue' }]);
    const group = (await official.groups.create(`udf_group_${suffix}`, 'G')) as { code: string };
    await official.groups.addUsers(group.code, [user.id]);
    const groupMembers = await official.groups.listUsers(group.code, { withCustomData: true });
    expect((groupMembers.list ?? []).map((u) => u?.customData)).toEqual([{ team: 'blue' }]);
  });
});
