import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import { MikroORM } from '@mikro-orm/pglite'
import { build } from 'esbuild'
import { pathToFileURL } from 'node:url'
import { cli, hashTree, read, starterApp, typecheck } from './helpers.ts'

const EVERY_TYPE = [
  'title:string:required', 'body:text', 'count:integer', 'rank:smallint', 'views:bigint', 'ratio:float', 'weight:double',
  'price:decimal=12,2:required', 'amount:decimal', 'paid:boolean', 'due_on:date', 'startsAt:datetime', 'opens_at:time',
  'code:uuid:unique', 'meta:json', 'status:enum=draft|published:required,indexed', 'owner:ref=events_app.Meeting',
  // Open Mercato's scaffold words
  'notes:textarea', 'seats:number', 'online:checkbox', 'room:select(small|large)', 'serial:string:unique=global', 'contact_email:string:pii',
]

describe('data-entity field types from MikroORM', () => {
  it('declares every type, turns snake_case keys into camelCase properties with snake_case columns, type-checks and migrates', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'events_app', '--cwd', app, '--quiet'])).code, 0)
    const r = await cli(['data-entity', 'events_app', 'Meeting', ...EVERY_TYPE.flatMap((f) => ['--field', f]), '--crud', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    const entities = read(app, 'src/modules/events_app/data/entities.ts')
    for (const line of [
      "import { Entity, Index, PrimaryKey, Property, Enum, Unique } from '@mikro-orm/decorators/legacy'",
      "@Entity({ tableName: 'meetings' })\n@Unique({ name: 'meetings_code_unique', properties: ['tenantId', 'organizationId', 'code'] })\nexport class Meeting {",
      "@Property({ type: 'uuid', nullable: true })\n  code?: string | null",
      "@Property({ type: 'string', nullable: true, unique: true })\n  serial?: string | null",
      "@Property({ type: 'text', nullable: true })\n  notes?: string | null",
      "@Property({ type: 'double', nullable: true })\n  seats?: number | null",
      "@Property({ type: 'boolean', nullable: true })\n  online?: boolean | null",
      "@Enum({ items: ['small', 'large'], type: 'text', nullable: true })\n  room?: 'small' | 'large' | null",
      "@Index({ name: 'meetings_organization_id_idx' })\n  @Property({ name: 'organization_id', type: 'uuid' })",
      "@Index({ name: 'meetings_tenant_id_idx' })\n  @Property({ name: 'tenant_id', type: 'uuid' })",
      "@Property({ type: 'string' })\n  title!: string",
      "@Property({ type: 'smallint', nullable: true })\n  rank?: number | null",
      "@Property({ type: new BigIntType('string'), nullable: true })\n  views?: string | null",
      "import { BigIntType } from '@mikro-orm/core'\nimport { Entity, Index, PrimaryKey, Property, Enum, Unique } from '@mikro-orm/decorators/legacy'",
      "@Property({ type: 'double', nullable: true })\n  weight?: number | null",
      "@Property({ type: 'decimal', precision: 12, scale: 2 })\n  price!: string",
      "@Property({ type: 'decimal', precision: 10, scale: 2, nullable: true })\n  amount?: string | null",
      "@Property({ name: 'due_on', type: 'date', nullable: true })\n  dueOn?: string | null",
      "@Property({ name: 'starts_at', type: Date, nullable: true })\n  startsAt?: Date | null",
      "@Property({ name: 'opens_at', type: 'time', nullable: true })\n  opensAt?: string | null",
      "@Index({ name: 'meetings_status_idx' })\n  @Enum({ items: ['draft', 'published'], type: 'text' })\n  status!: 'draft' | 'published'",
      "@Property({ name: 'owner_id', type: 'uuid', nullable: true })\n  ownerId?: string | null",
    ]) assert.ok(entities.includes(line), `${line}\n---\n${entities}`)
    const validators = read(app, 'src/modules/events_app/data/validators.ts')
    for (const line of ['dueOn: z.iso.date().nullable().optional(),', "status: z.enum(['draft', 'published']),", 'price: z.string().regex(/^-?\\d{1,10}(\\.\\d{1,2})?$/, ', 'startsAt: z.coerce.date().nullable().optional(),',
      "room: z.enum(['small', 'large']).nullable().optional(),", 'online: z.boolean().nullable().optional(),',
      'export const meetingUpdateSchema = meetingCreateSchema.partial().extend({ id: z.uuid() })',
      'export const meetingListQuerySchema = z.object({', 'export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>']) {
      assert.ok(validators.includes(line), `${line}\n---\n${validators}`)
    }
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)

    assert.equal((await cli(['db', 'generate', '--cwd', app, '--quiet'])).code, 0)
    const dir = join(app, 'src/modules/events_app/migrations')
    const migration = read(dir, readdirSync(dir).find((f) => f.startsWith('Migration'))!)
    for (const sql of ['unique ("tenant_id", "organization_id", "code")', '"serial" varchar(255) null', 'alter table "meetings" add constraint "meetings_serial_unique" unique ("serial")', '"rank" smallint null', '"views" bigint null', '"weight" double precision null', '"price" numeric(12,2) not null', '"due_on" date null', '"opens_at" time(0) null', '"starts_at" timestamptz null']) {
      assert.ok(migration.includes(sql), `${sql}\n---\n${migration}`)
    }
    assert.equal((await cli(['db', 'migrate', '--cwd', app, '--quiet'])).code, 0)
    const db = await PGlite.create({ dataDir: join(app, '.mercato/db/data') })
    t.after(() => db.close())
    const cols = (await db.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'meetings' order by ordinal_position")).rows.map((c) => c.column_name)
    assert.deepEqual(cols.slice(1, 5), ['title', 'body', 'count', 'rank'])
    assert.ok(cols.includes('due_on') && cols.includes('owner_id'))
  })

  it('every type reads back from the database as the TypeScript type its property declares, and serialises to JSON (the commands store snapshots as JSON)', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'fleet', '--cwd', app, '--quiet'])).code, 0)
    const fields = ['odometer:bigint', 'price:decimal=12,2', 'range_km:number', 'fuel_use:float', 'weight:double', 'seats:smallint', 'mileage:integer',
      'registered_on:date', 'serviced_at:datetime', 'pickup:time', 'electric:boolean', 'specs:json', 'tracker:uuid']
    assert.equal((await cli(['data-entity', 'fleet', 'Vehicle', ...fields.flatMap((f) => ['--field', f]), '--cwd', app, '--quiet'])).code, 0)
    assert.equal((await cli(['db', 'generate', '--cwd', app, '--quiet'])).code, 0)
    assert.equal((await cli(['db', 'migrate', '--cwd', app, '--quiet'])).code, 0)
    const compiled = join(app, 'vehicle-entity.mjs')
    const out = await build({ entryPoints: [join(app, 'src/modules/fleet/data/entities.ts')], bundle: true, write: false, format: 'esm', platform: 'node', packages: 'external', tsconfigRaw: { compilerOptions: { experimentalDecorators: true } } })
    writeFileSync(compiled, out.outputFiles[0].text)
    const { Vehicle } = await import(pathToFileURL(compiled).href)
    const orm = await MikroORM.init({ dbName: join(app, '.mercato/db/data'), entities: [Vehicle], discovery: { warnWhenNoEntities: false }, debug: false })
    t.after(() => orm.close(true))
    const values = {
      odometer: '9007199254740993', price: '25999.90', rangeKm: 780.5, fuelUse: 6.5, weight: 1480.25, seats: 5, mileage: 120500, registeredOn: '2021-03-15',
      servicedAt: new Date('2024-11-02T09:30:00.000Z'), pickup: '08:30:00', electric: true, specs: { doors: 5 }, tracker: '7f1b7a52-3f0e-4a8e-9a51-0d3c1a2b4c5d',
    }
    const em = orm.em.fork()
    const created = em.create(Vehicle, { ...values, tenantId: '11111111-1111-4111-8111-111111111111', organizationId: '22222222-2222-4222-8222-222222222222' })
    await em.flush()
    const loaded = await orm.em.fork().findOneOrFail(Vehicle, { id: created.id })
    const declared = read(app, 'src/modules/fleet/data/entities.ts')
    for (const [property, value] of Object.entries(values)) {
      const ts = new RegExp(`\\n  ${property}\\?: ([^|\\n]+) \\| null`).exec(declared)?.[1]
      const runtime = value instanceof Date ? 'Date' : typeof value === 'object' ? 'Record<string, unknown>' : typeof value
      assert.equal(ts, runtime, `${property} is declared ${ts}`)
      const got = loaded[property]
      assert.equal(got instanceof Date ? 'Date' : got !== null && typeof got === 'object' ? 'Record<string, unknown>' : typeof got, runtime, `${property} reads back as ${typeof got} ${String(got)}, declared ${ts}`)
      assert.deepEqual(got, value, property)
    }
    assert.doesNotThrow(() => JSON.stringify(Object.fromEntries(Object.keys(values).map((p) => [p, loaded[p]]))))
  })

  it('a field meaning a standard column is not doubled; a unique field added later is unique per tenant and organization', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'fleet', '--cwd', app, '--quiet'])
    const r = await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--field', 'active:checkbox', '--field', 'created_at:datetime', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /note: active is the isActive column every entity has: declared once, not twice/)
    assert.match(r.stderr, /note: created_at is the createdAt column every entity has/)
    const entities = read(app, 'src/modules/fleet/data/entities.ts')
    assert.doesNotMatch(entities, /\bactive[?!]:|createdAt\?/)
    assert.equal(entities.match(/isActive/g)!.length, 1)
    assert.equal((await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'vin:string:unique', '--cwd', app])).code, 0)
    const after = read(app, 'src/modules/fleet/data/entities.ts')
    assert.ok(after.includes("import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy'"), after)
    assert.ok(after.includes("@Entity({ tableName: 'vehicles' })\n@Unique({ name: 'vehicles_vin_unique', properties: ['tenantId', 'organizationId', 'vin'] })\nexport class Vehicle {"), after)
    assert.ok(typecheck(app).ok, typecheck(app).output)
  })

  it('names tables with the pluralization library: Person → people, Child → children', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'family', '--cwd', app, '--quiet'])
    for (const name of ['Person', 'Child', 'Category']) assert.equal((await cli(['data-entity', 'family', name, '--cwd', app, '--quiet'])).code, 0)
    const entities = read(app, 'src/modules/family/data/entities.ts')
    for (const table of ['people', 'children', 'categories']) assert.match(entities, new RegExp(`@Entity\\(\\{ tableName: '${table}' \\}\\)`))
  })

  it('refuses a bad type option in one line, exit 2, nothing changed', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'shop', '--cwd', app, '--quiet'])
    const before = hashTree(app)
    for (const [field, message] of [
      ['status:enum', /"status": an enum lists its values/],
      ['status:enum=a|a', /an enum value is listed twice/],
      ['price:decimal=2,5', /a decimal takes precision and scale/],
      ['title:string=40', /only enum, select, decimal and ref take an option/],
      ['room:select', /"room": a select lists its values, e.g. room:select\(draft\|published\)/],
      ['code:string:unique,unique=global', /unique and unique=global are one flag/],
      ['Title:string', /"Title" is not a field name/],
    ] as const) {
      const r = await cli(['data-entity', 'shop', 'Order', '--field', field, '--cwd', app])
      assert.equal(r.code, 2, field)
      assert.match(r.stderr, message)
      assert.equal(r.stderr.trim().split('\n').length <= 2, true, r.stderr)
    }
    const dup = await cli(['data-entity', 'shop', 'Order', '--field', 'starts_at:datetime', '--field', 'startsAt:datetime', '--cwd', app])
    assert.equal(dup.code, 2)
    assert.match(dup.stderr, /invalid --field: "starts_at" and "startsAt" both become the property startsAt/)
    assert.equal(hashTree(app), before)
  })
})
