import assert from 'node:assert/strict'
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { writeMonorepo } from './fixtures/monorepo.ts'
import { cli, read, ROOT, starterApp, tempDir, typecheck } from './helpers.ts'
import './registry-hooks.ts'

/**
 * Export names of the files Open Mercato's `mercato generate` writes (measured by running its
 * generator, packages/cli/src/lib/generators, on an app with every convention file).
 */
const OPEN_MERCATO_EXPORTS: Record<string, string[]> = {
  'modules.generated.ts': ['default', 'modules', 'modulesInfo'],
  'modules.runtime.generated.ts': ['default', 'modules', 'modulesInfo'],
  'modules.app.generated.ts': ['default', 'modules', 'modulesInfo'],
  'modules.bootstrap.generated.ts': ['default', 'modules', 'modulesInfo'],
  'modules.cli.generated.ts': ['default', 'modules', 'modulesInfo'],
  'modules.i18n.generated.ts': ['default', 'modules', 'modulesInfo'],
  'bootstrap-modules.generated.ts': ['bootstrapModules'],
  'cli-modules.generated.ts': ['cliModules'],
  'frontend-routes.generated.ts': ['default', 'frontendRoutes'],
  'backend-routes.generated.ts': ['backendRoutes', 'default'],
  'api-routes.generated.ts': ['apiRoutes', 'default'],
  'subscribers.generated.ts': ['moduleSubscribers'],
  'enabled-module-ids.generated.ts': ['enabledModuleIds'],
  'entities.ids.generated.ts': ['E', 'M'],
  'entities.generated.ts': ['entities'],
  'di.generated.ts': ['default', 'diRegistrars'],
  'events.generated.ts': ['allEvents', 'eventModuleConfigEntries', 'eventModuleConfigs', 'isEventDeclared'],
  'search.generated.ts': ['searchModuleConfigEntries', 'searchModuleConfigs'],
  'notifications.generated.ts': ['getNotificationType', 'getNotificationTypes', 'notificationTypeEntries', 'notificationTypes'],
  'dashboard-widgets.generated.ts': ['dashboardWidgetEntries'],
  'injection-widgets.generated.ts': ['injectionWidgetEntries'],
  'injection-tables.generated.ts': ['injectionTables'],
}

function put(app: string, rel: string, text: string) {
  mkdirSync(dirname(join(app, rel)), { recursive: true })
  writeFileSync(join(app, rel), text)
}

