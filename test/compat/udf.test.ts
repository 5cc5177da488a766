/**
 * Custom data with the official authing-js-sdk 4.23.55 against authing-local: its real udf and
 * udv methods (which JSON-encode every value they send and decode by `dataType`), read back
 * through both SDKs.
 */
import { ManagementClient as OurManagementClient } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
// The official SDK types these as its own enums; the wire values are the strings.
const USER = 'USER' as never;
const ROLE = 'ROLE' as never;
let ours: OurManagementClient;

beforeAll(() => {
  ours = new OurManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url });
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
      const field = await h.management.udf.set(USER, key, dataType as never, label);
      expect(field).toMatchObject({ targetType: 'USER', key, dataType, label });
    }
    expect((await h.management.udf.list(USER)).map((f: { key: string }) => f.key)).toEqual(fields.map(([key]) => key));

    const user = await h.management.users.create({ username: `udf_${h.suffix}` });
    const born = new Date('1999-12-31T23:59:59.000Z');
    const values = { school: '清华大学', age: 18, born, vip: true, meta: { city: '北京', tags: ['a'] } };
    await h.management.users.setUdfValue(user.id, values);

    // The official SDK's own decoding (STRING as is, JSON.parse, Date) gives back what it sent.
    expect(await h.management.users.getUdfValue(user.id)).toEqual(values);
    expect(await h.management.users.getUdfValueBatch([user.id])).toEqual({ [user.id]: values });
    const listed = await h.management.udf.listUdv(USER, user.id);
    expect(listed.map((i: { key: string; value: unknown }) => [i.key, i.value])).toEqual(Object.entries(values));
    // And ours reads the same values, a STRING without quotes.
    await expect(ours.users.getUdfValue(user.id)).resolves.toEqual(values);
    expect((await ours.udf.listUdv('USER', user.id)).find((i) => i.key === 'school')?.value).toBe('清华大学');

    // The …WithCustomData twins the official SDK sends.
    const page = await h.management.users.list(1, 50, { withCustomData: true });
    expect(page.list.find((u: { id: string }) => u.id === user.id)?.customData).toEqual(values);
    const detail = await h.management.users.detail(user.id, { withCustomData: true });
    expect(detail.customData).toEqual(values);
    const found = await h.management.users.find({ username: `udf_${h.suffix}`, withCustomData: true });
    expect(found.customData).toEqual(values);

    // Values written by ours read back right through the official SDK.
    await ours.users.setUdfValue(user.id, { school: 'MIT', age: 21.5 });
    expect(await h.management.users.getUdfValue(user.id)).toMatchObject({ school: 'MIT', age: 21.5, vip: true });

    // udf.setUdvBatch, removeUdfValue, udf.remove.
    const batch = await h.management.udf.setUdvBatch(USER, user.id, [{ key: 'vip', value: false }]);
    expect(batch.find((i: { key: string }) => i.key === 'vip')).toMatchObject({ dataType: 'BOOLEAN', value: false });
    await h.management.users.removeUdfValue(user.id, 'meta');
    await h.management.udf.remove(USER, 'born');
    expect(await h.management.users.getUdfValue(user.id)).toEqual({ school: 'MIT', age: 21.5, vip: false });
    expect((await h.management.udf.list(USER)).map((f: { key: string }) => f.key)).not.toContain('born');

    // A value of the wrong type is refused with the typed code, and nothing is written.
    const error = await h.management.users.setUdfValue(user.id, { school: 'ETH', age: 'old' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3803 });
    expect(await h.management.users.getUdfValue(user.id)).toMatchObject({ school: 'MIT', age: 21.5 });
  });

  it('role custom data and the role / group member twins', async () => {
    await h.management.udf.set(ROLE, 'floor', 'NUMBER' as never, '楼层');
    const role = (await h.management.roles.create(`udf_role_${h.suffix}`)) as { id: string; code: string };
    await h.management.roles.setUdfValue(role.id, { floor: 3 });
    expect(await h.management.roles.getUdfValue(role.id)).toEqual({ floor: 3 });
    expect(await h.management.roles.getSpecificUdfValue(role.id, 'floor')).toEqual({ floor: 3 });
    await h.management.roles.setUdfValueBatch([{ roleId: role.id, data: { floor: 4 } }]);
    expect(await h.management.roles.getUdfValueBatch([role.id])).toEqual({ [role.id]: { floor: 4 } });
    await expect(ours.roles.getUdfValue(role.id)).resolves.toEqual({ floor: 4 });
    await h.management.roles.removeUdfValue(role.id, 'floor');
    expect(await h.management.roles.getUdfValue(role.id)).toEqual({});

    await h.management.udf.set(USER, 'team', 'STRING' as never, '团队');
    const user = await h.management.users.create({ username: `udf_member_${h.suffix}` });
    await h.management.users.setUdfValue(user.id, { team: 'blue' });
    await h.management.roles.addUsers(role.code, [user.id]);
    const members = await h.management.roles.listUsers(role.code, { withCustomData: true });
    expect((members.list ?? []).map((u) => u?.customData)).toEqual([{ team: 'blue' }]);
    const group = (await h.management.groups.create(`udf_group_${h.suffix}`, 'G')) as { code: string };
    await h.management.groups.addUsers(group.code, [user.id]);
    const groupMembers = await h.management.groups.listUsers(group.code, { withCustomData: true });
    expect((groupMembers.list ?? []).map((u) => u?.customData)).toEqual([{ team: 'blue' }]);
  });
});
