import { z } from 'zod'
import { regenerate } from '../dispatch/regenerate'
import { createTree } from '../services/tree'
import { FailureError, UsageError } from '../errors'
import { discover, findMissing, missingMessage } from '../generator/discover'
import { autoEngine, BUNDLED_HINT, ENGINES, resolveEngine, runMercato } from '../generator/engine'
import { walkFiles } from '../generator/files'
import { parseProblemText, unparsableRegistry } from '../generator/parses'
import { writeRegistry } from '../generator/registry'
import { moduleSource } from '../generator/source'
import { watchAndGenerate } from '../generator/watch'
import { defineAction } from './spec'
import { MODULES_FILE } from '../paths'

const input = z.object({
  check: z.boolean().default(false).describe('write nothing; exit 1 and list the stale files if the registry is out of date (for CI)'),
  watch: z.boolean().default(false).describe('regenerate on every change until Ctrl+C'),
  engine: z.enum(ENGINES).default('auto').describe("the bundled generator, the app's own mercato CLI, or auto (mercato when installed)"),
})

const common = {
  name: 'generate',
  summary: 'regenerate the module registry under .mercato/generated (rewrites only what changed)',
  positionals: [],
  input,
  needsApp: true,
  examples: ['generate', 'generate --check', 'generate --watch', 'generate --dry-run --diff'],
  traits: { plans: true, runsUntilStopped: 'watch' },
} as const

/** Running work instead of a plan: the app's own mercato CLI, or regenerating on every change. */
const generateTask = defineAction({
  ...common,
  kind: 'task',
  async run(i, { services, app, signal }) {
    const root = app!.root
    if ((await resolveEngine(root, services.fs, i.engine)) === 'mercato') {
      if (i.check) throw new UsageError('--check works with the bundled generator, and this app has Open Mercato\'s CLI', { text: 'check with the bundled generator', set: { engine: 'bundled' } })
      // Open Mercato's CLI would generate from what it finds; a module it cannot find is ours to name first.
      const missing = await findMissing(createTree(root, services.fs))
      if (missing.length > 0) throw new FailureError(missingMessage(missing))
      const args = i.watch ? ['generate', 'watch'] : ['generate']
      services.reporter.info(`running Open Mercato's CLI: mercato ${args.join(' ')}`)
      const output = await runMercato(root, services.runner, args, (line) => services.reporter.info(line)).catch((error: unknown) => {
        throw error instanceof FailureError ? new FailureError(error.message, BUNDLED_HINT) : error
      })
      return { text: `mercato ${args.join(' ')}: done`, data: { engine: 'mercato', output } }
    }
    await watchAndGenerate(services, {
      appRoot: root,
      signal,
      async generate() {
        const plan = await regenerate(services, root)
        return plan.changes.length === 0 ? `${plan.summary}: up to date` : `${plan.summary}: wrote ${plan.changes.map((c) => c.path).join(', ')}`
      },
      async inputs() {
        const tree = createTree(root, services.fs)
        const model = await discover(tree, { lenient: true })
        const source = moduleSource(tree)
        const files = [MODULES_FILE]
        for (const dir of new Set(model.modules.flatMap((m) => m.roots))) files.push(...(await walkFiles(source, dir)).map((f) => `${dir}/${f}`))
        return files
      },
    })
    return { text: 'stopped watching', data: { engine: 'bundled', watch: 'stopped' } }
  },
})

const generatePlan = defineAction({
  ...common,
  kind: 'plan',
  async plan(i, { tree, force, dryRun }) {
    // read before the registry is staged: the question is whether the files on disk parse
    const broken = i.check ? await unparsableRegistry(tree) : []
    // the fingerprint cache is a write: a check or a preview (a dry run, an MCP call without apply) leaves none
    const { summary, warnings: found } = await writeRegistry(tree, { replaceForeign: force || i.check, remember: !i.check && !dryRun })
    const why = i.engine === 'auto' ? autoEngine(tree.root).note : undefined
    const warnings = why ? [why, ...found] : found
    if (i.check) {
      if (broken.length > 0) throw new FailureError(`the generated registry does not parse: ${broken.map(parseProblemText).join('; ')}; run: create-mercato-module generate`)
      const stale = tree.changes().map((c) => c.path)
      if (stale.length > 0) throw new FailureError(`the generated registry is stale (${stale.join(', ')}); run: create-mercato-module generate`)
      return { summary: `${summary}, registry up to date`, notes: warnings, historyDir: null }
    }
    return { summary, notes: warnings, historyDir: null }
  },
})

export const generateAction = defineAction({
  ...generatePlan,
  async select(i, { app, services }) {
    if (i.check && i.watch) throw new UsageError('--check and --watch do not go together: --check answers once, --watch never ends; pick one')
    return i.watch || (await resolveEngine(app!.root, services.fs, i.engine)) === 'mercato' ? generateTask : generatePlan
  },
})
