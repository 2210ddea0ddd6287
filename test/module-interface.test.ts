import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp, typecheck } from './helpers.ts'

const HAND_EVENTS = `import { createModuleEvents } from '@open-mercato/shared/modules/events'

// Declared by hand; keep the ids stable.
export const eventsConfig = createModuleEvents({
  moduleId: 'sales',
  events: [
    { id: 'sales.order.created', label: 'Order created', entity: 'order', category: 'crud' }, // the first one
  ] as const,
})

export default eventsConfig
`

const HAND_CLI = `import type { ModuleCli } from '@open-mercato/shared/modules/registry'

const hello: ModuleCli = { command: 'hello', run: () => console.log('hi') }

/* every command of sales */
const commands = [
  hello,
]

export default commands
`

async function salesApp(t: import('node:test').TestContext) {
  const app = await starterApp(t)
  assert.equal((await cli(['module', 'sales', '--cwd', app, '--quiet'])).code, 0)
  return app
}

async function ok(app: string, ...args: string[]) {
  const r = await cli([...args, '--cwd', app])
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  return r.stdout + r.stderr
}

describe('event, worker and cli commands', () => {
  it('declare an event, the CRUD events of a data entity, a worker and two commands; list --json shows them; tsc passes; undo restores every byte', async (t) => {
    const app = await salesApp(t)
    const hashes = [hashTree(app)]
    const steps = [
      ['event', 'sales', 'order.shipped', '--client-broadcast'],
      ['data-entity', 'sales', 'Invoice', '--field', 'total:decimal:required', '--events'],
      ['worker', 'sales', 'sync-orders', '--queue', 'sales-sync', '--concurrency', '3'],
      ['cli', 'sales', 'seed-orders'],
      ['cli', 'sales', 'sync:prices'],
    ]
    for (const step of steps) {
      await ok(app, ...step)
      hashes.push(hashTree(app))
      assert.match(await ok(app, ...step), /nothing to change/, `${step.join(' ')} again is a no-op`)
      assert.equal(hashTree(app), hashes.at(-1))
    }
    const events = read(app, 'src/modules/sales/events.ts')
    assert.match(events, /\{ id: 'sales\.order\.shipped', label: 'Order shipped', entity: 'order', category: 'custom', clientBroadcast: true \},\n  \{ id: 'sales\.invoice\.created', label: 'Invoice created', entity: 'invoice', category: 'crud' \},/)
    assert.match(events, /export const eventsConfig = createModuleEvents\(\{\n  moduleId: 'sales',\n  events,\n\}\)/)
    assert.match(read(app, 'src/modules/sales/workers/sync-orders.ts'), /export const metadata = \{\n  queue: 'sales-sync',\n  id: 'sales:sync-orders',\n  concurrency: 3,\n\}/)
    assert.match(read(app, 'src/modules/sales/cli.ts'), /command: 'sync:prices',[\s\S]*export default \[seedOrdersCommand, syncPricesCommand\]\n$/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)

    const list = JSON.parse((await cli(['list', '--json', '--cwd', app])).stdout).data
    const data = list.data ?? list
    assert.deepEqual(data.events.map((e: { id: string }) => e.id), ['sales.order.shipped', 'sales.invoice.created', 'sales.invoice.updated', 'sales.invoice.deleted'])
    assert.deepEqual(data.workers.map((w: { id: string; queue: string; concurrency: number }) => [w.id, w.queue, w.concurrency]), [['sales:sync-orders', 'sales-sync', 3]])
    assert.deepEqual(data.cli.map((c: { command: string }) => c.command), ['sales seed-orders', 'sales sync:prices'])
    assert.match((await cli(['list', '--cwd', app])).stdout, /CLI commands\n\s+command\s+file\n\s+mercato sales seed-orders/)

    for (let i = steps.length - 1; i >= 0; i--) {
      await ok(app, 'undo', '--yes')
      assert.equal(hashTree(app), hashes[i], `undo of ${steps[i]!.join(' ')}`)
    }
  })

  it('merges into hand-written events.ts and cli.ts, keeping every other byte', async (t) => {
    const app = await salesApp(t)
    writeFileSync(join(app, 'src/modules/sales/events.ts'), HAND_EVENTS)
    writeFileSync(join(app, 'src/modules/sales/cli.ts'), HAND_CLI)
    await ok(app, 'event', 'sales', 'sales.order.paid')
    assert.equal(read(app, 'src/modules/sales/events.ts'), HAND_EVENTS.replace(
      "category: 'crud' }, // the first one\n",
      "category: 'crud' }, // the first one\n    { id: 'sales.order.paid', label: 'Order paid', entity: 'order', category: 'custom' },\n",
    ))
    await ok(app, 'cli', 'sales', 'hello')
    assert.equal(read(app, 'src/modules/sales/cli.ts'), HAND_CLI, 'an existing command is left alone')
    const diff = await ok(app, 'cli', 'sales', 'import', '--dry-run', '--diff')
    assert.match(diff, /\+const importCommand: ModuleCli = \{/)
    await ok(app, 'cli', 'sales', 'import')
    const merged = read(app, 'src/modules/sales/cli.ts')
    assert.ok(merged.startsWith(HAND_CLI.slice(0, HAND_CLI.indexOf('/* every command'))))
    assert.match(merged, /\}\n\n\/\* every command of sales \*\/\nconst commands = \[\n  hello,\n  importCommand,\n\]\n\nexport default commands\n$/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
  })

  it('widgets: a dashboard widget, injection widgets placed in spots through a hand-written injection-table.ts; tsc passes; undo restores', async (t) => {
    const app = await salesApp(t)
    const before = hashTree(app)
    await ok(app, 'widget', 'sales', 'revenue', '--kind', 'dashboard', '--title', "Today's revenue")
    const dashboard = read(app, 'src/modules/sales/widgets/dashboard/revenue/widget.tsx')
    assert.match(dashboard, /const widget: DashboardWidgetModule = \{\n  metadata: \{\n    id: 'sales\.dashboard\.revenue',\n    title: 'Today\\'s revenue',\n    features: \['sales\.view'\],/)
    await ok(app, 'undo', '--yes')
    assert.equal(hashTree(app), before)

    const table = `import type { ModuleInjectionTable } from '@open-mercato/shared/modules/widgets/injection'\n\nconst table: ModuleInjectionTable = {\n  // the order form\n  'crud-form:sales.order': 'sales.injection.legacy',\n}\n\nexport default table\n`
    await ok(app, 'widget', 'sales', 'legacy', '--kind', 'injection')
    writeFileSync(join(app, 'src/modules/sales/widgets/injection-table.ts'), table)
    await ok(app, 'generate') // the registry lists injection tables, so the hand-written one is generated in too
    const placed = hashTree(app)
    await ok(app, 'widget', 'sales', 'notes', '--kind', 'injection', '--spot', 'crud-form:sales.order', '--priority', '10')
    await ok(app, 'widget', 'sales', 'menu', '--kind', 'injection', '--spot', 'menu:sidebar:main')
    assert.match(await ok(app, 'widget', 'sales', 'menu', '--kind', 'injection', '--spot', 'menu:sidebar:main'), /nothing to change/)
    assert.equal(read(app, 'src/modules/sales/widgets/injection-table.ts'), table.replace(
      "  'crud-form:sales.order': 'sales.injection.legacy',\n",
      "  'crud-form:sales.order': ['sales.injection.legacy', { widgetId: 'sales.injection.notes', priority: 10 }],\n  'menu:sidebar:main': 'sales.injection.menu',\n",
    ))
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
    const list = JSON.parse((await cli(['list', '--json', '--cwd', app])).stdout).data
    assert.deepEqual((list.data ?? list).widgets.map((w: { kind: string; widgetId?: string; key: string }) => [w.kind, w.widgetId ?? w.key]),
      [['injection', 'sales.injection.legacy'], ['injection', 'sales.injection.menu'], ['injection', 'sales.injection.notes']])
    await ok(app, 'undo', '--yes')
    await ok(app, 'undo', '--yes')
    assert.equal(hashTree(app), placed)

    for (const [args, message] of [
      [['widget', 'sales', 'x'], /kind/],
      [['widget', 'sales', 'x', '--kind', 'dashboard', '--spot', 'menu:sidebar:main'], /--spot and --priority place injection widgets/],
      [['widget', 'sales', 'x', '--kind', 'injection', '--spot', 'bad spot'], /spot ids look like/],
      [['widget', 'sales', 'x', '--kind', 'tile'], /kind/],
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
    await ok(app, 'extension', 'loyalty', 'CustomerNote', '--base', 'sales:order', '--cardinality', 'one-to-many', '--description', 'Notes on orders')
    assert.match(await ok(app, 'extension', 'loyalty', 'CustomerNote', '--base', 'sales:order', '--cardinality', 'one-to-many'), /nothing to change/)
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
    await ok(app, 'data-entity', 'sales', 'Order')
    mkdirSync(join(app, 'src/modules/loyalty/data'))
    writeFileSync(join(app, 'src/modules/loyalty/data/entities.ts'), [
      "import { Entity, ManyToOne, PrimaryKey } from '@mikro-orm/decorators/legacy'",
      "import { Order } from '../../sales/data/entities'",
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
    const out = r.stdout + r.stderr
    assert.match(out, /src\/modules\/loyalty\/data\/entities\.ts:9.*@ManyToOne\(\(\) => Order\) relates to a class this module does not declare \(module sales\); modules link by id: extension loyalty <Name> --base sales:order/)
    assert.match(out, /entities\.ts:2.*imports \.\.\/\.\.\/sales\/data\/entities from module sales.*extension loyalty <Name> --base sales:<entity>/)
  })

  it('subscriber --event warns when no enabled module declares the event, and not once one does', async (t) => {
    const app = await salesApp(t)
    assert.match(await ok(app, 'subscriber', 'sales', 'audit', '--event', 'sales.order.lost'), /sales\.order\.lost is declared by no enabled module's events\.ts; declare it with: event sales order\.lost/)
    await ok(app, 'event', 'sales', 'order.won')
    assert.doesNotMatch(await ok(app, 'subscriber', 'sales', 'celebrate', '--event', 'sales.order.won'), /declared by no enabled module/)
  })

  it('refuses bad input in one line with exit 2 and changes nothing', async (t) => {
    const app = await salesApp(t)
    writeFileSync(join(app, 'src/modules/sales/cli.ts'), 'export default function run() {}\n')
    const before = hashTree(app)
    for (const [args, message] of [
      [['event', 'sales', 'shipped'], /write the event as entity\.action/],
      [['event', 'sales', 'billing.invoice.paid'], /names module "billing", but events of sales start with "sales\."/],
      [['event', 'ghost', 'order.paid'], /unknown module "ghost"/],
      [['event', 'sales', 'order.paid', '--category', 'misc'], /category/],
      [['worker', 'sales', 'sync'], /queue/],
      [['worker', 'sales', 'sync', '--queue', 'Sales Sync'], /queue names are lowercase/],
      [['worker', 'sales', 'sync', '--queue', 'q', '--concurrency', '0'], /at least 1/],
      [['worker', 'sales', '../x', '--queue', 'q'], /must not contain/],
      [['cli', 'sales', 'Seed Orders'], /commands are lowercase words/],
      [['cli', 'db', 'seed'], /"db" is reserved by the mercato CLI/],
      [['cli', 'sales', 'seed'], /has no default-exported array of commands/],
    ] as const) {
      const r = await cli([...args, '--cwd', app])
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
      assert.equal(hashTree(app), before, args.join(' '))
    }
  })
})
