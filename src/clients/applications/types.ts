/** Types of `managementClient.applications`, held equal to the OpenAPI schemas (types/checks.ts style). */
import type { components } from '../../generated/openapi.js';

/** A new application ({@link ApplicationsClient.create}). */
export type NewApplication = components['schemas']['ApplicationCreate'];
/** A registration agreement of an application (the official SDK's `AgreementDetail`). */
export type Agreement = components['schemas']['Agreement'];
/** A new agreement: `required` defaults to true, `lang` to zh-CN. */
export type AgreementInput = components['schemas']['AgreementInput'];
/** Changes to an agreement. */
export type AgreementUpdates = components['schemas']['AgreementUpdate'];
/** Authing's `ApplicationType` values (TENANT is spelled `Tenant` on the wire). */
export type ApplicationType = 'INDIVIDUAL' | 'Tenant' | 'BOTH';
