/** Decoding custom-data values as the official SDK's `convertUdvToKeyValuePair` does, once, by `dataType`. */
import { describe, expect, it } from 'vitest';
import { decodeCustomData, decodeItem, decodeMembers } from '../../src/clients/custom-data.js';
import { AuthingApiError } from '../../src/index.js';

describe('custom-data decoding', () => {
  it('decodes each data type', () => {
    const at = new Date('2021-01-02T03:04:05.006Z');
    expect(decodeItem({ key: 's', dataType: 'STRING', value: '"kept as is"', label: null })).toEqual({ key: 's', dataType: 'STRING', value: '"kept as is"', label: null });
    expect(decodeItem({ key: 'n', dataType: 'NUMBER', value: '-1.5', label: 'N' }).value).toBe(-1.5);
    expect(decodeItem({ key: 'b', dataType: 'BOOLEAN', value: 'false', label: null }).value).toBe(false);
    expect(decodeItem({ key: 'd', dataType: 'DATETIME', value: String(at.getTime()), label: null }).value).toEqual(at);
    expect(decodeItem({ key: 'd', dataType: 'DATETIME', value: at.toISOString(), label: null }).value).toEqual(at);
    expect(decodeItem({ key: 'o', dataType: 'OBJECT', value: '{"a":[1]}', label: null }).value).toEqual({ a: [1] });
    expect(decodeItem({ key: 'c', dataType: 'SELECT', value: 'x', label: null }).value).toBe('x');
  });

  it('reports a value that is not JSON as a typed error', () => {
    expect(() => decodeItem({ key: 'n', dataType: 'NUMBER', value: 'eighteen', label: null })).toThrow(AuthingApiError);
  });

  it('turns a user customData list into { key: value }, skipping items without a value', () => {
    expect(
      decodeCustomData([
        { key: 'age', value: '18', dataType: 'NUMBER', label: 'Age' },
        { key: 'gone', value: null, dataType: 'STRING', label: null },
        null,
        { key: 'vip', value: 'true', dataType: 'BOOLEAN' },
      ]),
    ).toEqual({ age: 18, vip: true });
    expect(decodeCustomData(null)).toEqual({});
  });

  it('decodes each member of a …WithCustomData page, keeping its other fields', () => {
    const user = { id: 'u1', username: 'alice' } as Parameters<typeof decodeMembers>[0]['list'][number];
    const page = decodeMembers({
      totalCount: 7,
      list: [
        { ...user, customData: [{ key: 'age', value: '18', dataType: 'NUMBER', label: 'Age' }, null] },
        { ...user, id: 'u2', customData: null },
      ],
    });
    expect(page).toEqual({ totalCount: 7, list: [{ ...user, customData: { age: 18 } }, { ...user, id: 'u2', customData: {} }] });
  });
});
