import type { AppModel, ConventionFile } from '../discover'
import { file, Imports, pick, PICK_HELPER, q } from './code'
import { widgetEntry } from './registry'
import { collate } from '../../collate'

const SHARED_REGISTRY = '@open-mercato/shared/modules/registry'

/** `{ moduleId, <field>: <the file's export> }` for every module that has the convention file. */
function perModule(model: AppModel, imports: Imports, part: ConventionFile, hint: string, field: string, keys: string[], fallback: string, type: string): string[] {
  return model.modules.filter((m) => m.files[part]).map((m) => {
    const ns = imports.namespace(`${hint}_${m.id}`, m.files[part]!)
    return `  { moduleId: ${q(m.id)}, ${field}: ${pick(ns, keys, fallback)} as ${type} },`
  })
}

function events(model: AppModel): string {
  const imports = new Imports()
  imports.type('EventModuleConfigBase', '@open-mercato/shared/modules/events')
  imports.type('EventDefinition', '@open-mercato/shared/modules/events')
  return file('registry', imports, [
    'type EventConfigEntry = { moduleId: string; config: EventModuleConfigBase | null }',
    'type ResolvedEventConfigEntry = { moduleId: string; config: EventModuleConfigBase }',
    '',
    'const entriesRaw: EventConfigEntry[] = [',
    ...perModule(model, imports, 'events', 'EVENTS', 'config', ['default', 'eventsConfig'], 'null', 'EventModuleConfigBase | null'),
    ']',
    'const entries = entriesRaw.filter((entry) => entry.config != null) as ResolvedEventConfigEntry[]',
    '',
    'export const eventModuleConfigEntries = entries',
    'export const eventModuleConfigs: EventModuleConfigBase[] = entries.map((entry) => entry.config)',
    'export const allEvents: EventDefinition[] = entries.flatMap((entry) => entry.config.events)',
    'const allDeclaredEventIds = new Set(allEvents.map((entry) => entry.id))',
    '',
    'export function isEventDeclared(eventId: string): boolean {',
    '  return allDeclaredEventIds.has(eventId)',
    '}',
  ], [PICK_HELPER])
}

function search(model: AppModel): string {
  const imports = new Imports()
  imports.type('SearchModuleConfig', '@open-mercato/shared/modules/search')
  return file('registry', imports, [
    'type SearchConfigEntry = { moduleId: string; config: SearchModuleConfig | null }',
    'type ResolvedSearchConfigEntry = { moduleId: string; config: SearchModuleConfig }',
    '',
    'const entriesRaw: SearchConfigEntry[] = [',
    ...perModule(model, imports, 'search', 'SEARCH', 'config', ['default', 'searchConfig', 'config'], 'null', 'SearchModuleConfig | null'),
    ']',
    'const entries = entriesRaw.filter((entry) => entry.config != null) as ResolvedSearchConfigEntry[]',
    '',
    'export const searchModuleConfigEntries = entries',
    'export const searchModuleConfigs: SearchModuleConfig[] = entries.map((entry) => entry.config)',
  ], [PICK_HELPER])
}

/** Notification types per module; Open Mercato's runtime also applies modules.ts overrides, which a standalone app has none of. */
function notifications(model: AppModel): string {
  const imports = new Imports()
  imports.type('NotificationTypeDefinition', '@open-mercato/shared/modules/notifications/types')
  return file('registry', imports, [
    'type NotificationTypeEntry = { moduleId: string; types: NotificationTypeDefinition[] }',
    '',
    'const entries: NotificationTypeEntry[] = [',
    ...perModule(model, imports, 'notifications', 'NOTIF', 'types', ['default', 'notificationTypes', 'types'], '[]', 'NotificationTypeDefinition[]'),
    ']',
    'const allTypes = entries.flatMap((entry) => entry.types)',
    '',
    'export const notificationTypeEntries = entries',
    'export const notificationTypes = allTypes',
    '',
    'export function getNotificationTypes(): NotificationTypeDefinition[] {',
    '  return allTypes',
    '}',
    '',
    'export function getNotificationType(type: string): NotificationTypeDefinition | undefined {',
    '  return allTypes.find((entry) => entry.type === type)',
    '}',
  ], [PICK_HELPER])
}

function injectionTables(model: AppModel): string {
  const imports = new Imports()
  imports.type('ModuleInjectionTable', '@open-mercato/shared/modules/widgets/injection')
  return file('registry', imports, [
    'export const injectionTables: Array<{ moduleId: string; table: ModuleInjectionTable }> = [',
    ...perModule(model, imports, 'widgets/injection-table', 'InjTable', 'table', ['default', 'injectionTable'], '{}', 'ModuleInjectionTable'),
    ']',
  ], [PICK_HELPER])
}

function widgets(model: AppModel, kind: 'dashboard' | 'injection'): string {
  const imports = new Imports()
  const type = imports.type(kind === 'dashboard' ? 'ModuleDashboardWidgetEntry' : 'ModuleInjectionWidgetEntry', SHARED_REGISTRY)
  const name = kind === 'dashboard' ? 'dashboardWidgetEntries' : 'injectionWidgetEntries'
  const rows = model.modules.flatMap((m) => m.widgets[kind]).sort((a, b) => collate(a.key, b.key)).map((w) => `  ${widgetEntry(w, kind === 'injection')},`)
  return file('registry', imports, [`export const ${name}: ${type}[] = [`, ...rows, ']'])
}

export function extensionOutputs(model: AppModel): Record<string, string> {
  return {
    events: events(model),
    search: search(model),
    notifications: notifications(model),
    'dashboard-widgets': widgets(model, 'dashboard'),
    'injection-widgets': widgets(model, 'injection'),
    'injection-tables': injectionTables(model),
  }
}