/** A module with a file for every output: pages with navigation metadata, API, subscriber, worker, cli, events, widgets, search, notifications, entities. */
async function appWithEveryOutput(t: import('node:test').TestContext) {
  const app = await starterApp(t)
  for (const args of [
    ['module', 'my_sales', '--with-page'],
    ['api', 'my_sales', 'stats'],
    ['subscriber', 'my_sales', 'notify-warehouse', '--event', 'my_sales.order.created', '--persistent'],
    ['data-entity', 'my_sales', 'OrderLine', '--field', 'total:float'],
  ]) {
    const r = await cli([...args, '--cwd', app, '--no-generate'])
    assert.equal(r.code, 0, r.stderr)
  }
  const m = 'src/modules/my_sales'
  put(app, `${m}/backend/my_sales/board/page.tsx`, 'export default function Board() { return <main>board</main> }\n')
  put(app, `${m}/backend/my_sales/board/page.meta.ts`, [
    "import type { PageMetadata } from '@open-mercato/shared/modules/registry'",
    'export const metadata: PageMetadata = {',
    "  requireAuth: true, requireFeatures: ['my_sales.view'], pageTitle: 'Board', pageTitleKey: 'my_sales.board', pageGroup: 'Sales', pageOrder: 20,",
    "  icon: 'kanban', navHidden: false, pageContext: 'main', placement: { section: 'my_sales', order: 2 },",
    "  breadcrumb: [{ label: 'Sales', href: '/backend/my_sales' }, { label: 'Board' }],",
    '}',
    '',
  ].join('\n'))
  put(app, `${m}/frontend/portal/orders/page.tsx`, [
    'export default function PortalOrders() { return null }',
    "export const metadata = { requireCustomerAuth: true, requireCustomerFeatures: ['portal.orders.view'], nav: { label: 'Orders', group: 'main', order: 1 } }",
    '',
  ].join('\n'))
  put(app, `${m}/cli.ts`, [
    "import type { ModuleCli } from '@open-mercato/shared/modules/registry'",
    "const commands: ModuleCli[] = [{ command: 'seed', run: async () => {} }]",
    'export default commands',
    '',
  ].join('\n'))
  put(app, `${m}/workers/sync.ts`, "export const metadata = { queue: 'my_sales-sync', concurrency: 2 }\nexport default async function sync(job: unknown) { (globalThis as any).__synced = job }\n")
  put(app, `${m}/events.ts`, [
    "import { createModuleEvents } from '@open-mercato/shared/modules/events'",
    "export const eventsConfig = createModuleEvents({ moduleId: 'my_sales', events: [{ id: 'my_sales.order.created', label: 'Order created', entity: 'order' }] as const })",
    'export default eventsConfig',
    '',
  ].join('\n'))
  put(app, `${m}/widgets/dashboard/revenue/widget.tsx`, "const widget = { metadata: { id: 'my_sales.revenue', title: 'Revenue' }, Widget: () => null }\nexport default widget\n")
  put(app, `${m}/widgets/injection/order-notes/widget.tsx`, "const widget = { metadata: { id: 'my_sales.order-notes', title: 'Notes' }, Widget: () => null }\nexport default widget\n")
  put(app, `${m}/widgets/injection-table.ts`, [
    "import type { ModuleInjectionTable } from '@open-mercato/shared/modules/widgets/injection'",
    "export const injectionTable: ModuleInjectionTable = { 'crud-form:my_sales:order': { widgetId: 'my_sales.order-notes', priority: 10 } }",
    'export default injectionTable',
    '',
  ].join('\n'))
  put(app, `${m}/search.ts`, [
    "import type { SearchModuleConfig } from '@open-mercato/shared/modules/search'",
    "export const searchConfig: SearchModuleConfig = { entities: [{ entityId: 'my_sales:order_line', priority: 5 }] }",
    'export default searchConfig',
    '',
  ].join('\n'))
  put(app, `${m}/notifications.ts`, [
    "import type { NotificationTypeDefinition } from '@open-mercato/shared/modules/notifications/types'",
    "export const notificationTypes: NotificationTypeDefinition[] = [{ type: 'my_sales.order.created', module: 'my_sales', titleKey: 'my_sales.notify', icon: 'bell', severity: 'info', actions: [] }]",
    'export default notificationTypes',
    '',
  ].join('\n'))
  const r = await cli(['generate', '--cwd', app])
  assert.equal(r.code, 0, r.stderr)
  return app
}

const load = (app: string, name: string) => import(pathToFileURL(join(app, '.mercato/generated', name)).href)

