/** Types of `managementClient.tenant` (tenants, members, admins), equal to the OpenAPI schemas. */
import type { components } from '../../generated/openapi.js';

/** A tenant (the official SDK's `TenantInfo`), with the ids of its applications. */
export type Tenant = components['schemas']['Tenant'];
/** What a tenant's hosted login page hides or does ({@link TenantClient.config}). */
export type TenantSsoPageSettings = components['schemas']['TenantSsoPageSettings'];
/** A tenant's fields for create and update; `appIds` is a comma-separated string or an array. */
export type TenantInput = components['schemas']['TenantInput'];
/** A user's membership of a tenant, with the user. */
export type TenantMember = components['schemas']['TenantMember'];
/** An application (the official SDK's `ApplicationTenantDetails`) with the tenants it belongs to. */
export type ApplicationTenantDetails = components['schemas']['ApplicationTenants'];
