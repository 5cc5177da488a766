/**
 * `auth.principal`: real-name authentication of the session user, stored per user, with the
 * official SDK's wire body and answer, format and check-digit validation, and one authentication per user.
 */
import { AuthingAuthenticationError, AuthingValidationError, type PrincipalInput } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const PASSWORD = 'principal-pass-1';
const ID_CARD = '11010519491231002X';
const BANK_CARD = '6222020200001234567';
const CREDIT_CODE = '91350100M000100Y43';

const newSession = async () => {
  const username = uid('p');
  const { id } = await h.management.users.create({ username, password: PASSWORD });
  const auth = h.authentication();
  await auth.loginByUsername(username, PASSWORD);
  return { id, auth };
};

let poolId = '';
beforeAll(() => {
  poolId = h.server.userPoolId;
});

describe('principal authentication of the current user', () => {
  it('authenticates a person once: detail is null before, the record after, per user', async () => {
    const { id, auth } = await newSession();
    await expect(auth.principal.detail()).resolves.toBeNull();
    const detail = await auth.principal.authenticate({ type: 'P', name: '张三', idCard: ID_CARD.toLowerCase(), bankCard: BANK_CARD });
    expect(detail).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      userId: id,
      userPoolId: poolId,
      principalType: 'P',
      principalName: '张三',
      principalCode: ID_CARD,
      authenticationTime: expect.any(String),
      createdAt: detail.authenticationTime,
      updatedAt: detail.authenticationTime,
    });
    expect(Date.parse(detail.authenticationTime)).toBeGreaterThan(Date.now() - 60_000);
    await expect(auth.principal.detail()).resolves.toEqual(detail);

    const sent = h.requests.filter((r) => r.url.endsWith('/api/v2/users/principal_authentication'));
    expect(sent.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
    expect(JSON.parse(sent[1]?.body ?? '{}')).toEqual({ type: 'P', name: '张三', idCard: ID_CARD.toLowerCase(), ext: BANK_CARD });
    expect(JSON.stringify(await auth.principal.detail())).not.toContain(BANK_CARD);

    const second = await failure(auth.principal.authenticate({ type: 'E', enterpriseName: 'Example Ltd.', enterpriseCode: CREDIT_CODE, legalPersonName: '李四' }));
    expect(second).toMatchObject({ code: 3854, message: '该用户已完成主体认证' });
    await expect(auth.principal.detail()).resolves.toEqual(detail);

    // Another user's record is its own.
    const other = await newSession();
    await expect(other.auth.principal.detail()).resolves.toBeNull();
  });

  it('authenticates an enterprise by unified social credit code, registration number or organization code', async () => {
    for (const enterpriseCode of [CREDIT_CODE, '110108000000016', 'D2143569-X']) {
      const { id, auth } = await newSession();
      const detail = await auth.principal.authenticate({ type: 'E', enterpriseName: 'Example Ltd.', enterpriseCode, legalPersonName: '李四' });
      expect(detail).toMatchObject({ userId: id, principalType: 'E', principalName: 'Example Ltd.', principalCode: enterpriseCode });
    }
  });

  it('refuses malformed numbers and missing fields, in the chosen language, and stores nothing', async () => {
    const { auth } = await newSession();
    const cases: Array<[PrincipalInput, number]> = [
      [{ type: 'P', name: '张三', idCard: '110105194912310021', bankCard: BANK_CARD }, 3851], // wrong check digit
      [{ type: 'P', name: '张三', idCard: '11010519491331002X', bankCard: BANK_CARD }, 3851], // month 13
      [{ type: 'P', name: '张三', idCard: '1101051949123100', bankCard: BANK_CARD }, 3851],
      [{ type: 'P', name: '张三', idCard: ID_CARD, bankCard: '1234' }, 3852],
      [{ type: 'E', enterpriseName: 'Example Ltd.', enterpriseCode: '91350100M000100Y44', legalPersonName: '李四' }, 3853],
      [{ type: 'E', enterpriseName: 'Example Ltd.', enterpriseCode: 'D2143569-1', legalPersonName: '李四' }, 3853],
      [{ type: 'P', name: '  ', idCard: ID_CARD, bankCard: BANK_CARD }, 400],
      [{ type: 'E', enterpriseName: 'Example Ltd.', enterpriseCode: CREDIT_CODE, legalPersonName: '' }, 400],
    ];
    for (const [input, code] of cases) {
      expect((await failure(auth.principal.authenticate(input))).code, JSON.stringify(input)).toBe(code);
    }
    await expect(auth.principal.detail()).resolves.toBeNull();

    const en = await newSession();
    const english = await failure(en.auth.principal.authenticate({ type: 'P', name: 'Zhang', idCard: '123', bankCard: BANK_CARD }, { headers: { 'x-authing-lang': 'en-US' } }));
    expect(english).toMatchObject({ code: 3851, message: 'The resident id number is not valid' });
    const before = h.requests.length;
    expect(await failure(en.auth.principal.authenticate({ type: 'X' } as unknown as PrincipalInput))).toBeInstanceOf(AuthingValidationError);
    expect(h.requests.length).toBe(before);
    const raw = await fetch(`${h.server.url}/api/v2/users/principal_authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${en.auth.getToken()}` },
      body: JSON.stringify({ type: 'X', name: 'a', idCard: 'b', ext: 'c' }),
    });
    expect(((await raw.json()) as { code: number }).code).toBe(400);
  });

  it('needs a session', async () => {
    expect(await failure(h.authentication().principal.detail())).toBeInstanceOf(AuthingAuthenticationError);
    const anonymous = await fetch(`${h.server.url}/api/v2/users/principal_authentication`, { headers: { 'x-authing-app-id': h.server.appId } });
    expect(((await anonymous.json()) as { code: number }).code).toBe(2020);
  });
});