describe("the bundled registry has Open Mercato's file names, export names and entry shapes", () => {
  it("writes the files Open Mercato writes for these conventions, each exporting exactly Open Mercato's names", async (t) => {
    const app = await appWithEveryOutput(t)
    const written = readdirSync(join(app, '.mercato/generated')).sort()
    assert.deepEqual(written, Object.keys(OPEN_MERCATO_EXPORTS).sort())
    for (const [name, expected] of Object.entries(OPEN_MERCATO_EXPORTS)) {
      assert.deepEqual(Object.keys(await load(app, name)).sort(), expected, name)
    }
  })

  it('route manifests: load resolves the component, entries carry navigation, icon, breadcrumb and customer-auth guards', async (t) => {
    const app = await appWithEveryOutput(t)
    const { backendRoutes } = await load(app, 'backend-routes.generated.ts')
    const board = backendRoutes.find((r: { pattern: string }) => r.pattern === '/backend/my_sales/board')
    const { load: loadPage, moduleId, ...fields } = board
    assert.equal(moduleId, 'my_sales')
    assert.deepEqual(fields, {
      pattern: '/backend/my_sales/board', requireAuth: true, requireFeatures: ['my_sales.view'], title: 'Board', titleKey: 'my_sales.board',
      group: 'Sales', icon: 'kanban', order: 20, navHidden: false, pageContext: 'main', placement: { section: 'my_sales', order: 2 },
      breadcrumb: [{ label: 'Sales', href: '/backend/my_sales' }, { label: 'Board' }],
    })
    const Component = await loadPage()
    assert.equal(Component.name, 'Board', 'load() returns the component, not its module')
    const { frontendRoutes } = await load(app, 'frontend-routes.generated.ts')
    assert.deepEqual(
      frontendRoutes.map(({ pattern, requireCustomerAuth, requireCustomerFeatures, nav }: Record<string, unknown>) => ({ pattern, requireCustomerAuth, requireCustomerFeatures, nav })),
      [{ pattern: '/portal/orders', requireCustomerAuth: true, requireCustomerFeatures: ['portal.orders.view'], nav: { label: 'Orders', group: 'main', order: 1 } }],
    )
    const { apiRoutes } = await load(app, 'api-routes.generated.ts')
    const stats = apiRoutes.find((r: { path: string }) => r.path === '/my_sales/stats')
    assert.equal(typeof (await stats.load()).GET, 'function', 'an API load() returns the route module with its handlers')
  })

  it('Module registries: pages render through Component, APIs run through handlers, subscribers and workers lazily', async (t) => {
    const app = await appWithEveryOutput(t)
    const { modules } = await load(app, 'modules.runtime.generated.ts')
    const my_sales = modules[0]
    const board = my_sales.backendRoutes.find((r: { pattern: string }) => r.pattern === '/backend/my_sales/board')
    assert.deepEqual([board.title, board.icon, board.breadcrumb.length], ['Board', 'kanban', 2])
    assert.equal((await board.Component({})).type.name, 'Board', 'Component renders the page element')
    const stats = my_sales.apis.find((a: { path: string }) => a.path === '/my_sales/stats')
    assert.deepEqual(stats.metadata.GET, { requireAuth: true, requireFeatures: ['my_sales.view'] })
    const response: Response = await stats.handlers.GET(new Request('http://localhost/api/my_sales/stats'), { params: {} })
    assert.equal(response.status, 200)
    await my_sales.workers[0].handler({ id: 'job-1' }, {})
    assert.deepEqual([my_sales.workers[0].queue, my_sales.workers[0].concurrency, (globalThis as { __synced?: unknown }).__synced], ['my_sales-sync', 2, { id: 'job-1' }])
    const eager = (await load(app, 'modules.generated.ts')).modules[0]
    assert.equal(typeof eager.apis.find((a: { path: string }) => a.path === '/my_sales/stats').handlers.GET, 'function')
    assert.equal(eager.cli[0].command, 'seed')
    assert.deepEqual(eager.dashboardWidgets.map((w: { key: string }) => w.key), ['my_sales:revenue:widget'])
  })

  it('modules.i18n and modules.cli are Module[] registries; bootstrap-modules and cli-modules re-export them', async (t) => {
    const app = await appWithEveryOutput(t)
    const i18n = (await load(app, 'modules.i18n.generated.ts')).modules
    assert.deepEqual(Object.keys(i18n[0]), ['id', 'translations'])
    assert.equal(typeof i18n[0].translations.en['my_sales.page.title'], 'string')
    const { cliModules } = await load(app, 'cli-modules.generated.ts')
    assert.deepEqual(cliModules.map((m: { id: string; cli: Array<{ command: string }> }) => [m.id, m.cli.map((c) => c.command)]), [['my_sales', ['seed']]])
    const { bootstrapModules } = await load(app, 'bootstrap-modules.generated.ts')
    assert.equal(bootstrapModules[0].setup.defaultRoleFeatures.admin.length, 2)
    assert.equal(bootstrapModules[0].backendRoutes, undefined, 'the bootstrap registry carries no routes')
  })

  it('entity ids, events, widgets, injection tables, search and notifications', async (t) => {
    const app = await appWithEveryOutput(t)
    const { M, E } = await load(app, 'entities.ids.generated.ts')
    assert.deepEqual([M, E], [{ my_sales: 'my_sales' }, { my_sales: { order_line: 'my_sales:order_line' } }])
    const { entities } = await load(app, 'entities.generated.ts')
    assert.deepEqual(entities.map((e: { entityName: string }) => e.entityName), ['my_sales.OrderLine'])
    const events = await load(app, 'events.generated.ts')
    assert.deepEqual(events.allEvents.map((e: { id: string; module: string }) => [e.id, e.module]), [['my_sales.order.created', 'my_sales']])
    assert.equal(events.isEventDeclared('my_sales.order.created'), true)
    assert.equal(events.isEventDeclared('my_sales.order.exploded'), false)
    const { dashboardWidgetEntries } = await load(app, 'dashboard-widgets.generated.ts')
    assert.deepEqual(dashboardWidgetEntries.map(({ moduleId, key, source }: Record<string, string>) => [moduleId, key, source]), [['my_sales', 'my_sales:revenue:widget', 'app']])
    assert.equal((await dashboardWidgetEntries[0].loader()).metadata.id, 'my_sales.revenue')
    const { injectionWidgetEntries } = await load(app, 'injection-widgets.generated.ts')
    assert.deepEqual(injectionWidgetEntries.map(({ key, widgetId }: Record<string, string>) => [key, widgetId]), [['my_sales:order-notes:widget', 'my_sales.order-notes']])
    const { injectionTables } = await load(app, 'injection-tables.generated.ts')
    assert.deepEqual(injectionTables, [{ moduleId: 'my_sales', table: { 'crud-form:my_sales:order': { widgetId: 'my_sales.order-notes', priority: 10 } } }])
    const { searchModuleConfigs } = await load(app, 'search.generated.ts')
    assert.deepEqual(searchModuleConfigs, [{ entities: [{ entityId: 'my_sales:order_line', priority: 5 }] }])
    const notifications = await load(app, 'notifications.generated.ts')
    assert.equal(notifications.getNotificationType('my_sales.order.created').icon, 'bell')
    assert.equal(notifications.getNotificationTypes().length, 1)
  })

  it("the whole registry type-checks with the real tsc against the starter app's declarations", async (t) => {
    const app = await appWithEveryOutput(t)
    assert.match(read(app, 'tsconfig.json'), /"\.mercato\/generated"/, 'the starter app checks its registry too')
    const result = typecheck(app)
    assert.ok(result.ok, result.output)
  })
})

