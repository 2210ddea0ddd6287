import { z } from 'zod'
import { createTree } from '../engine/tree'
import { FailureError, UsageError } from '../errors'
import { discover } from '../generator/discover'
import { emit } from '../generator/emit'
import { ENGINES, resolveEngine, runMercato } from '../generator/engine'
import { walkFiles } from '../generator/files'
import { watchAndGenerate } from '../generator/watch'
import type { Plan } from '../engine/plan'
import type { Services } from '../services/types'
import { defineAction, type ActionSpec } from './spec'

const input = z.object({
  check: z.boolean().default(false).describe('write nothing; exit 1 and list the stale files if the registry is out of date (for CI)'),
  watch: z.boolean().default(false).describe('regenerate on every change until Ctrl+C'),
  engine: z.enum(ENGINES).default('auto').describe("the bundled generator, the app's own mercato CLI, or auto (mercato when installed)"),
})

/**
 * The bundled generator end to end (plan, then apply what changed), for the places that run it
 * as a step: scaffolds' follow-up, --watch and db greenfield. The plan says what was written.
 */
export async function regenerate(services: Services, appRoot: string): Promise<Plan> {
  const { planAction, applyAction } = await import('../engine/execute')
  const plan = await planAction(generateAction as unknown as ActionSpec, { check: false, watch: false, engine: 'bundled' }, services, { cwd: appRoot })
  if (plan.changes.length > 0) await applyAction(plan, services)
  return plan
}

export const generateAction = defineAction({
  name: 'generate',
  summary: 'regenerate the module registry under .mercato/generated (rewrites only what changed)',
  positionals: [],
  input,
  needsApp: true,
  examples: ['generate', 'generate --check', 'generate --watch', 'generate --dry-run --diff'],
  async execute(i, { services, app }) {
    const root = app!.root
    const engine = await resolveEngine(root, services.fs, i.engine)
    if (engine === 'mercato') {
      if (i.check) throw new UsageError('--check works with the bundled generator; add --engine bundled')
      services.reporter.info('running mercato generate')
      services.reporter.out((await runMercato(root, services.runner, i.watch ? ['generate', 'watch'] : ['generate'])).trimEnd() || 'mercato generate: done')
      return 0
    }
    if (!i.watch) return undefined
    return watchAndGenerate(services, {
      appRoot: root,
      async generate() {
        const plan = await regenerate(services, root)
        return plan.changes.length === 0 ? `${plan.summary}: up to date` : `${plan.summary}: wrote ${plan.changes.map((c) => c.path).join(', ')}`
      },
      async inputs() {
        const tree = createTree(root, services.fs)
        const model = await discover(tree, { lenient: true })
        const files = ['src/modules.ts']
        for (const dir of new Set(model.modules.flatMap((m) => m.roots))) files.push(...(await walkFiles(tree, dir)).map((f) => `${dir}/${f}`))
        return files
      },
    })
  },
  async plan(i, { tree }) {
    if (i.watch) throw new UsageError('--watch runs until Ctrl+C; start it from the command line: create-mercato-module generate --watch')
    if (i.engine === 'mercato') throw new UsageError('the mercato engine runs from the command line: create-mercato-module generate --engine mercato')
    const model = await discover(tree)
    for (const [path, content] of Object.entries(emit(model))) await tree.write(path, content)
    const count = model.modules.length
    const summary = `generate: ${count} enabled module${count === 1 ? '' : 's'}`
    if (i.check) {
      const stale = tree.changes().map((c) => c.path)
      if (stale.length > 0) throw new FailureError(`the generated registry is stale (${stale.join(', ')}); run: create-mercato-module generate`)
      return { summary: `${summary}, registry up to date`, notes: model.warnings, historyDir: null }
    }
    return { summary, notes: model.warnings, historyDir: null }
  },
})
