import { kebab, type ActionSpec } from '../actions/spec'
import { actionable, remedyFor } from '../dispatch/hint'
import type { TryHint } from '../errors'

const flag = (key: string, value: string | boolean) =>
  value === true ? `--${kebab(key)}` : value === false ? `--no-${kebab(key)}` : `--${kebab(key)} ${/^[\w@./:-]+$/.test(value) ? value : JSON.stringify(value)}`

/** The CLI's words for a hint: the flags that do it, then what they achieve ("--force to overwrite it"). */
export function tryText(hint: TryHint, spec: ActionSpec | undefined): string {
  const remedy = remedyFor(hint, spec)
  if (!actionable(remedy)) return remedy.text
  const flags = [
    ...Object.entries(remedy.globals).map(([k, v]) => flag(k, v!)),
    ...Object.entries(remedy.inputs).map(([k, v]) => flag(k, v)),
    ...(remedy.field ? [`--${kebab(remedy.field)} <${kebab(remedy.field)}>`] : []),
  ]
  return `${flags.join(' ')} to ${remedy.text}`
}
