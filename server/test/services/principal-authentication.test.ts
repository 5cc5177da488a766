import { describe, expect, it } from 'vitest';
import { authenticatePrincipal, getPrincipal, isEnterpriseCode, isResidentIdNumber } from '../../src/services/principal-authentication.js';
import { createUser, deleteUser } from '../../src/services/users.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { expectCode } from './helpers.js';
import { testDatabase } from '../support/databases.js';

async function fixture() {
  const store = await Store.open(testDatabase());
  const pool = await ensureDefaultPool(store);
  const ctx = { store, poolId: pool.userPoolId };
  const user = await createUser(ctx, { username: 'principal-user' });
  return { store, ctx, userId: user.id };
}

/** The 17 digits with their GB 11643 check character. */
function withCheck(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[weights.reduce((sum, w, i) => sum + w * Number(body[i]), 0) % 11];
}

describe('principal authentication', () => {
  it('checks resident id numbers: check character, birth date, length', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(isResidentIdNumber('11010519490230002X')).toBe(false); // 30 February
    expect(isResidentIdNumber('01010519491231002X')).toBe(false);
    // Well formed with the right check character: born in 2000 it is valid, born next year not.
    expect(isResidentIdNumber(withCheck('11010520000101001'))).toBe(true);
    expect(isResidentIdNumber(withCheck(`110105${new Date().getUTCFullYear() + 1}0101001`))).toBe(false);
  });

  it('checks enterprise codes: GB 32100 credit codes, registration numbers, GB 11714 organization codes', () => {
    expect(isEnterpriseCode('91350100M000100Y43')).toBe(true);
    expect(isEnterpriseCode('91350100M000100Y44')).toBe(false);
    expect(isEnterpriseCode('91350100I000100Y43')).toBe(false); // I is not a code character
    expect(isEnterpriseCode('110108000000016')).toBe(true);
    expect(isEnterpriseCode('D2143569X')).toBe(true);
    expect(isEnterpriseCode('D2143569-2')).toBe(false);
  });

  it('stores one record per user, refuses a second (3854), keeps no bank card, and goes with its user', async () => {
    const { store, ctx, userId } = await fixture();
    await expect(getPrincipal(ctx, userId)).resolves.toBeNull();
    const detail = await authenticatePrincipal(ctx, userId, { type: 'P', name: ' 张三 ', idCard: '11010519491231002x', ext: '6222020200001234567' });
    expect(detail).toMatchObject({ userId, principalType: 'P', principalName: '张三', principalCode: '11010519491231002X' });
    await expectCode(authenticatePrincipal(ctx, userId, { type: 'P', name: '张三', idCard: '11010519491231002X', ext: '6222020200001234567' }), 3854);
    const rows = await store.db.selectFrom('principal_authentications').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('6222020200001234567');
    await deleteUser(ctx, userId);
    expect(await store.db.selectFrom('principal_authentications').selectAll().execute()).toEqual([]);
  });

  it('refuses bad input without writing', async () => {
    const { store, ctx, userId } = await fixture();
    await expectCode(authenticatePrincipal(ctx, userId, { type: 'Q', name: 'a', idCard: 'b', ext: 'c' }), 400);
    await expectCode(authenticatePrincipal(ctx, userId, { type: 'P', name: '张三', idCard: null, ext: '6222020200001234567' }), 400);
    await expectCode(authenticatePrincipal(ctx, userId, { type: 'P', name: 'x'.repeat(129), idCard: '11010519491231002X', ext: '6222020200001234567' }), 400);
    await expectCode(authenticatePrincipal(ctx, userId, { type: 'P', name: '张三', idCard: '11010519491231002X', ext: '62220202' }), 3852);
    await expectCode(authenticatePrincipal(ctx, userId, { type: 'E', name: 'Example', idCard: '123456789', ext: '李四' }), 3853);
    expect(await store.db.selectFrom('principal_authentications').selectAll().execute()).toEqual([]);
  });
});
