import { z } from 'zod'
import { envelopeSchema } from '../dispatch/envelope'
import { UsageError } from '../errors'
import { didYouMean } from '../validation/suggest'
import { ACTIONS, findAction } from './index'
import { defineAction, list, type ActionSpec } from './spec'

/** Input and output of one command as JSON Schema, from the very zod schema that validates it. */
function describe(spec: ActionSpec) {
  return {
    command: spec.name,
    kind: spec.kind,
    summary: spec.summary,
    positionals: spec.positionals,
    // io 'input': what a caller may send (defaults optional, "get,post" before it is upper-cased)
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(envelopeSchema, { unrepresentable: 'any' }),
  }
}

/** About the tool rather than an app, so it is no menu item: the CLI and `completion` reach it by name. */
export const schemaAction = defineAction({
  kind: 'report',
  name: 'schema',
  summary: "print the JSON Schema of every command's input and of its --json output",
  positionals: ['command'],
  input: z.object({ command: list(z.string()).default([]).describe('one command, e.g. "module" or "db migrate" (default: every command)') }),
  needsApp: false,
  examples: ['schema', 'schema module', 'schema db migrate'],
  async report({ command }) {
    if (command.length === 0) {
      const data = { commands: ACTIONS.map(describe) }
      return { text: JSON.stringify(data, null, 2), data }
    }
    const spec = findAction(...command)
    if (!spec) throw new UsageError(`unknown command "${command.join(' ')}"${didYouMean(command.join(' '), ACTIONS.map((a) => a.name))} (see "create-mercato-module schema")`)
    // findAction reads only the words it needs: `schema module extra` must not describe `module`
    const extra = command[spec.name.split(' ').length]
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" (usage: create-mercato-module schema [command])`)
    const data = describe(spec)
    return { text: JSON.stringify(data, null, 2), data }
  },
})
