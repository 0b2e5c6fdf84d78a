import type { Activity } from 'botbuilder';

/**
 * Whether a Teams activity comes from a tenant the agency allows (`TEAMS_ALLOWED_TENANTS`). Other channels, and
 * every tenant when no list is configured, pass. Teams puts the tenant in `channelData.tenant.id`.
 */
export function isTenantAllowed(activity: Partial<Activity>, allowed: readonly string[] | null): boolean {
  if (activity.channelId !== 'msteams' || allowed === null) return true;
  const tenant =
    (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  return typeof tenant === 'string' && allowed.includes(tenant.toLowerCase());
}
