import { fieldsOf, type ActionSpec } from '../actions/spec'
import type { TryHint } from '../errors'

/** The options a hint may set besides an action's own inputs: the global flags every face applies. */
export const GLOBAL_KEYS = ['force', 'generate', 'yes'] as const
export type GlobalKey = (typeof GLOBAL_KEYS)[number]

/** A hint resolved against the action that failed: what a face can offer to set, and where. */
export interface Remedy {
  text: string
  globals: Partial<Record<GlobalKey, boolean>>
  inputs: Record<string, string | boolean>
  /** An input of the action the user must fill in. */
  field?: string
}

/**
 * What of a hint applies to this action in a face that takes `globals`: a key that is neither one of
 * those nor one of the action's inputs (the advice is about another command) leaves only the words,
 * so no face offers a flag that does not exist there.
 */
export function remedyFor(hint: TryHint, spec: ActionSpec | undefined, globalKeys: readonly GlobalKey[] = GLOBAL_KEYS): Remedy {
  const inputs = new Set(spec ? fieldsOf(spec).map((f) => f.key) : [])
  const globals: Remedy['globals'] = {}
  const own: Remedy['inputs'] = {}
  for (const [key, value] of Object.entries(hint.set ?? {})) {
    if ((globalKeys as readonly string[]).includes(key) && typeof value === 'boolean') globals[key as GlobalKey] = value
    else if (inputs.has(key)) own[key] = value
    else return { text: hint.text, globals: {}, inputs: {} }
  }
  return { text: hint.text, globals, inputs: own, field: hint.field && inputs.has(hint.field) ? hint.field : undefined }
}

/** Whether the action can simply run again with the remedy's inputs. */
export const rerunnable = (r: Remedy) => Object.keys(r.globals).length + Object.keys(r.inputs).length > 0

/** Whether the remedy is something a face can do for the user (run again with inputs, or ask for one). */
export const actionable = (r: Remedy) => rerunnable(r) || r.field !== undefined
