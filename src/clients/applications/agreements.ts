/** An application's registration agreements, over REST. The public docs are on {@link ApplicationsClient}. */
import type { RequestOptions } from '../../core/options.js';
import { toAuthingError } from '../../core/errors.js';
import type { ClientContext } from '../context.js';
import type { Paginated } from '../types.js';
import { requireId } from '../validate.js';
import type { Agreement, AgreementInput, AgreementUpdates } from './types.js';

function requireAgreementId(agreementId: unknown): asserts agreementId is number {
  if (!Number.isInteger(agreementId)) throw toAuthingError({ kind: 'validation', argument: 'agreementId', message: 'agreementId must be an integer' });
}

export async function createAgreement(context: ClientContext, appId: string, agreement: AgreementInput, requestOptions?: RequestOptions): Promise<Agreement> {
  requireId('appId', appId);
  const body = { lang: 'zh-CN' as const, required: true, ...agreement };
  return context.transport.rest.POST('/api/v2/applications/{appId}/agreements', { params: { path: { appId } }, body }, requestOptions);
}

export async function listAgreement(context: ClientContext, appId: string, requestOptions?: RequestOptions): Promise<Paginated<Agreement>> {
  requireId('appId', appId);
  return context.transport.rest.GET('/api/v2/applications/{appId}/agreements', { params: { path: { appId } } }, requestOptions);
}

export async function modifyAgreement(context: ClientContext, appId: string, agreementId: number, updates: AgreementUpdates, requestOptions?: RequestOptions): Promise<Agreement> {
  requireId('appId', appId);
  requireAgreementId(agreementId);
  return context.transport.rest.PUT('/api/v2/applications/{appId}/agreements/{agreementId}', { params: { path: { appId, agreementId } }, body: updates }, requestOptions);
}

export async function deleteAgreement(context: ClientContext, appId: string, agreementId: number, requestOptions?: RequestOptions): Promise<boolean> {
  requireId('appId', appId);
  requireAgreementId(agreementId);
  await context.transport.rest.DELETE('/api/v2/applications/{appId}/agreements/{agreementId}', { params: { path: { appId, agreementId } } }, requestOptions);
  return true;
}

export async function sortAgreement(context: ClientContext, appId: string, order: number[], requestOptions?: RequestOptions): Promise<boolean> {
  requireId('appId', appId);
  if (!Array.isArray(order)) throw toAuthingError({ kind: 'validation', argument: 'order', message: 'order must be an array of agreement ids' });
  order.forEach(requireAgreementId);
  await context.transport.rest.POST('/api/v2/applications/{appId}/agreements/sort', { params: { path: { appId } }, body: { ids: order } }, requestOptions);
  return true;
}
