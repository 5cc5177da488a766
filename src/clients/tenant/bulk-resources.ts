/** `POST /api/v2/resources/bulk`. The public docs are on {@link TenantClient.batchInsertResource}. */
import { toAuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type { Resource } from '../types.js';
import type { BulkResource } from './ext-idp-types.js';

export async function batchInsertResource(context: ClientContext, options: { bulk: BulkResource[] }, requestOptions?: RequestOptions): Promise<Resource[]> {
  if (!Array.isArray(options?.bulk) || options.bulk.length === 0) {
    throw toAuthingError({ kind: 'validation', argument: 'options.bulk', message: 'options.bulk must be a non-empty array of resources' });
  }
  return context.transport.rest.POST('/api/v2/resources/bulk', { body: { bulk: options.bulk } }, requestOptions);
}
