import type { z } from 'zod'
import { ACTIONS } from '../actions'
import { schemaAction } from '../actions/schema'
import { fieldsOf } from '../actions/spec'
import { TOOL_VERSION } from '../version'
import { actionHelp, commandWords, completionHelp, globalFlagsOf, globalHelp, groupHelp, mcpHelp } from './help'
import type { CommandIndex, FieldSpecMeta } from './command-index-data'

/** The kinds and flags a `--field key:kind[:flags]` value takes, from the meta validation/field-spec.ts sets deep in the field's schema. */
function fieldSpecOf(schema: z.ZodType): FieldSpecMeta | undefined {
  const found = (schema.meta() as { fieldSpec?: FieldSpecMeta } | undefined)?.fieldSpec
  if (found) return found
  const def = schema._zod.def as unknown as Record<string, z.ZodType | undefined>
  for (const key of ['innerType', 'in', 'out', 'element']) {
    const inner = def[key] && fieldSpecOf(def[key])
    if (inner) return inner
  }
  return undefined
}

/**
 * The commands as plain data, written to dist/commands.json by the build: --help, --version and the
 * shell completion answer from it without loading any action, zod or the parsers (see ./start.ts).
 * Built from the same specs and help functions as the full path, so both print the same text.
 */
export function buildCommandIndex(): CommandIndex {
  const groups: Record<string, string> = {}
  for (const spec of ACTIONS) {
    const [first, second] = spec.name.split(' ')
    if (second && !groups[first!]) groups[first!] = groupHelp(first!, ACTIONS.filter((a) => a.name.startsWith(`${first} `)))
  }
  return {
    version: TOOL_VERSION,
    help: globalHelp(ACTIONS),
    words: commandWords(ACTIONS),
    groups,
    tools: { [schemaAction.name]: actionHelp(schemaAction), completion: completionHelp(), mcp: mcpHelp() },
    commands: ACTIONS.map((spec) => ({
      name: spec.name,
      aliases: spec.aliases ?? [],
      summary: spec.summary,
      needsApp: spec.needsApp,
      help: actionHelp(spec),
      positionals: [...spec.positionals],
      fields: fieldsOf(spec).map((f) => {
        const fieldSpec = fieldSpecOf(f.schema)
        return {
          key: f.key,
          flag: f.flag,
          kind: f.kind,
          positional: f.positional,
          ...(f.choices ? { choices: f.choices } : {}),
          ...(fieldSpec ? { fieldSpec } : {}),
          picker: Boolean(spec.pickers?.[f.key as never]),
          ...(spec.pickers?.[f.key as never]?.quick ? { quick: spec.pickers[f.key as never]!.quick } : {}),
        }
      }),
      globalFlags: globalFlagsOf(spec).map((g) => g.flag),
    })),
  }
}
