import { names } from '../naming'
import { tsLiteral } from '../quote'
import { fieldSpec, type FieldSpec } from '../validation/field-spec'

/**
 * The field types of `data-entity --field`: MikroORM's column names, and the words of Open Mercato's
 * own scaffold spec (text, textarea, number, select(a|b), checkbox, date) so one `--fields` line means
 * the same in both. This one table drives every place a field appears: the entity property, the zod
 * schema, the CrudForm field and the DataTable column.
 */
interface DataType {
  /** Options of `@Property` after `name`: the type and its parameters. */
  column: (option: string | undefined) => Record<string, unknown>
  ts: (option: string | undefined) => string
  /** `required` false: the form may send an empty text, which an optional field accepts. */
  zod: (option: string | undefined, required: boolean) => string
  /** The CrudForm field type (`CrudBuiltinField['type']` of @open-mercato/ui). */
  input: 'text' | 'textarea' | 'number' | 'checkbox' | 'select' | 'date' | 'datetime' | 'time'
  /** How the list shows the value: as it is, a yes/no, a date, or cut short (long text, json); `hidden` leaves it out of the list. */
  cell: 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'truncated' | 'hidden'
}

const choices = (option: string | undefined) => (option ?? '').split('|')

/** `type:` values written as code, not as a string: the Date class, MikroORM's BigIntType in string mode. */
const CODE = { date: 'Date', bigint: "new BigIntType('string')" } as const
/** What a field's `type:` code needs imported into the entities file. */
const CODE_IMPORTS: Record<string, { from: string; name: string }> = { [CODE.bigint]: { from: '@mikro-orm/core', name: 'BigIntType' } }
/** `decimal` alone is (10,2), money-shaped; `decimal=12` is (12,0) as in SQL. */
const precision = (option: string | undefined) => {
  if (option === undefined) return { precision: 10, scale: 2 }
  const [p, s = '0'] = option.split(',')
  return { precision: Number(p), scale: Number(s) }
}

/** Digits the column holds before and after the point: `12,2` → up to 10 and 2. */
function decimalPattern(option: string | undefined): string {
  const { precision: p, scale: s } = precision(option)
  const whole = p - s === 0 ? '0' : `\\d{1,${p - s}}`
  return `/^-?${whole}${s > 0 ? `(\\.\\d{1,${s}})?` : ''}$/`
}

const choice: DataType = {
  column: () => ({ type: 'text' }),
  ts: (o) => choices(o).map((c) => tsLiteral(c)).join(' | '),
  zod: (o) => `z.enum(${tsLiteral(choices(o))})`,
  input: 'select',
  cell: 'text',
}

const TYPES = {
  string: { column: () => ({ type: 'string' }), ts: () => 'string', zod: (_o, required) => (required ? 'z.string().min(1).max(255)' : 'z.string().max(255)'), input: 'text', cell: 'text' },
  text: { column: () => ({ type: 'text' }), ts: () => 'string', zod: (_o, required) => (required ? 'z.string().min(1)' : 'z.string()'), input: 'text', cell: 'text' },
  textarea: { column: () => ({ type: 'text' }), ts: () => 'string', zod: () => 'z.string()', input: 'textarea', cell: 'hidden' },
  integer: { column: () => ({ type: 'integer' }), ts: () => 'number', zod: () => 'z.number().int()', input: 'number', cell: 'number' },
  smallint: { column: () => ({ type: 'smallint' }), ts: () => 'number', zod: () => 'z.number().int().min(-32768).max(32767)', input: 'number', cell: 'number' },
  // read as a string, so values past 2^53 survive JSON: MikroORM maps a bigint column to a JS BigInt
  // (which JSON.stringify refuses: the commands' audit snapshots) unless BigIntType is in string mode
  bigint: { column: () => ({ type: CODE.bigint }), ts: () => 'string', zod: () => "z.string().regex(/^-?\\d+$/, 'an integer')", input: 'text', cell: 'number' },
  number: { column: () => ({ type: 'double' }), ts: () => 'number', zod: () => 'z.number()', input: 'number', cell: 'number' },
  float: { column: () => ({ type: 'float' }), ts: () => 'number', zod: () => 'z.number()', input: 'number', cell: 'number' },
  double: { column: () => ({ type: 'double' }), ts: () => 'number', zod: () => 'z.number()', input: 'number', cell: 'number' },
  // MikroORM reads decimals as strings so no precision is lost
  decimal: { column: (o) => ({ type: 'decimal', ...precision(o) }), ts: () => 'string', zod: (o) => `z.string().regex(${decimalPattern(o)}, 'a decimal number')`, input: 'text', cell: 'number' },
  boolean: { column: () => ({ type: 'boolean' }), ts: () => 'boolean', zod: () => 'z.boolean()', input: 'checkbox', cell: 'boolean' },
  checkbox: { column: () => ({ type: 'boolean' }), ts: () => 'boolean', zod: () => 'z.boolean()', input: 'checkbox', cell: 'boolean' },
  // a DATE column is a YYYY-MM-DD string in MikroORM; a timestamp is a Date
  date: { column: () => ({ type: 'date' }), ts: () => 'string', zod: () => 'z.iso.date()', input: 'date', cell: 'date' },
  datetime: { column: () => ({ type: CODE.date }), ts: () => 'Date', zod: () => 'z.coerce.date()', input: 'datetime', cell: 'datetime' },
  time: { column: () => ({ type: 'time' }), ts: () => 'string', zod: () => 'z.iso.time()', input: 'time', cell: 'text' },
  uuid: { column: () => ({ type: 'uuid' }), ts: () => 'string', zod: () => 'z.uuid()', input: 'text', cell: 'hidden' },
  json: { column: () => ({ type: 'json' }), ts: () => 'Record<string, unknown>', zod: () => 'z.record(z.string(), z.unknown())', input: 'textarea', cell: 'hidden' },
  enum: choice,
  select: choice,
  // another module's entity is referenced by id only (module isolation)
  ref: { column: () => ({ type: 'uuid' }), ts: () => 'string', zod: () => 'z.uuid()', input: 'text', cell: 'hidden' },
} satisfies Record<string, DataType>

