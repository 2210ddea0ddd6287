/**
 * The modules Open Mercato's own packages ship (`packages/<pkg>/src/modules/<id>` in
 * open-mercato/open-mercato, mid-2026). An app module with one of these ids would be one module with
 * Open Mercato's as soon as the app enables it: the app's files would overlay the package's.
 */
const BY_PACKAGE: Record<string, readonly string[]> = {
  '@open-mercato/core': [
    'api_docs', 'api_keys', 'attachments', 'audit_logs', 'auth', 'business_rules', 'catalog', 'communication_channels',
    'configs', 'core', 'currencies', 'customer_accounts', 'customers', 'dashboards', 'data_sync', 'dictionaries',
    'directory', 'entities', 'feature_toggles', 'inbox_ops', 'integrations', 'messages', 'notifications',
    'payment_gateways', 'perspectives', 'planner', 'portal', 'progress', 'query_index', 'resources', 'sales',
    'shipping_carriers', 'staff', 'sync_excel', 'translations', 'widgets', 'wms', 'workflows',
  ],
  '@open-mercato/ai-assistant': ['ai_assistant'],
  '@open-mercato/channel-gmail': ['channel_gmail'],
  '@open-mercato/channel-imap': ['channel_imap'],
  '@open-mercato/checkout': ['checkout'],
  '@open-mercato/content': ['content'],
  '@open-mercato/enterprise': ['record_locks', 'security', 'sso', 'system_status_overlays'],
  '@open-mercato/events': ['events'],
  '@open-mercato/gateway-stripe': ['gateway_stripe'],
  '@open-mercato/onboarding': ['onboarding'],
  '@open-mercato/scheduler': ['scheduler'],
  '@open-mercato/search': ['search'],
  '@open-mercato/storage-s3': ['storage_s3'],
  '@open-mercato/sync-akeneo': ['sync_akeneo'],
  '@open-mercato/webhooks': ['webhooks'],
}

/** The Open Mercato package that ships a module of this id, if one does. */
export function openMercatoPackageOf(id: string): string | undefined {
  return Object.keys(BY_PACKAGE).find((pkg) => BY_PACKAGE[pkg]!.includes(id))
}

/** Every module id Open Mercato's packages ship, sorted. */
export const openMercatoModuleIds = (): string[] => Object.values(BY_PACKAGE).flat().sort()
