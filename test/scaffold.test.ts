import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp, typecheck, type CliResult } from './helpers.ts'

/** One of every kind of scaffold, as a user would type them. */
const EVERY_KIND: string[][] = [
  ['module', 'my_sales'],
  ['module', 'clients', '--with-page', '--locales', 'en,pl'],
  ['page', 'my_sales', 'reports', '--title', 'Sales reports', '--group', 'Sales', '--order', '20', '--icon', 'chart', '--require-roles', 'admin'],
  ['page', 'my_sales', 'orders/[id]', '--require-features', 'my_sales.orders.view'],
  ['page', 'my_sales', 'docs/[[...slug]]', '--area', 'frontend'],
  ['page', 'my_sales', 'hidden', '--nav-hidden', '--no-require-auth'],
  ['api', 'my_sales', 'stats'],
  ['api', 'my_sales', 'orders/[id]', '--methods', 'GET,PUT,PATCH,DELETE'],
  ['api', 'my_sales', 'webhook', '--methods', 'POST', '--public'],
  ['subscriber', 'my_sales', 'notify-warehouse', '--event', 'my_sales.order.created', '--persistent', '--priority', '5'],
  ['subscriber', 'my_sales', 'audit', '--event', 'my_sales.order.updated', '--sync', '--id', 'my_sales:audit-trail'],
  ['entity', 'my_sales', 'order_note', '--field', 'title:text:required,indexed,listVisible', '--field', 'status:select=draft|done:filterable', '--field', 'body:multiline:formEditable',
    '--field', 'count:integer', '--field', 'score:float', '--field', 'done:boolean', '--field', 'due:date', '--show-in-sidebar'],
  ['data-entity', 'my_sales', 'SalesOrder', '--field', 'total:float:required', '--field', 'customer:ref=clients.Customer:indexed', '--field', 'placedAt:date',
    '--field', 'note:text', '--field', 'lines:integer:required', '--field', 'paid:boolean:required', '--field', 'meta:json', '--field', 'code:uuid:unique', '--crud'],
]

async function scaffoldAll(app: string) {
  const outputs: CliResult[] = []
  for (const args of EVERY_KIND) {
    const r = await cli([...args, '--cwd', app])
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    outputs.push(r)
  }
  return outputs
}

