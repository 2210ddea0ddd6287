import { z } from 'zod'
import { appModules } from '../app/pickers'
import { requireAppModule } from '../app/app-modules'
import { names } from '../naming'
import { addCliCommand, cliCommandsOf } from '../source-edit/cli'
import { moduleId } from '../validation/names'
import { defineAction } from './spec'

const input = z.object({
  module: moduleId.describe('the module whose CLI gets the command (mercato <module> <command>)'),
  command: z.string().regex(/^[a-z][a-z0-9]*(?:[-:][a-z0-9]+)*$/, 'commands are lowercase words joined by "-" or ":" (e.g. "seed-orders")')
    .describe('the command name, e.g. seed-orders'),
})

export const cliAction = defineAction({
  kind: 'plan',
  name: 'cli',
  summary: 'add a command to the module\'s cli.ts (created or merged), run as mercato <module> <command>',
  positionals: ['module', 'command'],
  input,
  needsApp: true,
  generates: true,
  pickers: { module: appModules },
  examples: ['cli billing seed-invoices', 'cli billing sync:rates'],
  async plan(i, { tree, templates, app }) {
    const dir = await requireAppModule(tree, i.module)
    const path = `${dir}/cli.ts`
    const constName = `${names(i.command).propertyName}Command`
    const data = { moduleId: i.module, command: i.command, constName }
    const code = await templates.render('cli/command.ts.hbs', data, app!.root)
    const source = await tree.read(path)
    if (source === null) {
      await tree.write(path, await templates.render('cli/cli.ts.hbs', { ...data, command: code.trimEnd() }, app!.root))
    } else if (cliCommandsOf(source, path).includes(i.command)) {
      return { summary: `mercato ${i.module} ${i.command} already exists in ${path}` }
    } else {
      await tree.write(path, addCliCommand(source, path, constName, code))
    }
    return { summary: `command mercato ${i.module} ${i.command} in ${path}` }
  },
})
