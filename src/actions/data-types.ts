import { names, tsLiteral } from '../naming'
import { fieldSpec, type FieldSpec } from '../validation/field-spec'

/**
 * The column types of `data-entity --field`, named as MikroORM names them. Each says how the column is
 * declared, which TypeScript type MikroORM hydrates it to, and the zod schema that accepts it.
 */
interface DataType {
  /** Options of `@Property` after `name`: the type and its parameters. */
  column: (option: string | undefined) => Record<string, unknown>
  ts: (option: string | undefined) => string
  zod: (option: string | undefined) => string
}

const choices = (option: string | undefined) => (option ?? '').split('|')
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

const TYPES = {
  string: { column: () => ({ type: 'string' }), ts: () => 'string', zod: () => 'z.string().min(1).max(255)' },
  text: { column: () => ({ type: 'text' }), ts: () => 'string', zod: () => 'z.string().min(1)' },
  integer: { column: () => ({ type: 'integer' }), ts: () => 'number', zod: () => 'z.number().int()' },
  smallint: { column: () => ({ type: 'smallint' }), ts: () => 'number', zod: () => 'z.number().int().min(-32768).max(32767)' },
  // as Open Mercato declares them: a bigint column read as a string, so values past 2^53 survive JSON
  bigint: { column: () => ({ type: 'string', columnType: 'bigint' }), ts: () => 'string', zod: () => "z.string().regex(/^-?\\d+$/, 'an integer')" },
  float: { column: () => ({ type: 'float' }), ts: () => 'number', zod: () => 'z.number()' },
  double: { column: () => ({ type: 'double' }), ts: () => 'number', zod: () => 'z.number()' },
  // MikroORM reads decimals as strings so no precision is lost
  decimal: { column: (o) => ({ type: 'decimal', ...precision(o) }), ts: () => 'string', zod: (o) => `z.string().regex(${decimalPattern(o)}, 'a decimal number')` },
  boolean: { column: () => ({ type: 'boolean' }), ts: () => 'boolean', zod: () => 'z.boolean()' },
  // a DATE column is a YYYY-MM-DD string in MikroORM; a timestamp is a Date
  date: { column: () => ({ type: 'date' }), ts: () => 'string', zod: () => 'z.iso.date()' },
  datetime: { column: () => ({ type: 'Date' }), ts: () => 'Date', zod: () => 'z.coerce.date()' },
  time: { column: () => ({ type: 'time' }), ts: () => 'string', zod: () => 'z.iso.time()' },
  uuid: { column: () => ({ type: 'uuid' }), ts: () => 'string', zod: () => 'z.uuid()' },
  json: { column: () => ({ type: 'json' }), ts: () => 'Record<string, unknown>', zod: () => 'z.record(z.string(), z.unknown())' },
  enum: { column: () => ({ type: 'text' }), ts: (o) => choices(o).map((c) => tsLiteral(c)).join(' | '), zod: (o) => `z.enum(${tsLiteral(choices(o))})` },
  // another module's entity is referenced by id only (module isolation)
  ref: { column: () => ({ type: 'uuid' }), ts: () => 'string', zod: () => 'z.uuid()' },
} satisfies Record<string, DataType>

export const DATA_TYPES = Object.keys(TYPES) as Array<keyof typeof TYPES>
export const DATA_FLAGS = ['required', 'unique', 'indexed'] as const

const REF = /^[a-z][a-z0-9_]*\.[A-Z][A-Za-z0-9]*$/
const ENUM_VALUE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
const PRECISION = /^(\d{1,2})(?:,(\d{1,2}))?$/

export const dataField = fieldSpec(DATA_TYPES, DATA_FLAGS, 'dueDate:date:required').superRefine((f, ctx) => {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message: `"${f.key}": ${message}` })
  if (f.kind === 'ref') {
    if (!REF.test(f.option ?? '')) issue(`a reference names <module>.<Entity>, e.g. ${f.key}:ref=customers.Customer`)
  } else if (f.kind === 'enum') {
    const values = choices(f.option)
    if (!f.option || values.some((v) => !ENUM_VALUE.test(v))) issue(`an enum lists its values, e.g. ${f.key}:enum=draft|published`)
    else if (new Set(values).size !== values.length) issue('an enum value is listed twice')
  } else if (f.kind === 'decimal') {
    const m = f.option === undefined ? null : PRECISION.exec(f.option)
    if (f.option !== undefined && (!m || Number(m[1]) < 1 || Number(m[2] ?? 0) > Number(m[1]))) {
      issue(`a decimal takes precision and scale, e.g. ${f.key}:decimal=12,2 (scale at most the precision)`)
    }
  } else if (f.option !== undefined) {
    issue('only enum, decimal and ref take an option (enum=a|b, decimal=p,s, ref=<module>.<Entity>)')
  }
})

/** The property a field becomes: snake_case keys turn camelCase; references get an `Id` suffix. */
export function propertyOf(f: FieldSpec): string {
  const name = names(f.key).propertyName
  return f.kind === 'ref' && !name.endsWith('Id') ? `${name}Id` : name
}

/** What templates/data-entity/property.ts.hbs writes for one field, as Open Mercato's entities declare them. */
export function propertyParts(f: FieldSpec, table: string) {
  const name = propertyOf(f)
  const column = names(name).snake
  const type = TYPES[f.kind as keyof typeof TYPES]
  const required = f.flags.includes('required')
  const options: Record<string, unknown> = {
    ...(f.kind === 'enum' ? { items: choices(f.option) } : {}),
    ...(column !== name ? { name: column } : {}),
    ...type.column(f.option),
    ...(required ? {} : { nullable: true }),
    ...(f.flags.includes('unique') ? { unique: true } : {}),
  }
  return {
    name,
    index: f.flags.includes('indexed') ? `${table}_${column}_idx` : undefined,
    decorator: f.kind === 'enum' ? 'Enum' : 'Property',
    // `type: Date` is the class, not a string
    options: tsLiteral(options).replace("type: 'Date'", 'type: Date'),
    type: type.ts(f.option),
    required,
  }
}

/** What templates/data-entity/zod-property.ts.hbs writes for one field. */
export const zodParts = (f: FieldSpec) => ({ name: propertyOf(f), zod: TYPES[f.kind as keyof typeof TYPES].zod(f.option), required: f.flags.includes('required') })
