import { beforeEach, describe, expect, it } from 'vitest';
import {
  listFields,
  listValues,
  listValuesBatch,
  removeField,
  removeValue,
  setField,
  setValues,
  setValuesBatch,
  storedValue,
  type CustomDataTargetType,
} from '../../src/services/custom-data.js';
import { createGroup, deleteGroups, updateGroup } from '../../src/services/groups.js';
import { addNode, createOrg, deleteNode, deleteOrg } from '../../src/services/orgs.js';
import { createRole, deleteRole } from '../../src/services/roles.js';
import { createUser, deleteUser } from '../../src/services/users.js';
import { expectCode, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

const field = (data_type: string, options: string | null = null) => ({ key: 'k', data_type, options });

/** Rows of udf_values, as `type:target:key=value`, sorted. */
const valueRows = async () =>
  (await f.store.db.selectFrom('udf_values').selectAll().execute()).map((r) => `${r.target_type}:${r.target_id}:${r.key}=${r.value}`).sort();

describe('storedValue: values arrive JSON-encoded and are stored decoded, by the field type', () => {
  it('STRING drops the JSON quotes, keeps a bare string, takes number/boolean text, refuses objects and null', () => {
    expect(storedValue(field('STRING'), JSON.stringify('清华大学'))).toBe('清华大学');
    expect(storedValue(field('STRING'), 'plain')).toBe('plain');
    expect(storedValue(field('STRING'), JSON.stringify('"quoted"'))).toBe('"quoted"');
    expect(storedValue(field('STRING'), '42')).toBe('42');
    expect(() => storedValue(field('STRING'), '{"a":1}')).toThrow(expect.objectContaining({ code: 3803 }));
    expect(() => storedValue(field('STRING'), 'null')).toThrow(expect.objectContaining({ code: 3803 }));
    expect(() => storedValue(field('STRING'), null)).toThrow(expect.objectContaining({ code: 3803 }));
  });

  it('NUMBER takes a JSON number or numeric string and stores its canonical text', () => {
    expect(storedValue(field('NUMBER'), '18')).toBe('18');
    expect(storedValue(field('NUMBER'), '1.50')).toBe('1.5');
    expect(storedValue(field('NUMBER'), JSON.stringify('-7'))).toBe('-7');
    for (const bad of ['"abc"', 'true', '{}', '""', 'null', 'NaN']) {
      expect(() => storedValue(field('NUMBER'), bad), bad).toThrow(expect.objectContaining({ code: 3803 }));
    }
  });

  it('BOOLEAN takes true/false only', () => {
    expect(storedValue(field('BOOLEAN'), 'true')).toBe('true');
    expect(storedValue(field('BOOLEAN'), '"false"')).toBe('false');
    for (const bad of ['1', '"yes"', 'null', '[]']) expect(() => storedValue(field('BOOLEAN'), bad), bad).toThrow(expect.objectContaining({ code: 3803 }));
  });

  it('DATETIME stores milliseconds since the epoch, from a JSON date (JSON.stringify(new Date)) or milliseconds', () => {
    const at = new Date('2021-03-04T05:06:07.089Z');
    expect(storedValue(field('DATETIME'), JSON.stringify(at))).toBe(String(at.getTime()));
    expect(storedValue(field('DATETIME'), String(at.getTime()))).toBe(String(at.getTime()));
    expect(storedValue(field('DATETIME'), JSON.stringify(String(at.getTime())))).toBe(String(at.getTime()));
    for (const bad of ['"not a date"', 'true', '{}', 'null']) expect(() => storedValue(field('DATETIME'), bad), bad).toThrow(expect.objectContaining({ code: 3803 }));
  });

  it('OBJECT stores JSON objects and arrays, nothing else', () => {
    expect(storedValue(field('OBJECT'), '{ "a": [1, 2] }')).toBe('{"a":[1,2]}');
    expect(storedValue(field('OBJECT'), '[1]')).toBe('[1]');
    for (const bad of ['"x"', '1', 'null', 'not json']) expect(() => storedValue(field('OBJECT'), bad), bad).toThrow(expect.objectContaining({ code: 3803 }));
  });

  it('SELECT keeps strings and, with options, only those', () => {
    expect(storedValue(field('SELECT', '[{"value":"a","label":"A"},{"value":"b"}]'), '"b"')).toBe('b');
    expect(() => storedValue(field('SELECT', '["a","b"]'), '"c"')).toThrow(expect.objectContaining({ code: 3804 }));
    expect(storedValue(field('SELECT'), '"anything"')).toBe('anything');
  });
});

describe('custom-data service', () => {
  it('defines fields per target type: create, update, list in order, refusals', async () => {
    await setField(f.ctx, { targetType: 'USER', key: 'school', dataType: 'STRING', label: 'School' });
    await setField(f.ctx, { targetType: 'USER', key: 'age', dataType: 'NUMBER', label: 'Age' });
    await setField(f.ctx, { targetType: 'ROLE', key: 'school', dataType: 'BOOLEAN', label: 'Other type, same key' });
    const updated = await setField(f.ctx, { targetType: 'USER', key: 'school', dataType: 'STRING', label: 'University', options: '{"x":1}' });
    expect(updated).toEqual({ targetType: 'USER', key: 'school', dataType: 'STRING', label: 'University', options: '{"x":1}' });
    expect((await listFields(f.ctx, 'USER')).map((x) => [x.key, x.dataType, x.label])).toEqual([
      ['school', 'STRING', 'University'],
      ['age', 'NUMBER', 'Age'],
    ]);
    expect(await listFields(f.ctx, 'ROLE')).toEqual([{ targetType: 'ROLE', key: 'school', dataType: 'BOOLEAN', label: 'Other type, same key', options: null }]);
    await expectCode(setField(f.ctx, { targetType: 'USER', key: ' ', dataType: 'STRING', label: 'x' }), 400);
    await expectCode(setField(f.ctx, { targetType: 'USER', key: 'k', dataType: 'STRING', label: '' }), 400);
    await expectCode(setField(f.ctx, { targetType: 'USER', key: 'k', dataType: 'FLOAT', label: 'x' }), 400);
    await expectCode(setField(f.ctx, { targetType: 'APPLICATION', key: 'k', dataType: 'STRING', label: 'x' }), 3801);
    await expectCode(listFields(f.ctx, 'ORG'), 3801);
    await expectCode(listFields(f.ctx, 'toString'), 3801);
    await expectCode(removeField(f.ctx, 'USER', 'missing'), 3802);
  });

  it('one code path for USER, ROLE, GROUP (by code) and NODE: set, read, batch, remove', async () => {
    const user = await createUser(f.ctx, { username: 'alice' });
    const role = await createRole(f.ctx, { code: 'editor' });
    await createGroup(f.ctx, { code: 'staff', name: 'Staff' });
    const org = await createOrg(f.ctx, { name: 'Library' });
    const targets: Record<CustomDataTargetType, string> = { USER: user.id, ROLE: role.id, GROUP: 'staff', NODE: org.rootNode.id };
    for (const [type, id] of Object.entries(targets)) {
      await setField(f.ctx, { targetType: type, key: 'n', dataType: 'NUMBER', label: 'N' });
      await setField(f.ctx, { targetType: type, key: 's', dataType: 'STRING', label: 'S' });
      const after = await setValues(f.ctx, type, id, [
        { key: 's', value: JSON.stringify(`${type} text`) },
        { key: 'n', value: '3' },
      ]);
      expect(after, type).toEqual([
        { key: 'n', dataType: 'NUMBER', value: '3', label: 'N' },
        { key: 's', dataType: 'STRING', value: `${type} text`, label: 'S' },
      ]);
      expect(await listValues(f.ctx, type, id)).toEqual(after);
      expect(await removeValue(f.ctx, type, id, 'n')).toEqual([{ key: 's', dataType: 'STRING', value: `${type} text`, label: 'S' }]);
    }
    const unknown: Record<CustomDataTargetType, number> = { USER: 2004, ROLE: 3202, GROUP: 3302, NODE: 3402 };
    for (const [type, code] of Object.entries(unknown)) {
      await expectCode(listValues(f.ctx, type, 'no-such-target'), code);
      await expectCode(setValues(f.ctx, type, 'no-such-target', [{ key: 's', value: '"x"' }]), code);
    }
    // A renamed group keeps its values: they hang off the id.
    await updateGroup(f.ctx, 'staff', { newCode: 'crew' });
    expect(await listValues(f.ctx, 'GROUP', 'crew')).toEqual([{ key: 's', dataType: 'STRING', value: 'GROUP text', label: 'S' }]);
    await expectCode(listValues(f.ctx, 'GROUP', 'staff'), 3302);
  });

  it('batch writes are all or nothing; batch reads answer per id', async () => {
    const [a, b] = [await createUser(f.ctx, { username: 'a' }), await createUser(f.ctx, { username: 'b' })];
    await setField(f.ctx, { targetType: 'USER', key: 'age', dataType: 'NUMBER', label: 'Age' });
    await setField(f.ctx, { targetType: 'USER', key: 'vip', dataType: 'BOOLEAN', label: 'VIP' });
    await setValuesBatch(f.ctx, 'USER', [
      { targetId: a.id, key: 'age', value: '30' },
      { targetId: b.id, key: 'vip', value: 'true' },
    ]);
    const before = await valueRows();
    await expectCode(setValuesBatch(f.ctx, 'USER', [{ targetId: a.id, key: 'age', value: '31' }, { targetId: b.id, key: 'age', value: '"old"' }]), 3803);
    await expectCode(setValuesBatch(f.ctx, 'USER', [{ targetId: a.id, key: 'age', value: '31' }, { targetId: b.id, key: 'nope', value: '1' }]), 3802);
    await expectCode(setValuesBatch(f.ctx, 'USER', [{ targetId: a.id, key: 'age', value: '31' }, { targetId: 'ghost', key: 'age', value: '1' }]), 2004);
    await expectCode(setValues(f.ctx, 'USER', a.id, [{ key: 'age', value: '31' }, { key: 'age', value: '32' }]), 400);
    expect(await valueRows()).toEqual(before);
    expect(await listValuesBatch(f.ctx, 'USER', [b.id, a.id, b.id])).toEqual([
      { targetId: b.id, data: [{ key: 'vip', dataType: 'BOOLEAN', value: 'true', label: 'VIP' }] },
      { targetId: a.id, data: [{ key: 'age', dataType: 'NUMBER', value: '30', label: 'Age' }] },
    ]);
  });

  it('removing a field removes its values; a type change is refused while values exist', async () => {
    const user = await createUser(f.ctx, { username: 'alice' });
    await setField(f.ctx, { targetType: 'USER', key: 'age', dataType: 'NUMBER', label: 'Age' });
    await setValues(f.ctx, 'USER', user.id, [{ key: 'age', value: '18' }]);
    await expectCode(setField(f.ctx, { targetType: 'USER', key: 'age', dataType: 'STRING', label: 'Age' }), 3805);
    await removeField(f.ctx, 'USER', 'age');
    expect(await valueRows()).toEqual([]);
    expect(await listFields(f.ctx, 'USER')).toEqual([]);
    await expectCode(setValues(f.ctx, 'USER', user.id, [{ key: 'age', value: '18' }]), 3802);
    // Without values the type may change.
    await setField(f.ctx, { targetType: 'USER', key: 'age', dataType: 'NUMBER', label: 'Age' });
    await expect(setField(f.ctx, { targetType: 'USER', key: 'age', dataType: 'STRING', label: 'Age' })).resolves.toMatchObject({ dataType: 'STRING' });
  });

  it('deleting a user, role, group or node deletes its values and nobody else’s', async () => {
    const [gone, kept] = [await createUser(f.ctx, { username: 'gone' }), await createUser(f.ctx, { username: 'kept' })];
    const role = await createRole(f.ctx, { code: 'r' });
    await createGroup(f.ctx, { code: 'g', name: 'G' });
    const org = await createOrg(f.ctx, { name: 'O' });
    const node = await addNode(f.ctx, org.id, null, { name: 'child' });
    const child = await addNode(f.ctx, org.id, node.id, { name: 'grandchild' });
    for (const type of ['USER', 'ROLE', 'GROUP', 'NODE']) await setField(f.ctx, { targetType: type, key: 'k', dataType: 'STRING', label: 'K' });
    const set = (type: string, id: string) => setValues(f.ctx, type, id, [{ key: 'k', value: '"v"' }]);
    await set('USER', gone.id);
    await set('USER', kept.id);
    await set('ROLE', role.id);
    await set('GROUP', 'g');
    await set('NODE', child.id);
    await set('NODE', org.rootNode.id);

    await deleteUser(f.ctx, gone.id);
    await deleteRole(f.ctx, 'r');
    await deleteGroups(f.ctx, ['g']);
    await deleteNode(f.ctx, org.id, node.id);
    expect(await valueRows()).toEqual([`NODE:${org.rootNode.id}:k=v`, `USER:${kept.id}:k=v`].sort());
    await deleteOrg(f.ctx, org.id);
    expect(await valueRows()).toEqual([`USER:${kept.id}:k=v`]);
  });

  it('createUser with params (createUserWithCustomData) writes the values in the same transaction', async () => {
    await setField(f.ctx, { targetType: 'USER', key: 'age', dataType: 'NUMBER', label: 'Age' });
    await setField(f.ctx, { targetType: 'USER', key: 'school', dataType: 'STRING', label: 'School' });
    const user = await createUser(f.ctx, { username: 'py' }, JSON.stringify([{ key: 'age', value: 18 }, { key: 'school', value: 'MIT' }]));
    expect(await listValues(f.ctx, 'USER', user.id)).toEqual([
      { key: 'age', dataType: 'NUMBER', value: '18', label: 'Age' },
      { key: 'school', dataType: 'STRING', value: 'MIT', label: 'School' },
    ]);
    await expectCode(createUser(f.ctx, { username: 'bad' }, JSON.stringify([{ key: 'age', value: 'old' }])), 3803);
    await expectCode(createUser(f.ctx, { username: 'bad' }, '{"age":1}'), 400);
    const names = (await f.store.db.selectFrom('users').select('username').execute()).map((r) => r.username);
    expect(names).not.toContain('bad');
  });
});
