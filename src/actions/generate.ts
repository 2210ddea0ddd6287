import { z } from 'zod'
import { createTree } from '../engine/tree'
import { FailureError, UsageError } from '../errors'
import { discover, findMissing, missingMessage } from '../generator/discover'
import { emit } from '../generator/emit'
import { ENGINES, resolveEngine, runMercato } from '../generator/engine'
import { walkFiles } from '../generator/files'
import { moduleSource } from '../generator/source'
import { watchAndGenerate } from '../generator/watch'
import type { Plan } from '../engine/plan'
import type { Tree } from '../engine/tree'
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

const GENERATED = '.mercato/generated'

/**
 * Files under .mercato/generated that the bundled generator neither writes nor wrote (its header names
 * this tool) are Open Mercato's registry: overwriting part of it leaves the app importing a mix of both.
 */
async function refuseForeignRegistry(tree: Tree, files: Record<string, string>): Promise<void> {
  const foreign: string[] = []
  for (const name of await tree.list(GENERATED)) {
    const path = `${GENERATED}/${name}`
    if (path in files || (await tree.isDirectory(path))) continue
    if (!((await tree.read(path)) ?? '').includes('create-mercato-module')) foreign.push(name)
  }
  if (foreign.length === 0) return
  const sample = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '')
  throw new UsageError(`${GENERATED} holds files the bundled generator does not write (${sample}): it is Open Mercato's registry; run mercato generate (--engine mercato), or --force to replace it with the bundled one`)
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
      // Open Mercato's CLI would generate from what it finds; a module it cannot find is ours to name first.
      const missing = await findMissing(createTree(root, services.fs))
      if (missing.length > 0) throw new FailureError(missingMessage(missing))
      const args = i.watch ? ['generate', 'watch'] : ['generate']
      services.reporter.info(`running Open Mercato's CLI: mercato ${args.join(' ')}`)
      await runMercato(root, services.runner, args, (line) => services.reporter.info(line))
      services.reporter.out(`mercato ${args.join(' ')}: done`)
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
        const source = moduleSource(tree)
        const files = ['src/modules.ts']
        for (const dir of new Set(model.modules.flatMap((m) => m.roots))) files.push(...(await walkFiles(source, dir)).map((f) => `${dir}/${f}`))
        return files
      },
    })
  },
  async plan(i, { tree, force }) {
    if (i.watch) throw new UsageError('--watch runs until Ctrl+C; start it from the command line: create-mercato-module generate --watch')
    if (i.engine === 'mercato') throw new UsageError('the mercato engine runs from the command line: create-mercato-module generate --engine mercato')
    const model = await discover(tree)
    const files = emit(model)
    if (!force && !i.check) await refuseForeignRegistry(tree, files)
    for (const [path, content] of Object.entries(files)) await tree.write(path, content)
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