describe('every scaffold in one app', () => {
  it('writes each kind where Open Mercato discovers it, and the real tsc passes on the whole app', async (t) => {
    const app = await starterApp(t)
    const outputs = await scaffoldAll(app)
    const m = join(app, 'src/modules/my_sales')
    for (const file of [
      'backend/my_sales/reports/page.tsx', 'backend/my_sales/reports/page.meta.ts', 'backend/my_sales/orders/[id]/page.tsx',
      'frontend/docs/[[...slug]]/page.tsx', 'api/stats/route.ts', 'api/orders/[id]/route.ts', 'api/webhook/route.ts',
      'subscribers/notify-warehouse.ts', 'ce.ts', 'data/entities.ts', 'data/validators.ts', 'api/sales-orders/route.ts',
    ]) assert.ok(existsSync(join(m, file)), file)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)

    assert.match(outputs[2]!.stderr, /serves \/backend\/my_sales\/reports/)
    assert.match(outputs[4]!.stderr, /serves \/docs\/\[\[\.\.\.slug\]\]/)
    const meta = read(m, 'backend/my_sales/reports/page.meta.ts')
    for (const line of ["requireAuth: true", "requireRoles: ['admin']", "requireFeatures: ['my_sales.view']", "pageTitle: 'Sales reports'", "pageTitleKey: 'my_sales.page.reports.title'", "pageGroup: 'Sales'", 'pageOrder: 20', "icon: 'chart'"]) {
      assert.ok(meta.includes(line), line)
    }
    assert.match(read(m, 'backend/my_sales/hidden/page.meta.ts'), /requireAuth: false,[\s\S]*navHidden: true/)
    assert.match(read(m, 'frontend/docs/[[...slug]]/page.tsx'), /type Params = \{ slug\?: string\[\] \}/)
    const en = JSON.parse(read(m, 'i18n/en.json'))
    assert.equal(en['my_sales.page.reports.title'], 'Sales reports')
    assert.equal(en['my_sales.nav.sales'], 'Sales')
    assert.match(read(app, 'src/modules/clients/i18n/pl.json'), /"clients.page.title": "Clients"/)

    const acl = read(m, 'acl.ts')
    assert.match(acl, /\{ id: 'my_sales.orders.view', title: 'My sales orders view', module: 'my_sales' \},\n/, 'a feature a page requires is declared')
    assert.match(acl, /\{ id: 'my_sales.sales_order.view', title: 'My sales sales order view', module: 'my_sales' \},\n  \{ id: 'my_sales.sales_order.manage', .*\},\n\]/, "the CRUD route's features, per entity")

    const route = read(m, 'api/orders/[id]/route.ts')
    assert.match(route, /GET: \{ requireAuth: true, requireFeatures: \['my_sales.view'\] \},\n  PUT: \{ requireAuth: true, requireFeatures: \['my_sales.manage'\] \}/)
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) assert.match(route, new RegExp(`export async function ${method}\\(req: Request, ctx: RouteContext = \\{\\}\\)`))
    assert.match(route, /export const openApi: OpenApiRouteDoc = \{/)
    assert.match(read(m, 'api/webhook/route.ts'), /POST: \{ requireAuth: false \}/)
    const validators = read(m, 'data/validators.ts')
    for (const name of ['mySalesStatsQuerySchema', 'mySalesOrdersIdBodySchema', 'mySalesWebhookResponseSchema', 'salesOrderCreateSchema', 'salesOrderUpdateSchema']) {
      assert.match(validators, new RegExp(`export const ${name} =`))
    }

    const subscriber = read(m, 'subscribers/notify-warehouse.ts')
    assert.match(subscriber, /export const metadata = \{\n  event: 'my_sales.order.created',\n  id: 'my_sales:notify-warehouse',\n  persistent: true,\n  priority: 5,\n\}/)
    assert.match(subscriber, /export default async function handle\(payload: MySalesOrderCreatedPayload, ctx: SubscriberContext\)/)
    assert.match(read(m, 'subscribers/audit.ts'), /id: 'my_sales:audit-trail',\n  persistent: false,\n  sync: true,/)

    const ce = read(m, 'ce.ts')
    assert.match(ce, /id: 'my_sales:order_note',\n    label: 'Order Note',\n    showInSidebar: true,/)
    assert.match(ce, /\{ key: 'status', kind: 'select', label: 'Status', options: \['draft', 'done'\], filterable: true \}/)

    const entities = read(m, 'data/entities.ts')
    assert.match(entities, /@Entity\(\{ tableName: 'sales_orders' \}\)\n@Unique\(\{ name: 'sales_orders_code_unique', properties: \['tenantId', 'organizationId', 'code'\] \}\)\nexport class SalesOrder \{/)
    for (const column of ["name: 'tenant_id', type: 'uuid'", "name: 'organization_id', type: 'uuid'", "name: 'created_at'", "name: 'updated_at'", "name: 'deleted_at'", "type: 'uuid', defaultRaw: 'gen_random_uuid()'"]) {
      assert.ok(entities.includes(column), column)
    }
    assert.match(entities, /@Index\(\{ name: 'sales_orders_customer_id_idx' \}\)\n  @Property\(\{ name: 'customer_id', type: 'uuid', nullable: true \}\)\n  customerId\?: string \| null/)
    assert.doesNotMatch(entities, /import .*clients/, 'no import of another module')
    assert.match(outputs[12]!.stderr, /customer → clients.Customer \(module clients\) is stored as the plain id column customer_id/)
  })

  it('running every command again changes nothing', async (t) => {
    const app = await starterApp(t)
    await scaffoldAll(app)
    const before = hashTree(app)
    const outputs = await scaffoldAll(app)
    for (const out of outputs) assert.match(out.stdout, /^nothing to change/)
    assert.equal(hashTree(app), before)
  })

  it('data-entity adds new fields to an existing entity and its zod schema, and refuses a changed one', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'fleet', '--cwd', app])
    await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--cwd', app])
    const m = join(app, 'src/modules/fleet')
    const before = read(m, 'data/entities.ts')
    const r = await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'mileage:integer', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(read(m, 'data/entities.ts'), before.replace(/\n\}\n$/, "\n\n  @Property({ type: 'integer', nullable: true })\n  mileage?: number | null\n}\n"))
    assert.match(read(m, 'data/validators.ts'), /plate: z.string\(\).min\(1\),\n  mileage: z.number\(\).int\(\).nullable\(\).optional\(\),\n\}\)/)
    const refused = await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:integer', '--cwd', app])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /Vehicle.plate already exists in src\/modules\/fleet\/data\/entities.ts/)
    assert.ok(typecheck(app).ok)
  })
})

describe('api on an existing route', () => {
  it('adds methods to an untouched scaffolded route.ts, and leaves an edited one to the user', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app])
    await cli(['api', 'my_sales', 'stats', '--cwd', app])
    const r = await cli(['api', 'my_sales', 'stats', '--methods', 'POST,DELETE', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /done: api GET,POST,DELETE \/api\/my_sales\/stats/)
    const route = read(app, 'src/modules/my_sales/api/stats/route.ts')
    for (const method of ['GET', 'POST', 'DELETE']) assert.match(route, new RegExp(`export async function ${method}\\(`))
    assert.match(read(app, 'src/modules/my_sales/data/validators.ts'), /export const mySalesStatsBodySchema = z.object/)
    assert.ok(typecheck(app).ok, typecheck(app).output)

    writeFileSync(join(app, 'src/modules/my_sales/api/stats/route.ts'), `${route}\n// tuned by hand\n`)
    const before = hashTree(app)
    const refused = await cli(['api', 'my_sales', 'stats', '--methods', 'PUT', '--cwd', app])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /route.ts was edited after it was scaffolded \(it serves GET, POST, DELETE\); add PUT to it by hand\n$/)
    assert.equal(hashTree(app), before)
  })
})