export const DATA_TYPES = Object.keys(TYPES) as Array<keyof typeof TYPES>
export const DATA_FLAGS = ['required', 'unique', 'unique=global', 'indexed', 'pii'] as const

const REF = /^[a-z][a-z0-9_]*\.[A-Z][A-Za-z0-9]*$/
const ENUM_VALUE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
const PRECISION = /^(\d{1,2})(?:,(\d{1,2}))?$/

export const dataField = fieldSpec(DATA_TYPES, DATA_FLAGS, 'dueDate:date:required').superRefine((f, ctx) => {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message: `"${f.key}": ${message}` })
  if (f.kind === 'ref') {
    if (!REF.test(f.option ?? '')) issue(`a reference names <module>.<Entity>, e.g. ${f.key}:ref=customers.Customer`)
  } else if (f.kind === 'enum' || f.kind === 'select') {
    const values = choices(f.option)
    if (!f.option || values.some((v) => !ENUM_VALUE.test(v))) issue(`${f.kind === 'enum' ? 'an enum' : 'a select'} lists its values, e.g. ${f.key}:${f.kind === 'enum' ? 'enum=draft|published' : 'select(draft|published)'}`)
    else if (new Set(values).size !== values.length) issue(`${f.kind === 'enum' ? 'an enum' : 'a select'} value is listed twice`)
  } else if (f.kind === 'decimal') {
    const m = f.option === undefined ? null : PRECISION.exec(f.option)
    if (f.option !== undefined && (!m || Number(m[1]) < 1 || Number(m[2] ?? 0) > Number(m[1]))) {
      issue(`a decimal takes precision and scale, e.g. ${f.key}:decimal=12,2 (scale at most the precision)`)
    }
  } else if (f.option !== undefined) {
    issue('only enum, select, decimal and ref take an option (enum=a|b, select(a|b), decimal=p,s, ref=<module>.<Entity>)')
  }
  if (f.flags.includes('unique') && f.flags.includes('unique=global')) issue('unique and unique=global are one flag: pick one')
})

/** The property a field becomes: snake_case keys turn camelCase; references get an `Id` suffix. */
export function propertyOf(f: FieldSpec): string {
  const name = names(f.key).propertyName
  return f.kind === 'ref' && !name.endsWith('Id') ? `${name}Id` : name
}

const typeOf = (f: FieldSpec): DataType => TYPES[f.kind as keyof typeof TYPES]
const columnOf = (f: FieldSpec) => names(propertyOf(f)).snake

/** What templates/data-entity/property.ts.hbs writes for one field, as Open Mercato's entities declare them. */
export function propertyParts(f: FieldSpec, table: string) {
  const name = propertyOf(f)
  const column = columnOf(f)
  const type = typeOf(f)
  const required = f.flags.includes('required')
  const options: Record<string, unknown> = {
    ...(type.input === 'select' ? { items: choices(f.option) } : {}),
    ...(column !== name ? { name: column } : {}),
    ...type.column(f.option),
    ...(required ? {} : { nullable: true }),
    ...(f.flags.includes('unique=global') ? { unique: true } : {}),
  }
  return {
    name,
    index: f.flags.includes('indexed') ? `${table}_${column}_idx` : undefined,
    decorator: type.input === 'select' ? 'Enum' : 'Property',
    options: Object.values(CODE).reduce((code, value) => code.replace(`type: ${tsLiteral(value)}`, `type: ${value}`), tsLiteral(options)),
    type: type.ts(f.option),
    required,
  }
}

/** The imports the property of `f` needs besides the decorators (BigIntType for a bigint). */
export function propertyImports(f: FieldSpec): Array<{ from: string; name: string }> {
  const type = typeOf(f).column(f.option).type
  return typeof type === 'string' && CODE_IMPORTS[type] ? [CODE_IMPORTS[type]] : []
}

/**
 * The class-level `@Unique` of a `:unique` field: unique within a tenant's organization, as Open
 * Mercato's entities scope theirs (`:unique=global` is a plain unique column instead).
 */
export function uniqueParts(f: FieldSpec, table: string) {
  if (!f.flags.includes('unique')) return undefined
  return { name: `${table}_${columnOf(f)}_unique`, properties: tsLiteral(['tenantId', 'organizationId', propertyOf(f)]) }
}

/** What templates/data-entity/zod-property.ts.hbs writes for one field. */
export const zodParts = (f: FieldSpec) => ({ name: propertyOf(f), zod: typeOf(f).zod(f.option, f.flags.includes('required')), required: f.flags.includes('required') })

/** The CrudForm field of one field: its id is the property, its label an i18n key. */
export const formParts = (f: FieldSpec) => ({
  id: propertyOf(f),
  type: typeOf(f).input,
  required: f.flags.includes('required'),
  options: typeOf(f).input === 'select' ? choices(f.option) : undefined,
})

/**
 * The DataTable column of one field, or undefined for one the list leaves out (long text, json, ids).
 * `accessor` is the list's snake_case key: makeCrudRoute answers in column names.
 */
export function listParts(f: FieldSpec) {
  const cell = typeOf(f).cell
  return cell === 'hidden' ? undefined : { property: propertyOf(f), accessor: columnOf(f), cell }
}

/** The list's snake_case key of a field (what makeCrudRoute selects and sorts by). */
export const listKey = columnOf
