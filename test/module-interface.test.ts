import assert from 'node:assert/strict'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp, typecheck } from './helpers.ts'

const HAND_EVENTS = `import { createModuleEvents } from '@open-mercato/shared/modules/events'

// Declared by hand; keep the ids stable.
export const eventsConfig = createModuleEvents({
  moduleId: 'my_sales',
  events: [
    { id: 'my_sales.order.created', label: 'Order created', entity: 'order', category: 'crud' }, // the first one
  ] as const,
})

export default eventsConfig
`

const HAND_CLI = `import type { ModuleCli } from '@open-mercato/shared/modules/registry'

const hello: ModuleCli = { command: 'hello', run: () => console.log('hi') }

/* every command of my_sales */
const commands = [
  hello,
]

export default commands
`

async function salesApp(t: import('node:test').TestContext) {
  const app = await starterApp(t)
  assert.equal((await cli(['module', 'my_sales', '--cwd', app, '--quiet'])).code, 0)
  return app
}

async function ok(app: string, ...args: string[]) {
  const r = await cli([...args, '--cwd', app])
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  return r
}

describe('event, worker and cli commands', () => {
  it('declare an event, the CRUD events of a data entity, a worker and two commands; list --json shows them; tsc passes; undo restores every byte', async (t) => {
    const app = await salesApp(t)
    const hashes = [hashTree(app)]
    const steps = [
      ['event', 'my_sales', 'order.shipped', '--client-broadcast'],
      ['data-entity', 'my_sales', 'Invoice', '--field', 'total:decimal:required', '--events'],
      ['worker', 'my_sales', 'sync-orders', '--queue', 'my_sales-sync', '--concurrency', '3'],
      ['cli', 'my_sales', 'seed-orders'],
      ['cli', 'my_sales', 'sync:prices'],
    ]
    for (const step of steps) {
      await ok(app, ...step)
      hashes.push(hashTree(app))
      assert.match((await ok(app, ...step)).stdout, /nothing to change/, `${step.join(' ')} again is a no-op`)
      assert.equal(hashTree(app), hashes.at(-1))
    }
    const events = read(app, 'src/modules/my_sales/events.ts')
    assert.match(events, /\{ id: 'my_sales\.order\.shipped', label: 'Order shipped', entity: 'order', category: 'custom', clientBroadcast: true \},\n  \{ id: 'my_sales\.invoice\.created', label: 'Invoice created', entity: 'invoice', category: 'crud' \},/)
    assert.match(events, /export const eventsConfig = createModuleEvents\(\{\n  moduleId: 'my_sales',\n  events,\n\}\)/)
    assert.match(read(app, 'src/modules/my_sales/workers/sync-orders.ts'), /export const metadata = \{\n  queue: 'my_sales-sync',\n  id: 'my_sales:sync-orders',\n  concurrency: 3,\n\}/)
    assert.match(read(app, 'src/modules/my_sales/cli.ts'), /command: 'sync:prices',[\s\S]*export default \[seedOrdersCommand, syncPricesCommand\]\n$/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)

    const data = JSON.parse((await cli(['list', '--json', '--cwd', app])).stdout).data
    assert.deepEqual(data.events.map((e: { id: string }) => e.id), ['my_sales.order.shipped', 'my_sales.invoice.created', 'my_sales.invoice.updated', 'my_sales.invoice.deleted'])
    assert.deepEqual(data.workers.map((w: { id: string; queue: string; concurrency: number }) => [w.id, w.queue, w.concurrency]), [['my_sales:sync-orders', 'my_sales-sync', 3]])
    assert.deepEqual(data.cli.map((c: { command: string }) => c.command), ['my_sales seed-orders', 'my_sales sync:prices'])
    assert.match((await cli(['list', '--cwd', app])).stdout, /CLI commands\n\s+command\s+file\n\s+mercato my_sales seed-orders/)

    for (let i = steps.length - 1; i >= 0; i--) {
      await ok(app, 'undo', '--yes')
      assert.equal(hashTree(app), hashes[i], `undo of ${steps[i]!.join(' ')}`)
    }
  })

  it('merges into hand-written events.ts and cli.ts, keeping every other byte', async (t) => {
    const app = await salesApp(t)
    writeFileSync(join(app, 'src/modules/my_sales/events.ts'), HAND_EVENTS)
    writeFileSync(join(app, 'src/modules/my_sales/cli.ts'), HAND_CLI)
    await ok(app, 'event', 'my_sales', 'my_sales.order.paid')
    assert.equal(read(app, 'src/modules/my_sales/events.ts'), HAND_EVENTS.replace(
      "category: 'crud' }, // the first one\n",
      "category: 'crud' }, // the first one\n    { id: 'my_sales.order.paid', label: 'Order paid', entity: 'order', category: 'custom' },\n",
    ))
    await ok(app, 'cli', 'my_sales', 'hello')
    assert.equal(read(app, 'src/modules/my_sales/cli.ts'), HAND_CLI, 'an existing command is left alone')
    const diff = (await ok(app, 'cli', 'my_sales', 'import', '--dry-run', '--diff')).stdout
    assert.match(diff, /\+const importCommand: ModuleCli = \{/)
    await ok(app, 'cli', 'my_sales', 'import')
    const merged = read(app, 'src/modules/my_sales/cli.ts')
    assert.ok(merged.startsWith(HAND_CLI.slice(0, HAND_CLI.indexOf('/* every command'))))
    assert.match(merged, /\}\n\n\/\* every command of my_sales \*\/\nconst commands = \[\n  hello,\n  importCommand,\n\]\n\nexport default commands\n$/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
  })

  it('widgets: a dashboard widget, injection widgets placed in spots through a hand-written injection-table.ts; tsc passes; undo restores', async (t) => {
    const app = await salesApp(t)
    const before = hashTree(app)
    await ok(app, 'widget', 'my_sales', 'revenue', '--kind', 'dashboard', '--title', "Today's revenue")
    const folder = 'src/modules/my_sales/widgets/dashboard/revenue'
    assert.deepEqual(readdirSync(join(app, folder)).sort(), ['config.ts', 'widget.client.tsx', 'widget.ts'], 'split as Open Mercato splits a dashboard widget')
    const dashboard = read(app, folder, 'widget.ts')
    assert.match(dashboard, /^const RevenueWidgetClient = lazyDashboardWidget\(\(\) => import\('\.\/widget\.client'\)\)$/m)
    assert.match(dashboard, /const widget: DashboardWidgetModule<RevenueSettings> = \{\n  metadata: \{\n    id: 'my_sales\.dashboard\.revenue',\n    title: 'Today\\'s revenue',\n    features: \['dashboards\.view', 'my_sales\.widgets\.revenue'\],/)
    assert.match(dashboard, /hydrateSettings: hydrateRevenueSettings,/)
    assert.match(read(app, folder, 'widget.client.tsx'), /^"use client"\n/)
    assert.match(read(app, folder, 'config.ts'), /export function hydrateRevenueSettings\(raw: unknown\): RevenueSettings/)
    assert.match(read(app, 'src/modules/my_sales/acl.ts'), /id: 'my_sales\.widgets\.revenue'/)
    assert.doesNotMatch(read(app, 'src/modules/my_sales/acl.ts'), /dashboards\.view/, "another module's feature is not declared here")
    assert.match(read(app, 'src/modules/my_sales/setup.ts'), /employee: \[[^\]]*'my_sales\.widgets\.revenue'/)
    assert.equal(JSON.parse(read(app, 'src/modules/my_sales/i18n/en.json'))['my_sales.widgets.revenue.empty'], 'Nothing to show yet. Open the widget settings to write a message.')
    const generated = read(app, '.mercato/generated/dashboard-widgets.generated.ts')
    assert.match(generated, /widgets\/dashboard\/revenue\/widget'/)
    assert.doesNotMatch(generated, /widget\.client/, 'only widget.ts is the registry\'s; the client file is loaded by it')
    const checked = typecheck(app)
    assert.ok(checked.ok, checked.output)
    const doctor = await cli(['doctor', '--cwd', app])
    assert.equal(doctor.code, 0, doctor.stdout)
    await ok(app, 'undo', '--yes')
    assert.equal(hashTree(app), before)

    const table = `import type { ModuleInjectionTable } from '@open-mercato/shared/modules/widgets/injection'\n\nconst table: ModuleInjectionTable = {\n  // the order form\n  'crud-form:my_sales.order': 'my_sales.injection.legacy',\n}\n\nexport default table\n`
    await ok(app, 'widget', 'my_sales', 'legacy', '--kind', 'injection')
    writeFileSync(join(app, 'src/modules/my_sales/widgets/injection-table.ts'), table)
    await ok(app, 'generate') // the registry lists injection tables, so the hand-written one is generated in too
    const placed = hashTree(app)
    await ok(app, 'widget', 'my_sales', 'notes', '--kind', 'injection', '--spot', 'crud-form:my_sales.order', '--priority', '10')
    await ok(app, 'widget', 'my_sales', 'menu', '--kind', 'injection', '--spot', 'menu:sidebar:main')
    assert.match((await ok(app, 'widget', 'my_sales', 'menu', '--kind', 'injection', '--spot', 'menu:sidebar:main')).stdout, /nothing to change/)
    assert.equal(read(app, 'src/modules/my_sales/widgets/injection-table.ts'), table.replace(
      "  'crud-form:my_sales.order': 'my_sales.injection.legacy',\n",
      "  'crud-form:my_sales.order': ['my_sales.injection.legacy', { widgetId: 'my_sales.injection.notes', priority: 10 }],\n  'menu:sidebar:main': 'my_sales.injection.menu',\n",
    ))
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
    const list = JSON.parse((await cli(['list', '--json', '--cwd', app])).stdout).data
    assert.deepEqual(list.widgets.map((w: { kind: string; widgetId?: string; key: string }) => [w.kind, w.widgetId ?? w.key]),
      [['injection', 'my_sales.injection.legacy'], ['injection', 'my_sales.injection.menu'], ['injection', 'my_sales.injection.notes']])
    await ok(app, 'undo', '--yes')
    await ok(app, 'undo', '--yes')
    assert.equal(hashTree(app), placed)

    for (const [args, message] of [
      [['widget', 'my_sales', 'x'], /kind/],
      [['widget', 'my_sales', 'x', '--kind', 'dashboard', '--spot', 'menu:sidebar:main'], /--spot and --priority place injection widgets/],
      [['widget', 'my_sales', 'x', '--kind', 'injection', '--spot', 'bad spot'], /spot ids look like/],
      [['widget', 'my_sales', 'x', '--kind', 'tile'], /kind/],
    ] as const) {
      const r = await cli([...args, '--cwd', app])
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
      assert.equal(hashTree(app), placed)
    }
  })

  it('extension: an entity with <base>_id and tenant columns plus a data/extensions.ts link, merged, type-checked, undone byte for byte', async (t) => {
    const app = await salesApp(t)
    await ok(app, 'module', 'loyalty')
    const before = hashTree(app)
    await ok(app, 'extension', 'loyalty', 'CustomerLoyalty', '--base', 'customers:customer', '--field', 'points:integer:required')
    const afterFirst = hashTree(app)
    await ok(app, 'extension', 'loyalty', 'CustomerNote', '--base', 'my_sales:order', '--cardinality', 'one-to-many', '--description', 'Notes on orders')
    assert.match((await ok(app, 'extension', 'loyalty', 'CustomerNote', '--base', 'my_sales:order', '--cardinality', 'one-to-many')).stdout, /nothing to change/)
    const entities = read(app, 'src/modules/loyalty/data/entities.ts')
    assert.match(entities, /@Entity\(\{ tableName: 'customer_loyalties' \}\)/)
    assert.match(entities, /@Index\(\{ name: 'customer_loyalties_customer_id_idx' \}\)\n  @Property\(\{ name: 'customer_id', type: 'uuid', unique: true \}\)\n  customerId!: string/)
    assert.match(entities, /@Property\(\{ name: 'order_id', type: 'uuid' \}\)\n  orderId!: string/)
    assert.match(entities, /@Property\(\{ name: 'tenant_id', type: 'uuid' \}\)/)
    assert.doesNotMatch(entities, /ManyToOne|from '.*customers/)
    const links = read(app, 'src/modules/loyalty/data/extensions.ts')
    assert.match(links, /const entityExtensions: EntityExtension\[\] = \[\n  \{\n    base: 'customers:customer',\n    extension: 'loyalty:customer_loyalty',\n    join: \{ baseKey: 'id', extensionKey: 'customer_id' \},\n    cardinality: 'one-to-one',/)
    assert.match(links, /extension: 'loyalty:customer_note',\n    join: \{ baseKey: 'id', extensionKey: 'order_id' \},\n    cardinality: 'one-to-many',\n    description: 'Notes on orders',\n  \},\n\]/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
    await ok(app, 'undo', '--yes')
    assert.equal(hashTree(app), afterFirst)
    await ok(app, 'undo', '--yes')
    assert.equal(hashTree(app), before)

    for (const [args, message] of [
      [['extension', 'loyalty', 'Link', '--base', 'customers'], /name the base entity as <module>:<entity>/],
      [['extension', 'loyalty', 'Link', '--base', 'loyalty:member'], /belongs to loyalty itself/],
      [['extension', 'loyalty', 'Link', '--base', 'customers:customer', '--field', 'customer_id:uuid'], /customer_id is the link column/],
      [['extension', 'loyalty', 'link', '--base', 'customers:customer'], /PascalCase/],
    ] as const) {
      const r = await cli([...args, '--cwd', app])
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
      assert.equal(hashTree(app), before)
    }
  })

  it('doctor flags an ORM relation to another module\'s class and names the extension command', async (t) => {
    const app = await salesApp(t)
    await ok(app, 'module', 'loyalty')
    await ok(app, 'data-entity', 'my_sales', 'Order')
    mkdirSync(join(app, 'src/modules/loyalty/data'))
    writeFileSync(join(app, 'src/modules/loyalty/data/entities.ts'), [
      "import { Entity, ManyToOne, PrimaryKey } from '@mikro-orm/decorators/legacy'",
      "import { Order } from '../../my_sales/data/entities'",
      '',
      "@Entity({ tableName: 'points' })",
      'export class Points {',
      "  @PrimaryKey({ type: 'uuid' })",
      '  id!: string',
      '',
      '  @ManyToOne(() => Order)',
      '  order!: Order',
      '}',
      '',
    ].join('\n'))
    const r = await cli(['doctor', '--cwd', app])
    assert.equal(r.code, 1)
    const out = r.stdout
    assert.match(out, /src\/modules\/loyalty\/data\/entities\.ts:9.*@ManyToOne\(\(\) => Order\) relates to a class this module does not declare \(module my_sales\); modules link by id: extension loyalty <Name> --base my_sales:order/)
    assert.match(out, /entities\.ts:2.*imports \.\.\/\.\.\/my_sales\/data\/entities from module my_sales.*extension loyalty <Name> --base my_sales:<entity>/)
  })

  it('subscriber --event warns when no enabled module declares the event, and not once one does', async (t) => {
    const app = await salesApp(t)
    assert.match((await ok(app, 'subscriber', 'my_sales', 'audit', '--event', 'my_sales.order.lost')).stderr, /my_sales\.order\.lost is declared by no enabled module's events\.ts; declare it with: event my_sales order\.lost/)
    await ok(app, 'event', 'my_sales', 'order.won')
    const celebrate = await ok(app, 'subscriber', 'my_sales', 'celebrate', '--event', 'my_sales.order.won')
    assert.doesNotMatch(`${celebrate.stdout}${celebrate.stderr}`, /declared by no enabled module/)
  })

  it('refuses bad input in one line with exit 2 and changes nothing', async (t) => {
    const app = await salesApp(t)
    writeFileSync(join(app, 'src/modules/my_sales/cli.ts'), 'export default function run() {}\n')
    const before = hashTree(app)
    for (const [args, message] of [
      [['event', 'my_sales', 'shipped'], /write the event as entity\.action/],
      [['event', 'my_sales', 'billing.invoice.paid'], /names module "billing", but events of my_sales start with "my_sales\."/],
      [['event', 'ghost', 'order.paid'], /unknown module "ghost"/],
      [['event', 'my_sales', 'order.paid', '--category', 'misc'], /category/],
      [['worker', 'my_sales', 'sync'], /queue/],
      [['worker', 'my_sales', 'sync', '--queue', 'Sales Sync'], /queue names are lowercase/],
      [['worker', 'my_sales', 'sync', '--queue', 'q', '--concurrency', '0'], /at least 1/],
      [['worker', 'my_sales', '../x', '--queue', 'q'], /must not contain/],
      [['cli', 'my_sales', 'Seed Orders'], /commands are lowercase words/],
      [['cli', 'db', 'seed'], /"db" is reserved by the mercato CLI/],
      [['cli', 'my_sales', 'seed'], /has no default-exported array of commands/],
    ] as const) {
      const r = await cli([...args, '--cwd', app])
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
      assert.equal(hashTree(app), before, args.join(' '))
    }
  })
})
