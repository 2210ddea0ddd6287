import { z } from 'zod'
import { UsageError } from '../errors'
import { ENGINES, resolveEngine, runMercato } from '../generator/engine'
import { generateMigration, migrateModule, moduleStatus, resetModule, type DbDeps, type GenerateResult, type MigrateResult } from '../db/migrator'
import { readApplied } from '../db/applied'
import { migrationsTable, prepareDbModules } from '../db/modules'
import { checkReachable, describeTarget, resolveTarget } from '../db/target'
import { moduleId } from '../validation/names'
import { regenerate } from './generate'
import { defineAction, list, type ExecuteContext } from './spec'

const common = {
  databaseUrl: z.string().optional().describe('PostgreSQL URL (default: DATABASE_URL from the environment or .env, else embedded PGlite)'),
  engine: z.enum(ENGINES).default('auto').describe("our MikroORM driver, the app's own mercato CLI, or auto (mercato when installed)"),
}

const needsCommandLine = (name: string) => async (): Promise<never> => {
  throw new UsageError(`${name} works on the database, not on files; run it directly (there is nothing to preview)`)
}

/** What every db command does first: pick the engine, find the database, prepare one config per module. */
async function start(name: string, i: { databaseUrl?: string; engine: (typeof ENGINES)[number] }, ctx: ExecuteContext, only: string[] = []) {
  if (ctx.dryRun) throw new UsageError(`--dry-run is not available for ${name}; "db status" shows what would run`)
  const root = ctx.app!.root
  if ((await resolveEngine(root, ctx.services.fs, i.engine)) === 'mercato') return { mercato: true as const, root }
  const target = await resolveTarget(root, ctx.services.fs, i.databaseUrl)
  await checkReachable(target)
  ctx.services.reporter.info(`${name}: ${describeTarget(target)}`)
  const modules = await prepareDbModules(root, ctx.services.fs, target, only)
  const deps: DbDeps = { runner: ctx.services.runner, fs: ctx.services.fs }
  return { mercato: false as const, root, modules, deps, target }
}

async function viaMercato(ctx: ExecuteContext, root: string, args: string[]) {
  ctx.services.reporter.info(`running mercato ${args.join(' ')}`)
  await runMercato(root, ctx.services.runner, args, (line) => ctx.services.reporter.info(line))
  ctx.services.reporter.out(`mercato ${args.join(' ')}: done`)
  return 0
}

const generated = (r: GenerateResult, root: string) =>
  (r.status === 'created' ? `created ${r.file.slice(root.length + 1)}` : r.status === 'no entities' ? 'skipped (no entities)' : r.status)
const migrated = (r: MigrateResult) => (r.skipped ? 'skipped (no entities, no migrations)' : r.applied.length ? `applied ${r.applied.join(', ')}` : 'up to date')

function finish(ctx: ExecuteContext, lines: string[], data: unknown): number {
  ctx.services.reporter.out(ctx.json ? JSON.stringify(data, null, 2) : lines.join('\n'))
  return 0
}

async function generateAll(ctx: ExecuteContext, s: Extract<Awaited<ReturnType<typeof start>>, { mercato: false }>) {
  const results = []
  for (const [n, m] of s.modules.entries()) {
    const r = await generateMigration(s.deps, s.root, m)
    ctx.services.reporter.info(`[${n + 1}/${s.modules.length}] ${m.id}: ${generated(r, s.root)}`)
    results.push(r)
  }
  return results
}

async function migrateAll(ctx: ExecuteContext, s: Extract<Awaited<ReturnType<typeof start>>, { mercato: false }>) {
  const results = []
  const applied = await readApplied(s.root, s.target, ctx.services.fs, s.modules.map((m) => migrationsTable(m.id)))
  for (const [n, m] of s.modules.entries()) {
    if (m.config) ctx.services.reporter.info(`[${n + 1}/${s.modules.length}] ${m.id}: migrating`)
    const r = await migrateModule(s.deps, s.root, m, applied?.get(migrationsTable(m.id)))
    ctx.services.reporter.info(`[${n + 1}/${s.modules.length}] ${m.id}: ${migrated(r)}`)
    results.push(r)
  }
  return results
}

