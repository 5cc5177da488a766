import { describe, expectTypeOf, it } from 'vitest';
import type {
  CommonMessage,
  CustomData,
  CustomDataItem,
  CustomDataObject,
  ManagementClient,
  UdfClient,
  UdfTargetType,
  UserDefinedField,
} from 'authing-ts';

declare const management: ManagementClient;

describe('custom data types', () => {
  it('types the udf client and the users / roles custom-data methods', () => {
    expectTypeOf(management.udf).toEqualTypeOf<UdfClient>();
    expectTypeOf(management.udf.set('USER', 'k', 'NUMBER', 'K')).resolves.toEqualTypeOf<UserDefinedField>();
    expectTypeOf(management.udf.remove('USER', 'k')).resolves.toEqualTypeOf<CommonMessage | null>();
    expectTypeOf(management.udf.list('ROLE')).resolves.toEqualTypeOf<UserDefinedField[]>();
    expectTypeOf(management.udf.listUdv('NODE', 'n')).resolves.toEqualTypeOf<CustomDataItem[]>();
    expectTypeOf(management.users.getUdfValue('u')).resolves.toEqualTypeOf<CustomData>();
    expectTypeOf(management.users.getUdfValueBatch(['u'])).resolves.toEqualTypeOf<Record<string, CustomData>>();
    expectTypeOf(management.roles.getSpecificUdfValue('r', 'k')).resolves.toEqualTypeOf<CustomData>();
    expectTypeOf<UdfTargetType>().toEqualTypeOf<'APPLICATION' | 'GROUP' | 'NODE' | 'ORG' | 'PERMISSION' | 'ROLE' | 'USER' | 'USERPOOL'>();
    // @ts-expect-error not a target type
    void management.udf.list('TEAM');
    // @ts-expect-error not a data type
    void management.udf.set('USER', 'k', 'FLOAT', 'K');
    // @ts-expect-error the users batch takes userId
    void management.users.setUdfValueBatch([{ roleId: 'r', data: { k: 1 } }]);
    // @ts-expect-error the roles batch takes roleId
    void management.roles.setUdfValueBatch([{ userId: 'u', data: { k: 1 } }]);
  });

  it('narrows a decoded value by its dataType', () => {
    const item = {} as CustomDataItem;
    if (item.dataType === 'NUMBER') expectTypeOf(item.value).toEqualTypeOf<number>();
    if (item.dataType === 'BOOLEAN') expectTypeOf(item.value).toEqualTypeOf<boolean>();
    if (item.dataType === 'DATETIME') expectTypeOf(item.value).toEqualTypeOf<Date>();
    if (item.dataType === 'OBJECT') expectTypeOf(item.value).toEqualTypeOf<CustomDataObject>();
    if (item.dataType === 'STRING' || item.dataType === 'SELECT') expectTypeOf(item.value).toEqualTypeOf<string>();
  });
});
