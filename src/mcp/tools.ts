import { z } from 'zod'
import { ACTIONS } from '../actions'
import { capabilitiesOf, type ActionSpec } from '../actions/spec'

/** Tool names allow no spaces: `db migrate` is `db_migrate`. */
export const toolName = (spec: ActionSpec) => spec.name.replace(/ /g, '_')

export interface ServeOptions {
  /** `mcp --read-only`: only what changes nothing, and doctor without its fix. */
  readOnly: boolean
}

/** The actions a server offers: under --read-only, those that change nothing, or nothing without one input. */
export function servedActions(options: ServeOptions): readonly ActionSpec[] {
  if (!options.readOnly) return ACTIONS
  return ACTIONS.filter((spec) => {
    const caps = capabilitiesOf(spec)
    return !caps.changes || caps.changingInput !== undefined
  })
}

/** Whether a call under these options changes nothing whatever its arguments. */
export const servedReadOnly = (spec: ActionSpec, options: ServeOptions) => {
  const caps = capabilitiesOf(spec)
  return !caps.changes || (options.readOnly && caps.changingInput !== undefined)
}

/** The inputs a tool takes beyond the action's own, where they mean something. */
function inputSchema(spec: ActionSpec, options: ServeOptions) {
  const caps = capabilitiesOf(spec)
  const schema = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] }
  const properties: Record<string, unknown> = {
    ...schema.properties,
    cwd: { type: 'string', description: 'the app folder (or any folder inside it; for new-app, where relative paths start); default: the folder the server runs in' },
  }
  if (servedReadOnly(spec, options)) {
    if (caps.changingInput) delete properties[caps.changingInput]
  } else {
    properties.apply = { type: 'boolean', default: false, description: 'false (default): return the plan and its unified diff, change nothing; true: apply it' }
    if (caps.filePlan) properties.force = { type: 'boolean', default: false, description: 'overwrite scaffold files that differ' }
  }
  return { type: 'object' as const, properties, required: schema.required ?? [] }
}

/** What the call changes, in the words an agent decides by. */
function describe(spec: ActionSpec, options: ServeOptions): string {
  const caps = capabilitiesOf(spec)
  if (servedReadOnly(spec, options)) return `${spec.summary}. Read-only${caps.database === 'reads' ? ': reads the database' : ''}.`
  const effects = [
    caps.filePlan ? 'changes files (all-or-nothing, reversible with undo)' : null,
    caps.database === 'writes' ? 'changes the database' : caps.database === 'reads' ? 'reads the database' : null,
    spec.traits?.destructive ? 'deletes files or data' : caps.filePlan ? 'with force: true it overwrites files that differ' : null,
    caps.openWorld ? 'installs packages' : null,
    caps.runsUntilStopped ? `${caps.runsUntilStopped}: true runs until stopped and is refused here` : null,
  ].filter(Boolean)
  const first = caps.previewable
    ? 'Without apply: true it only returns what it would do (the plan and unified diff, or the preview)'
    : 'It has no preview: without apply: true it is refused'
  return `${spec.summary}. ${first}. It ${effects.join('; ') || 'runs other tools'}.`
}

/** The MCP annotations, from the action's capabilities: a client may offer, confirm or hide a tool by them. */
function annotations(spec: ActionSpec, options: ServeOptions) {
  const caps = capabilitiesOf(spec)
  const readOnly = servedReadOnly(spec, options)
  return {
    title: spec.name,
    readOnlyHint: readOnly,
    // a file plan's force overwrites files; undo and the database commands delete files or data
    destructiveHint: !readOnly && caps.destructive,
    // a file plan made again from the same arguments finds nothing left to change; undo reverses the next change each time
    idempotentHint: readOnly || (caps.filePlan && spec.traits?.destructive !== true),
    openWorldHint: caps.openWorld,
  }
}

export const toolOf = (spec: ActionSpec, options: ServeOptions) => ({
  name: toolName(spec),
  description: describe(spec, options),
  inputSchema: inputSchema(spec, options),
  annotations: annotations(spec, options),
})
