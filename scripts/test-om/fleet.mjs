// The `fleet` module test:om scaffolds with this repository's tool: a Vehicle with one field of every
// type data-entity accepts, a :pii field, a custom field in ce.ts, --events and --search; and the
// values the HTTP checks send for each field.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { run } from './run.mjs'

export const TOOL = fileURLToPath(new URL('../../bin/create-mercato-module.js', import.meta.url))
export const MODULE = 'fleet'
export const ENTITY = 'Vehicle'
export const LOCALES = ['en', 'pl', 'es', 'de']
/** The custom field ce.ts declares for the entity (read back as `cf_<key>` by Open Mercato's CRUD routes). */
export const CUSTOM_FIELD = { spec: 'color:text:formEditable,listVisible,filterable', key: 'color', value: 'midnight blue', changed: 'racing green' }

const plate = `WX ${Math.floor(Math.random() * 90000 + 10000)}`

/**
 * One field per type: `spec` for --field, the property the API takes, a value for create and another
 * for update (where the field is updated). `plate` is the list's label: the screenshot looks for it.
 */
export const FIELDS = [
  { spec: 'plate:string:required,unique', property: 'plate', value: () => plate, changed: () => `${plate} B` },
  { spec: 'model:text:required', property: 'model', value: () => 'Skoda Octavia Combi' },
  { spec: 'notes:textarea', property: 'notes', value: () => 'First owner, full service history' },
  { spec: 'mileage:integer:indexed', property: 'mileage', value: () => 120500, changed: () => 121000 },
  { spec: 'seats:smallint', property: 'seats', value: () => 5 },
  { spec: 'odometer_raw:bigint', property: 'odometerRaw', value: () => '9007199254740993' },
  { spec: 'range_km:number', property: 'rangeKm', value: () => 780 },
  { spec: 'fuel_use:float', property: 'fuelUse', value: () => 6.5 },
  { spec: 'weight_kg:double', property: 'weightKg', value: () => 1480.25 },
  { spec: 'price:decimal=12,2', property: 'price', value: () => '25999.90' },
  { spec: 'electric:boolean', property: 'electric', value: () => false },
  { spec: 'available:checkbox', property: 'available', value: () => true },
  { spec: 'registered_on:date', property: 'registeredOn', value: () => '2021-03-15' },
  { spec: 'last_service_at:datetime', property: 'lastServiceAt', value: () => '2024-11-02T09:30:00.000Z' },
  { spec: 'pickup_time:time', property: 'pickupTime', value: () => '08:30:00' },
  { spec: 'tracker_id:uuid', property: 'trackerId', value: () => randomUUID() },
  { spec: 'specs:json', property: 'specs', value: () => ({ doors: 5, gearbox: 'manual' }) },
  { spec: 'status:enum=active|retired', property: 'status', value: () => 'active', changed: () => 'retired' },
  { spec: 'fuel:select(diesel|petrol|electric)', property: 'fuel', value: () => 'diesel' },
  { spec: 'owner:ref=customers.CustomerEntity', property: 'ownerId', value: () => randomUUID() },
  { spec: 'driver_email:string:pii', property: 'driverEmail', value: () => 'driver@example.com' },
]

/** The field types the tool accepts, as its own schema states them ("types a, b, c (...)"). */
export function toolFieldTypes(env) {
  const schema = JSON.parse(execFileSync(process.execPath, [TOOL, 'schema', 'data-entity'], { encoding: 'utf8', env }))
  const text = schema.input.properties.field.description
  const list = /types ([a-z, ]+?)(?: \(|;|$)/.exec(text)?.[1]
  if (!list) throw new Error(`cannot read the field types from data-entity's schema: "${text}"`)
  return list.split(',').map((t) => t.trim()).filter(Boolean)
}

const kindOf = (spec) => /^[a-z]+/.exec(spec.split(':')[1])[0]

/** Types the tool accepts that FIELDS does not exercise (so "every field type" stays true as types are added). */
export function uncoveredTypes(types) {
  const covered = new Set(FIELDS.map((f) => kindOf(f.spec)))
  return types.filter((t) => !covered.has(t))
}

/** Our tool's commands that write the fleet module into the app (the registry is left to Open Mercato's generate). */
export function scaffoldCommands() {
  return [
    ['module', MODULE, '--locales', LOCALES.join(',')],
    ['entity', MODULE, 'vehicle', '--field', CUSTOM_FIELD.spec],
    ['data-entity', MODULE, ENTITY, ...FIELDS.flatMap((f) => ['--field', f.spec]), '--crud', '--events', '--search'],
  ]
}

export const tool = (args, { app, env, log }) => run(process.execPath, [TOOL, ...args, '--cwd', app, '--yes', '--no-generate'], { cwd: app, env, log })

/** The create body: every field's value and the custom field. */
export const createBody = (extra = {}) => ({
  ...Object.fromEntries(FIELDS.map((f) => [f.property, f.value()])),
  [`cf_${CUSTOM_FIELD.key}`]: CUSTOM_FIELD.value,
  ...extra,
})

/** The update body: the fields that change, and the custom field. */
export const updateBody = (id) => ({
  id,
  ...Object.fromEntries(FIELDS.filter((f) => f.changed).map((f) => [f.property, f.changed()])),
  [`cf_${CUSTOM_FIELD.key}`]: CUSTOM_FIELD.changed,
})

export const PLATE = plate
