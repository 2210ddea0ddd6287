import { z } from 'zod'

/** One `--field key:kind[=option][:flag,flag]` value, parsed. */
export interface FieldSpec { key: string; kind: string; option?: string; flags: string[] }

const KEY = /^[a-z][a-zA-Z0-9]*(?:_[a-z0-9]+)*$/

/**
 * A schema for field specs with the kinds and flags an action accepts, e.g.
 * `status:select=draft|published:required,filterable` (or `status:select(draft|published)`). Each problem is one message naming the field.
 */
export function fieldSpec(kinds: readonly string[], flags: readonly string[], example: string) {
  // the meta lets shell completion offer the kinds after `--field name:` and the flags after the kind
  return z.string().meta({ fieldSpec: { kinds: [...kinds], flags: [...flags] } }).transform((value, ctx): FieldSpec => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message: `"${value}": ${message}` })
      return z.NEVER
    }
    const [key = '', kindPart = '', flagPart, ...rest] = value.split(':')
    if (rest.length > 0 || !kindPart) return fail(`write it as key:kind[:flags], e.g. ${example}`)
    if (!KEY.test(key)) return fail(`"${key}" is not a field name: use camelCase or snake_case, starting with a lowercase letter`)
    // `select(a|b)` is Open Mercato's scaffold spelling of `select=a|b`
    const call = /^([a-z]+)\((.*)\)$/.exec(kindPart)
    const [kind = '', option] = call ? [call[1], call[2]] : kindPart.split('=')
    if (!kinds.includes(kind)) return fail(`unknown kind "${kind}"; kinds are ${kinds.join(', ')}`)
    const given = flagPart ? flagPart.split(',').map((f) => f.trim()).filter(Boolean) : []
    const unknown = given.find((f) => !flags.includes(f))
    if (unknown) return fail(`unknown flag "${unknown}"; flags are ${flags.join(', ')}`)
    return { key, kind, option, flags: given }
  })
}

/** Field keys must be unique within one command. */
export const uniqueKeys = (fields: FieldSpec[]) => new Set(fields.map((f) => f.key)).size === fields.length
