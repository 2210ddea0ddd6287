import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { MikroORM } from '@mikro-orm/pglite'
import { cli, read, starterApp, typecheck } from './helpers.ts'
import './registry-hooks.ts'

const TENANT = '11111111-1111-4111-8111-111111111111'
const ORG = '22222222-2222-4222-8222-222222222222'
const OTHER_ORG = '33333333-3333-4333-8333-333333333333'

async function salesApp(t: import('node:test').TestContext) {
  const app = await starterApp(t)
  for (const args of [
    ['module', 'my_sales'],
    ['data-entity', 'my_sales', 'Order', '--field', 'total:float', '--crud'],
    ['subscriber', 'my_sales', 'audit', '--event', 'my_sales.order.created'],
    ['subscriber', 'my_sales', 'guard', '--event', 'my_sales.order.creating', '--sync'],
  ]) {
    const r = await cli([...args, '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
  }
  return app
}

type Handlers = Record<'GET' | 'POST' | 'PUT' | 'DELETE', (req: Request) => Promise<Response>>

/** The CRUD route's handlers reached the way the app reaches them: through the generated registry, on a real MikroORM over PGlite. */
async function crudThroughRegistry(t: import('node:test').TestContext, app: string) {
  const url = (rel: string) => pathToFileURL(join(app, rel)).href
  const { Order } = await import(url('src/modules/my_sales/data/entities.ts'))
  mkdirSync(join(app, '.mercato/db'), { recursive: true })
  const orm = await MikroORM.init({ dbName: join(app, '.mercato/db/crud'), entities: [Order] })
  t.after(() => orm.close())
  await orm.schema.create()
  const events: Array<[string, Record<string, unknown>]> = []
  const bus = { emitEvent: async (event: string, payload: Record<string, unknown>) => { events.push([event, payload]) } }
  const g = globalThis as { __container?: unknown; __auth?: unknown }
  g.__container = { resolve: (name: string) => (name === 'em' ? orm.em.fork() : name === 'eventBus' ? bus : undefined) }
  const { modules } = await import(url('.mercato/generated/modules.runtime.generated.ts'))
  const route = modules[0].apis.find((a: { path: string }) => a.path === '/my_sales/orders')
  const call = (method: keyof Handlers, auth: unknown, query = '', body?: unknown) => {
    g.__auth = auth
    return (route.handlers as Handlers)[method](new Request(`http://localhost/api/my_sales/orders${query}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) }))
  }
  return { call, events, em: orm.em }
}

describe("the scaffolded CRUD route follows Open Mercato's runtime conventions", () => {
  it('lists in the paged shape, lets a superadmin with no organization through, emits created/updated/deleted', async (t) => {
    const app = await salesApp(t)
    const { call, events } = await crudThroughRegistry(t, app)
    const admin = { sub: 'u1', tenantId: TENANT, orgId: ORG, roles: ['admin'] }

    assert.equal((await call('GET', null)).status, 401)
    assert.equal((await call('GET', { sub: 'u2', tenantId: TENANT, orgId: null, roles: ['employee'] })).status, 401, 'no organization and no superadmin')

    const ids: string[] = []
    for (const total of [10, 20, 30]) {
      const created = await call('POST', admin, '', { total })
      assert.equal(created.status, 201)
      ids.push((await created.json()).id)
    }
    const elsewhere = await call('POST', { ...admin, orgId: OTHER_ORG }, '', { total: 99 })
    assert.equal(elsewhere.status, 201)

    const page = await (await call('GET', admin, '?page=2&pageSize=2')).json()
    assert.deepEqual({ ...page, items: page.items.length }, { items: 1, total: 3, page: 2, pageSize: 2, totalPages: 2 })

    const superadmin = { sub: 'root', tenantId: TENANT, orgId: null, roles: ['superadmin'] }
    const all = await call('GET', superadmin)
    assert.equal(all.status, 200, 'a superadmin with no selected organization sees the tenant')
    assert.equal((await all.json()).total, 4)
    assert.equal((await call('POST', superadmin, '', { total: 1 })).status, 400, 'creating needs an organization')

    assert.equal((await call('PUT', admin, '', { id: ids[0], total: 11 })).status, 200)
    assert.equal((await call('DELETE', admin, `?id=${ids[1]}`)).status, 200)
    assert.equal((await (await call('GET', admin)).json()).total, 2)
    assert.equal((await call('PUT', { ...admin, orgId: OTHER_ORG }, '', { id: ids[0], total: 1 })).status, 404, "another organization's record is not found")

    assert.deepEqual(events.map(([event, payload]) => [event, Object.keys(payload).sort()]).slice(0, 1), [['my_sales.order.created', ['id', 'organizationId', 'tenantId']]])
    assert.deepEqual(events.map(([event]) => event), ['my_sales.order.created', 'my_sales.order.created', 'my_sales.order.created', 'my_sales.order.created', 'my_sales.order.updated', 'my_sales.order.deleted'])
    assert.deepEqual(events.at(-1)![1], { id: ids[1], organizationId: ORG, tenantId: TENANT })
  })

  it('subscriber payloads are typed as Open Mercato sends them, and ce.ts rejects a wrong field kind', async (t) => {
    const app = await salesApp(t)
    assert.equal((await cli(['entity', 'my_sales', 'note', '--field', 'body:text', '--cwd', app])).code, 0)
    assert.ok(typecheck(app).ok, typecheck(app).output)

    const ce = join(app, 'src/modules/my_sales/ce.ts')
    const good = read(ce)
    assert.match(good, /export const entities: CustomEntitySpec\[\] = \[/)
    writeFileSync(ce, good.replace("kind: 'text'", "kind: 'txt'"))
    assert.match(typecheck(app).output, /ce\.ts.*error TS2820: Type '"txt"' is not assignable to type 'CustomFieldKind'/)
    writeFileSync(ce, good)

    // the async CRUD event carries the record's id; the sync hook's payload carries resourceId
    const audit = join(app, 'src/modules/my_sales/subscribers/audit.ts')
    writeFileSync(audit, `${read(audit)}\nexport const probe = (p: MySalesOrderCreatedPayload): string => p.id\n`)
    const guard = join(app, 'src/modules/my_sales/subscribers/guard.ts')
    writeFileSync(guard, `${read(guard)}\nexport const probe = (p: MySalesOrderCreatingPayload) => [p.resourceId, p.operation, p.timing, p.userId, p.em]\n`)
    assert.ok(typecheck(app).ok, typecheck(app).output)
    writeFileSync(audit, `${read(audit)}\nexport const wrong = (p: MySalesOrderCreatedPayload) => p.resourceId\n`)
    assert.match(typecheck(app).output, /audit\.ts.*error TS2339: Property 'resourceId' does not exist/)
  })
})