describe('the bundled engine in a monorepo shaped like Open Mercato', () => {
  it("writes Open Mercato's export names for the enabled package and app modules, importable as the app imports them", async (t) => {
    const repo = writeMonorepo(tempDir(t))
    symlinkSync(join(ROOT, 'node_modules', 'react'), join(repo.root, 'node_modules', 'react'), 'dir') // hoisted, as yarn leaves it
    const r = await cli(['generate', '--engine', 'bundled', '--cwd', repo.app])
    assert.equal(r.code, 0, r.stderr)
    const listed = JSON.parse((await cli(['list', '--json', '--cwd', repo.app])).stdout).data
    for (const [name, expected] of Object.entries(OPEN_MERCATO_EXPORTS)) {
      if (name === 'modules.generated.ts' || name === 'entities.generated.ts') continue // they import every route and entity class eagerly
      assert.deepEqual(Object.keys(await load(repo.app, name)).sort(), expected, name)
    }
    const { modules } = await load(repo.app, 'modules.bootstrap.generated.ts')
    assert.deepEqual(modules.map((m: { id: string }) => m.id), listed.modules.map((m: { id: string }) => m.id))
    const { enabledModuleIds } = await load(repo.app, 'enabled-module-ids.generated.ts')
    assert.equal(enabledModuleIds.length, listed.modules.length)
    const source = read(repo.app, '.mercato/generated/modules.generated.ts')
    assert.match(source, /from '@open-mercato\/core\/modules\/[a-z_]+\/index'/, 'package modules are imported through their package')
  })
})