export const dbGenerateAction = defineAction({
  name: 'db generate',
  summary: 'create a migration for each module whose entities changed (one migrations folder and table per module)',
  positionals: ['modules'],
  input: z.object({ modules: list(moduleId).default([]).describe('only these modules (default: every enabled module with entities)'), ...common }),
  needsApp: true,
  executeOnly: true,
  examples: ['db generate', 'db generate sales fleet', 'db generate --database-url postgres://localhost/shop'],
  plan: needsCommandLine('db generate'),
  async execute(i, ctx) {
    const s = await start('db generate', i, ctx, i.modules)
    if (s.mercato) return viaMercato(ctx, s.root, ['db', 'generate'])
    const results = await generateAll(ctx, s)
    const lines = results.map((r) => `${r.id}: ${generated(r, s.root)}`)
    if (results.every((r) => r.status !== 'created')) lines.push('no changes: every module\'s migrations match its entities')
    return finish(ctx, lines, results)
  },
})

export const dbMigrateAction = defineAction({
  name: 'db migrate',
  summary: 'apply pending migrations module by module, each in a transaction',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  executeOnly: true,
  examples: ['db migrate', 'db migrate --database-url postgres://localhost/shop'],
  plan: needsCommandLine('db migrate'),
  async execute(i, ctx) {
    const s = await start('db migrate', i, ctx)
    if (s.mercato) return viaMercato(ctx, s.root, ['db', 'migrate'])
    const results = await migrateAll(ctx, s)
    const applied = results.flatMap((r) => r.applied)
    return finish(ctx, [...results.map((r) => `${r.id}: ${migrated(r)}`), `${applied.length} migration(s) applied`], results)
  },
})

export const dbStatusAction = defineAction({
  name: 'db status',
  summary: 'per module: applied and pending migrations, and entity changes not yet in a migration',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  executeOnly: true,
  examples: ['db status', 'db status --json'],
  plan: needsCommandLine('db status'),
  async execute(i, ctx) {
    const s = await start('db status', i, ctx)
    if (s.mercato) throw new UsageError('db status works with our MikroORM driver; add --engine bundled')
    const rows = []
    const applied = await readApplied(s.root, s.target, ctx.services.fs, s.modules.map((m) => migrationsTable(m.id)))
    for (const m of s.modules) rows.push(await moduleStatus(s.deps, s.root, m, applied?.get(migrationsTable(m.id))))
    const width = Math.max(6, ...rows.map((r) => r.id.length))
    const lines = [
      `${'module'.padEnd(width)}  applied  pending  entity changes`,
      ...rows.map((r) => `${r.id.padEnd(width)}  ${String(r.applied).padEnd(7)}  ${String(r.pending.length).padEnd(7)}  ${r.entityChanges === null ? 'no entities' : r.entityChanges ? 'yes: run db generate' : 'no'}`),
    ]
    return finish(ctx, lines, rows)
  },
})

export const dbGreenfieldAction = defineAction({
  name: 'db greenfield',
  summary: 'start over: delete every migration and snapshot, drop the module and migration tables, regenerate and migrate',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  executeOnly: true,
  confirmWord: 'greenfield',
  examples: ['db greenfield --yes'],
  plan: needsCommandLine('db greenfield'),
  async execute(i, ctx) {
    if (!ctx.yes) throw new UsageError('db greenfield deletes every migration and drops the module tables; run it again with --yes to confirm')
    const s = await start('db greenfield', i, ctx)
    if (s.mercato) return viaMercato(ctx, s.root, ['db', 'greenfield', '--yes'])
    for (const m of s.modules) {
      ctx.services.reporter.info(`${m.id}: dropping tables, removing migrations`)
      await resetModule(s.deps, s.root, m)
    }
    for (const name of (await ctx.services.fs.readDir(`${s.root}/.mercato/generated`)).map((e) => e.name)) {
      if (name.endsWith('.checksum')) await ctx.services.fs.remove(`${s.root}/.mercato/generated/${name}`)
    }
    await regenerate(ctx.services, s.root)
    const created = await generateAll(ctx, s)
    const migrated = await migrateAll(ctx, s)
    return finish(ctx, [
      ...created.map((r) => `${r.id}: ${generated(r, s.root)}`),
      `${migrated.flatMap((r) => r.applied).length} migration(s) applied on a clean database`,
    ], { created, migrated })
  },
})
