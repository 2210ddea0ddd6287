import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp, typecheck } from './helpers.ts'

/** One field of every type data-entity takes, with each flag somewhere. */
const EVERY_TYPE = [
  'plate:string:required,unique', 'model:text:required', 'notes:textarea', 'mileage:integer:indexed', 'seats:smallint', 'odometer:bigint',
  'range_km:number', 'fuel_use:float', 'weight:double', 'price:decimal=12,2', 'electric:boolean', 'available:checkbox',
  'registered_on:date', 'serviced_at:datetime', 'pickup:time', 'tracker:uuid:unique=global', 'specs:json', 'status:enum=active|retired',
  'fuel:select(diesel|petrol)', 'owner:ref=fleet.Depot', 'driver_email:string:pii',
]
const SLICE = ['data-entity', 'fleet', 'Vehicle', ...EVERY_TYPE.flatMap((f) => ['--field', f]), '--crud', '--events', '--search']

async function fleetApp(t: import('node:test').TestContext) {
  const app = await starterApp(t)
  for (const args of [['module', 'fleet', '--locales', 'en,pl'], ['entity', 'fleet', 'vehicle', '--field', 'color:text:listVisible'], ['data-entity', 'fleet', 'Depot', '--field', 'name:text']]) {
    const r = await cli([...args, '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
  }
  return app
}

describe('data-entity --crud: the whole slice as one plan', () => {
  it('the fleet entity of these tests has a field of every type the tool accepts', async () => {
    const schema = await cli(['schema', 'data-entity'])
    assert.equal(schema.code, 0, schema.stderr)
    const text: string = JSON.parse(schema.stdout).input.properties.field.description
    const accepted = /types ([a-z, ]+?) \(/.exec(text)?.[1].split(', ') ?? []
    assert.ok(accepted.length >= 20, text)
    const used = new Set(EVERY_TYPE.map((f) => /^[a-z]+/.exec(f.split(':')[1])![0]))
    assert.deepEqual(accepted.filter((type) => !used.has(type)), [])
  })

  it('every field type: tsc passes, doctor is clean, generate --check passes, a rerun changes nothing, undo restores every byte', async (t) => {
    const app = await fleetApp(t)
    const before = hashTree(app)
    const r = await cli([...SLICE, '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    const m = join(app, 'src/modules/fleet')
    for (const file of ['commands/vehicles.ts', 'api/vehicles/route.ts', 'search.ts', 'encryption.ts', 'events.ts', 'components/vehicles-form.ts',
      'backend/fleet/vehicles/page.tsx', 'backend/fleet/vehicles/page.meta.ts', 'backend/fleet/vehicles/create/page.tsx', 'backend/fleet/vehicles/create/page.meta.ts', 'backend/fleet/vehicles/[id]/page.tsx', 'backend/fleet/vehicles/[id]/page.meta.ts']) {
      assert.ok(existsSync(join(m, file)), file)
    }
    assert.match(r.stderr, /note: i18n: pl got the English strings of the pages; translate \d+ keys there/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
    const doctor = await cli(['doctor', '--cwd', app])
    assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr)
    assert.equal((await cli(['generate', '--check', '--cwd', app])).code, 0)

    const after = hashTree(app)
    const again = await cli([...SLICE, '--cwd', app])
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /^nothing to change/)
    assert.equal(hashTree(app), after)

    assert.equal((await cli(['undo', '--cwd', app, '--yes'])).code, 0)
    assert.equal(hashTree(app), before)
  })

  it('commands are registered under <module>.<entities>.create|update|delete with undo, the route lists through the query index', async (t) => {
    const app = await fleetApp(t)
    assert.equal((await cli([...SLICE, '--cwd', app])).code, 0)
    const m = join(app, 'src/modules/fleet')
    const commands = read(m, 'commands/vehicles.ts')
    for (const line of ["id: 'fleet.vehicles.create',", "id: 'fleet.vehicles.update',", "id: 'fleet.vehicles.delete',", 'registerCommand(createVehicleCommand)', 'isUndoable: true', 'await refuseStale(ctx, id)',
      "await enforceCommandOptimisticLockWithGuards(ctx.container, { resourceKind: 'fleet.vehicle', resourceId: id, current: current.updatedAt ?? null, request: ctx.request ?? null })", 'async undo({ logEntry, ctx })',
      "export const vehicleCrudEvents: CrudEventsConfig<Vehicle> = { module: 'fleet', entity: 'vehicle', persistent: true }", "export const VEHICLE_ENTITY_ID = 'fleet:vehicle'"]) {
      assert.ok(commands.includes(line), line)
    }
    assert.match(commands, /const DATE_FIELDS: ReadonlyArray<string> = \['servicedAt'\]/)
    const route = read(m, 'api/vehicles/route.ts')
    for (const line of ['const crud = makeCrudRoute({', 'export const metadata = routeMetadata', 'export const PUT = crud.PUT', 'indexer: vehicleCrudIndexer,', 'events: vehicleCrudEvents,', "import ceEntities from '../../ce'",
      "commandId: 'fleet.vehicles.update',", 'export const openApi: OpenApiRouteDoc = {', "range_km: 'rangeKm'", "owner_id: 'ownerId'", "updated_at: 'updatedAt'"]) {
      assert.ok(route.includes(line), line)
    }
    assert.match(read(m, 'encryption.ts'), /entityId: 'fleet:vehicle',\n {4}fields: \[\n {6}\{ field: 'driver_email' \},\n {4}\],/)
    const search = read(m, 'search.ts')
    assert.match(search, /entityId: 'fleet:vehicle'/)
    assert.doesNotMatch(search, /driver_email/, 'personal data stays out of the search index')
    for (const locale of ['en', 'pl']) assert.equal(JSON.parse(read(m, `i18n/${locale}.json`))['fleet.vehicles.audit.update'], 'Update vehicle')
  })

  it('pages: list, create and edit with page.meta.ts, every string through useT in every locale, the edit form sending updatedAt; setup.ts grants merged', async (t) => {
    const app = await fleetApp(t)
    const setup = join(app, 'src/modules/fleet/setup.ts')
    writeFileSync(setup, read(setup).replace("employee: ['fleet.view'],", "employee: ['fleet.view'], // read-only staff\n    auditor: ['fleet.view'],"))
    const r = await cli([...SLICE, '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    const m = join(app, 'src/modules/fleet')
    const list = read(m, 'backend/fleet/vehicles/page.tsx')
    for (const line of ["import { DataTable, type DataTableProps } from '@open-mercato/ui/backend/DataTable'", 'useConfirmDialog()', "flash(t('fleet.vehicles.flash.deleted'), 'success')", 'apiCall<ListResponse<Row>>',
      "emptyState={<p className=\"py-8 text-center text-sm text-muted-foreground\">{t('fleet.vehicles.list.empty')}</p>}", "{ accessorKey: 'plate', header: t('fleet.vehicles.fields.plate') },",
      "{ accessorKey: 'registeredOn', header: t('fleet.vehicles.fields.registeredOn'), cell: ({ getValue }) => formatDate(getValue()) },"]) {
      assert.ok(list.includes(line), line)
    }
    assert.doesNotMatch(list, /accessorKey: '(notes|specs|trackerId|ownerId)'/, 'long text, json and ids stay out of the list')
    const edit = read(m, 'backend/fleet/vehicles/[id]/page.tsx')
    assert.match(edit, /initialValues=\{initial \?\? \{ id \}\}/)
    assert.match(edit, /apiCall<ListResponse<Values>>\(`\/api\/\$\{VEHICLE_API_PATH\}\?id=/)
    const form = read(m, 'components/vehicles-form.ts')
    assert.ok(form.includes("{ id: 'fuel', label: t('fleet.vehicles.fields.fuel'), type: 'select', options: [{ value: 'diesel', label: t('fleet.vehicles.fields.fuel.options.diesel') }, { value: 'petrol', label: t('fleet.vehicles.fields.fuel.options.petrol') }] },"), form)
    assert.ok(form.includes("{ id: 'plate', label: t('fleet.vehicles.fields.plate'), type: 'text', required: true },"))
    const meta = read(m, 'backend/fleet/vehicles/page.meta.ts')
    for (const line of ['requireAuth: true,', "requireFeatures: ['fleet.vehicle.view'],", "pageTitleKey: 'fleet.vehicles.page.title',", "pageGroupKey: 'fleet.nav.group',", 'pageOrder: 100,', "icon: 'list',", "breadcrumb: [\n    { label: 'Vehicles', labelKey: 'fleet.vehicles.page.title' },\n  ],"]) {
      assert.ok(meta.includes(line), line)
    }
    assert.match(read(m, 'backend/fleet/vehicles/[id]/page.meta.ts'), /requireFeatures: \['fleet.vehicle.manage'\],[\s\S]*navHidden: true,[\s\S]*href: '\/backend\/fleet\/vehicles'/)

    const en = JSON.parse(read(m, 'i18n/en.json'))
    const pl = JSON.parse(read(m, 'i18n/pl.json'))
    assert.deepEqual(Object.keys(pl).sort(), Object.keys(en).sort(), 'one key set in every locale')
    const used = [...new Set([list, edit, form, read(m, 'backend/fleet/vehicles/create/page.tsx')].join('\n').match(/t\('([^'$]+)'/g)!.map((k) => k.slice(3, -1)))]
    assert.deepEqual(used.filter((k) => !(k in en)), [], 'every key the pages use is in en.json')
    assert.equal(en['fleet.vehicles.fields.rangeKm'], 'Range km')

    assert.equal(read(setup), [
      "import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'", '',
      'export const setup: ModuleSetupConfig = {', '  defaultRoleFeatures: {', "    superadmin: ['fleet.*'],",
      "    admin: ['fleet.view', 'fleet.manage', 'fleet.vehicle.view', 'fleet.vehicle.manage'],",
      "    employee: ['fleet.view', 'fleet.vehicle.view'], // read-only staff", "    auditor: ['fleet.view'],", '  },', '}', '', 'export default setup', '',
    ].join('\n'))
  })

  it("a second entity's search entry and encryption map join the module's search.ts and encryption.ts", async (t) => {
    const app = await fleetApp(t)
    assert.equal((await cli([...SLICE, '--cwd', app])).code, 0)
    const r = await cli(['data-entity', 'fleet', 'Driver', '--field', 'name:text:required', '--field', 'phone:string:pii', '--crud', '--search', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    const m = join(app, 'src/modules/fleet')
    const search = read(m, 'search.ts')
    assert.match(search, /entityId: 'fleet:vehicle'[\s\S]*entityId: 'fleet:driver'/)
    assert.match(read(m, 'encryption.ts'), /\{ field: 'driver_email' \},\n {4}\],\n {2}\},\n {2}\{\n {4}entityId: 'fleet:driver',\n {4}fields: \[\n {6}\{ field: 'phone' \},/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
    const again = await cli(['data-entity', 'fleet', 'Driver', '--field', 'name:text:required', '--field', 'phone:string:pii', '--crud', '--search', '--cwd', app])
    assert.match(again.stdout, /^nothing to change/)
  })

  it('--search needs --crud', async (t) => {
    const app = await fleetApp(t)
    const before = hashTree(app)
    const r = await cli(['data-entity', 'fleet', 'Truck', '--field', 'plate:text', '--search', '--cwd', app])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /--search indexes the CRUD slice: add --crud/)
    assert.equal(hashTree(app), before)
  })
})
