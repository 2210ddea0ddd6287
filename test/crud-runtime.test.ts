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
    ['entity', 'my_sales', 'order', '--field', 'color:text'],
    ['data-entity', 'my_sales', 'Order', '--field', 'total:number:required', '--field', 'code:string:unique', '--field', 'placed_at:datetime', '--crud', '--events'],
    ['subscriber', 'my_sales', 'audit', '--event', 'my_sales.order.created'],
    ['subscriber', 'my_sales', 'guard', '--event', 'my_sales.order.creating', '--sync'],
  ]) {
    const r = await cli([...args, '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
  }
  return app
}

type Command = {
  id: string
  prepare?: (input: unknown, ctx: unknown) => Promise<{ before?: unknown } | null>
  execute: (input: unknown, ctx: unknown) => Promise<Record<string, any>>
  captureAfter?: (input: unknown, result: unknown, ctx: unknown) => Promise<unknown>
  buildLog?: (args: unknown) => Promise<Record<string, any>>
  undo: (args: { input: unknown; ctx: unknown; logEntry: Record<string, unknown> }) => Promise<void>
}

/**
 * The route and commands loaded the way the app loads them (through the generated registry), on a
 * real MikroORM over PGlite, with Open Mercato's makeCrudRoute and command bus stood in for: the
 * route's options are read, and each command runs as the bus runs it (prepare, execute,
 * captureAfter, buildLog; undo with the log entry).
 */
async function sliceThroughRegistry(t: import('node:test').TestContext, app: string) {
  const url = (rel: string) => pathToFileURL(join(app, rel)).href
  const { Order } = await import(url('src/modules/my_sales/data/entities.ts'))
  mkdirSync(join(app, '.mercato/db'), { recursive: true })
  const orm = await MikroORM.init({ dbName: join(app, '.mercato/db/crud'), entities: [Order] })
  t.after(() => orm.close())
  await orm.schema.create()
  const changes: Array<[string, string]> = []
  const customValues = new Map<string, Record<string, unknown>>()
  const g = globalThis as { __customValues?: unknown }
  g.__customValues = customValues
  const em = orm.em.fork()
  // what Open Mercato's data engine does for ORM entities, and a note of each change it is told of
  const dataEngine = {
    async createOrmEntity({ entity, data }: any) { const e = em.create(entity, data); await em.persist(e).flush(); return e },
    async updateOrmEntity({ entity, where, apply }: any) { const e = await em.findOne(entity, where); if (!e) return null; await apply(e); await em.flush(); return e },
    async deleteOrmEntity({ entity, where, softDeleteField }: any) { const e: any = await em.findOne(entity, where); if (!e) return null; e[softDeleteField] = new Date(); await em.flush(); return e },
    async setCustomFields({ recordId, values }: any) { customValues.set(recordId, { ...customValues.get(recordId), ...values }) },
    markOrmEntityChange({ action, entity, events, indexer }: any) { changes.push([action, `${events ? `${events.module}.${events.entity}` : 'no events'} / ${indexer?.entityType}:${entity.id}`]) },
  }
  const container = { resolve: (name: string) => (name === 'em' ? em : name === 'dataEngine' ? dataEngine : undefined) }
  const { modules } = await import(url('.mercato/generated/modules.runtime.generated.ts'))
  const api = modules[0].apis.find((a: { path: string }) => a.path === '/my_sales/orders')
  // the registry loads a route on its first request; the stand-in factory answers it
  assert.equal((await api.handlers.GET(new Request('http://localhost/api/my_sales/orders'))).status, 501)
  const { crudRoutes } = await import(pathToFileURL(join(import.meta.dirname, 'fixtures/open-mercato-shared/lib/crud/factory.ts')).href)
  const { commands } = await import(pathToFileURL(join(import.meta.dirname, 'fixtures/open-mercato-shared/lib/commands.ts')).href)
  // a superadmin with no organization selected (null) may see every organization of the tenant
  const ctxOf = (orgId: string | null, request?: Request) => ({ container, auth: { sub: 'u1', tenantId: TENANT, orgId, roles: [orgId ? 'admin' : 'superadmin'] }, selectedOrganizationId: orgId, organizationIds: orgId ? [orgId] : null, organizationScope: null, request })
  /** One command through the bus: returns the result and the log entry an undo gets. */
  const run = async (id: string, input: unknown, orgId: string | null = ORG, request?: Request) => {
    const command = commands.get(id) as Command
    assert.ok(command, `command ${id} is registered`)
    const ctx = ctxOf(orgId, request)
    const before = (await command.prepare?.(input, ctx))?.before
    const result = await command.execute(input, ctx)
    const after = await command.captureAfter?.(input, result, ctx)
    const log = await command.buildLog?.({ input, result, ctx, snapshots: { before, after } })
    // the action log is stored as JSON: timestamps in its snapshots come back as strings
    const logEntry = JSON.parse(JSON.stringify(log ?? {}))
    return { result, log: log ?? {}, undo: () => command.undo({ input, ctx, logEntry }) }
  }
  const row = async (id: string) => { em.clear(); return em.findOne(Order, { id }) as Promise<Record<string, any> | null> }
  return { route: crudRoutes.at(-1) as Record<string, any>, Order, run, row, changes, customValues }
}

describe("the CRUD slice follows Open Mercato's runtime conventions", () => {
  it('the route is makeCrudRoute over the commands: query index, custom fields from ce.ts, list fields and sort map, events by the factory', async (t) => {
    const app = await salesApp(t)
    const { route, Order } = await sliceThroughRegistry(t, app)
    assert.equal(route.orm.entity, Order)
    assert.deepEqual({ ...route.orm, entity: undefined }, { entity: undefined, idField: 'id', orgField: 'organizationId', tenantField: 'tenantId', softDeleteField: 'deletedAt' })
    assert.deepEqual(route.indexer, { entityType: 'my_sales:order' })
    assert.deepEqual(route.events, { module: 'my_sales', entity: 'order', persistent: true })
    assert.deepEqual(route.metadata.PUT, { requireAuth: true, requireFeatures: ['my_sales.order.manage'] })
    assert.deepEqual(route.list.fields, ['id', 'total', 'code', 'placed_at', 'tenant_id', 'organization_id', 'is_active', 'created_at', 'updated_at', 'cf:color'])
    assert.equal(route.list.entityId, 'my_sales:order')
    assert.deepEqual([route.list.sortFieldMap.placedAt, route.list.sortFieldMap.placed_at, route.list.sortFieldMap.cf_color], ['placed_at', 'placed_at', 'cf:color'])
    assert.deepEqual(await route.list.buildFilters({ id: 'x', search: 'a%b' }), { id: 'x', code: { $ilike: '%a\\%b%' } })
    assert.deepEqual(route.list.transformItem({ id: '1', total: 5, placed_at: 'p', updated_at: 'u', 'cf:color': 'red' }),
      { id: '1', total: 5, code: undefined, placedAt: 'p', tenantId: undefined, organizationId: undefined, isActive: undefined, createdAt: undefined, updatedAt: 'u', cf_color: 'red' })
    assert.deepEqual([route.actions.create.commandId, route.actions.update.commandId, route.actions.delete.commandId], ['my_sales.orders.create', 'my_sales.orders.update', 'my_sales.orders.delete'])
    assert.equal(route.actions.create.schema.safeParse({ total: 'x' }).success, false, 'the factory refuses a wrong field before the command runs')
    assert.deepEqual(route.actions.create.schema.parse({ total: 1, cf_color: 'red' }), { total: 1, cf_color: 'red' }, 'custom fields pass through to the command')
  })

  it('create, update and delete run as commands on the real ORM, in the caller\'s organization, and each undo puts the row back', async (t) => {
    const app = await salesApp(t)
    const { run, row, changes, customValues } = await sliceThroughRegistry(t, app)
    const created = await run('my_sales.orders.create', { total: 10, code: 'A-1', cf_color: 'red' })
    const id = created.result.id as string
    assert.deepEqual([created.result.tenantId, created.result.organizationId, created.result.total], [TENANT, ORG, 10])
    assert.deepEqual(customValues.get(id), { color: 'red' })
    assert.equal(created.log.resourceKind, 'my_sales.order')
    assert.equal(created.log.snapshotAfter.custom.color, 'red')

    await assert.rejects(run('my_sales.orders.update', { id, total: 1 }, OTHER_ORG), (e: { status?: number }) => e.status === 404, "another organization's record is not found")
    const updated = await run('my_sales.orders.update', { id, total: 11, placedAt: '2024-11-02T09:30:00.000Z', cf_color: 'blue' })
    assert.equal((await row(id))!.total, 11)
    assert.deepEqual(updated.log.changes.total, { from: 10, to: 11 })
    await updated.undo()
    const undone = (await row(id))!
    assert.deepEqual([undone.total, undone.placedAt], [10, null])
    assert.deepEqual(customValues.get(id), { color: 'red' })

    const deleted = await run('my_sales.orders.delete', { query: { id } })
    assert.ok((await row(id))!.deletedAt, 'soft-deleted')
    await deleted.undo()
    assert.equal((await row(id))!.deletedAt, null, 'undo of delete restores the row')
    await created.undo()
    assert.ok((await row(id))!.deletedAt, 'undo of create deletes it again')
    assert.deepEqual(changes.map(([action]) => action), ['created', 'updated', 'updated', 'deleted', 'created', 'deleted'])

    // a superadmin with no organization selected creates in the organization the body names, and edits any of the tenant's
    await assert.rejects(run('my_sales.orders.create', { total: 1 }, null), (e: { status?: number }) => e.status === 400)
    const elsewhere = await run('my_sales.orders.create', { total: 2, organizationId: OTHER_ORG }, null)
    assert.equal(elsewhere.result.organizationId, OTHER_ORG)
    await run('my_sales.orders.update', { id: elsewhere.result.id, total: 3 }, null)
    assert.equal((await row(elsewhere.result.id))!.total, 3)
    await assert.rejects(run('my_sales.orders.create', { total: 2, organizationId: OTHER_ORG }), (e: { status?: number }) => e.status === 403, 'an admin may not name an organization outside its own')
    assert.equal(changes[0]![1], `my_sales.order / my_sales:order:${id}`)
  })

  it('update and delete refuse a stale edit with 409 (the updatedAt the client read is not the stored one), and nothing changes', async (t) => {
    const app = await salesApp(t)
    const { run, row } = await sliceThroughRegistry(t, app)
    const lockedAt = (updatedAt: Date | string) => new Request('http://localhost/api/my_sales/orders', { method: 'PUT', headers: { 'x-om-ext-optimistic-lock-expected-updated-at': new Date(updatedAt).toISOString() } })
    const id = (await run('my_sales.orders.create', { total: 10 })).result.id as string
    const read = (await row(id))!.updatedAt as Date
    await run('my_sales.orders.update', { id, total: 11 }, ORG, lockedAt(read))
    assert.equal((await row(id))!.total, 11, 'an edit from the current version is made')
    const stale = (e: { status?: number; body?: { code?: string } }) => e.status === 409 && e.body?.code === 'optimistic_lock_conflict'
    await assert.rejects(run('my_sales.orders.update', { id, total: 12 }, ORG, lockedAt(read)), stale, 'an edit from the version before is refused')
    assert.equal((await row(id))!.total, 11)
    await assert.rejects(run('my_sales.orders.delete', { query: { id } }, ORG, lockedAt(read)), stale, 'a delete from the version before is refused')
    assert.equal((await row(id))!.deletedAt, null)
    await run('my_sales.orders.update', { id, total: 13 })
    assert.equal((await row(id))!.total, 13, 'a write without the header is not checked')
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
