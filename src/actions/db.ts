import { z } from 'zod'
import { UsageError } from '../errors'
import { ENGINES, resolveEngine, runMercato } from '../generator/engine'
import { generateMigration, migrateModule, moduleStatus, resetModule, type DbDeps, type GenerateResult, type MigrateResult } from '../db/migrator'
import { readApplied } from '../db/applied'
import { migrationsTable, prepareDbModules } from '../db/modules'
import { checkReachable, describeTarget, resolveTarget } from '../db/target'
import { moduleId } from '../validation/names'
import { regenerate } from '../engine/regenerate'
import type { Services } from '../services/types'
import type { AppInfo } from '../app/detect'
import { defineAction, list, type Report } from './spec'
import { count as plural } from '../engine/show'

const common = {
  databaseUrl: z.string().optional().describe('PostgreSQL URL (default: DATABASE_URL from the environment or .env, else embedded PGlite)'),
  engine: z.enum(ENGINES).default('auto').describe("our MikroORM driver, the app's own mercato CLI, or auto (mercato when installed)"),
}

/** What every db command does first: pick the engine, find the database, prepare one config per module. */
interface DbContext { services: Services; app: AppInfo | null }

async function start(name: string, i: { databaseUrl?: string; engine: (typeof ENGINES)[number] }, ctx: DbContext, only: string[] = []) {
  const root = ctx.app!.root
  if ((await resolveEngine(root, ctx.services.fs, i.engine)) === 'mercato') return { mercato: true as const, root }
  const target = await resolveTarget(root, ctx.services.fs, i.databaseUrl)
  await checkReachable(target)
  ctx.services.reporter.info(`${name}: ${describeTarget(target)}`)
  const modules = await prepareDbModules(root, ctx.services.fs, target, only)
  const deps: DbDeps = { runner: ctx.services.runner, fs: ctx.services.fs }
  return { mercato: false as const, root, modules, deps, target }
}

async function viaMercato(ctx: DbContext, root: string, args: string[]): Promise<Report> {
  ctx.services.reporter.info(`running mercato ${args.join(' ')}`)
  const output = await runMercato(root, ctx.services.runner, args, (line) => ctx.services.reporter.info(line))
  return { text: `mercato ${args.join(' ')}: done`, data: { engine: 'mercato', output } }
}

const generated = (r: GenerateResult, root: string) =>
  (r.status === 'created' ? `created ${r.file.slice(root.length + 1)}` : r.status === 'no entities' ? 'skipped (no entities)' : r.status)
const migrated = (r: MigrateResult) => (r.skipped ? 'skipped (no entities, no migrations)' : r.applied.length ? `applied ${r.applied.join(', ')}` : 'up to date')

const finish = (lines: string[], data: unknown): Report => ({ text: lines.join('\n'), data })

async function generateAll(ctx: DbContext, s: Extract<Awaited<ReturnType<typeof start>>, { mercato: false }>) {
  const results = []
  for (const [n, m] of s.modules.entries()) {
    const r = await generateMigration(s.deps, s.root, m)
    ctx.services.reporter.info(`[${n + 1}/${s.modules.length}] ${m.id}: ${generated(r, s.root)}`)
    results.push(r)
  }
  return results
}

async function migrateAll(ctx: DbContext, s: Extract<Awaited<ReturnType<typeof start>>, { mercato: false }>) {
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
  kind: 'task',
  name: 'db generate',
  summary: 'create a migration for each module whose entities changed (one migrations folder and table per module)',
  positionals: ['modules'],
  input: z.object({ modules: list(moduleId).default([]).describe('only these modules (default: every enabled module with entities)'), ...common }),
  needsApp: true,
  examples: ['db generate', 'db generate sales fleet', 'db generate --database-url postgres://localhost/shop'],
  async run(i, ctx) {
    const s = await start('db generate', i, ctx, i.modules)
    if (s.mercato) return viaMercato(ctx, s.root, ['db', 'generate'])
    const results = await generateAll(ctx, s)
    const lines = results.map((r) => `${r.id}: ${generated(r, s.root)}`)
    if (results.every((r) => r.status !== 'created')) lines.push('no changes: every module\'s migrations match its entities')
    return finish(lines, results)
  },
})

export const dbMigrateAction = defineAction({
  kind: 'task',
  name: 'db migrate',
  summary: 'apply pending migrations module by module, each in a transaction',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  examples: ['db migrate', 'db migrate --database-url postgres://localhost/shop'],
  async run(i, ctx) {
    const s = await start('db migrate', i, ctx)
    if (s.mercato) return viaMercato(ctx, s.root, ['db', 'migrate'])
    const results = await migrateAll(ctx, s)
    const applied = results.flatMap((r) => r.applied)
    return finish([...results.map((r) => `${r.id}: ${migrated(r)}`), `${plural(applied.length, 'migration')} applied`], results)
  },
})

export const dbStatusAction = defineAction({
  kind: 'report',
  name: 'db status',
  summary: 'per module: applied and pending migrations, and entity changes not yet in a migration',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  examples: ['db status', 'db status --json'],
  async report(i, ctx) {
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
    return finish(lines, rows)
  },
})

export const dbGreenfieldAction = defineAction({
  kind: 'task',
  name: 'db greenfield',
  summary: 'start over: delete every migration and snapshot, drop the module and migration tables, regenerate and migrate',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  confirm: { word: 'greenfield', warning: 'db greenfield deletes every migration and drops the module tables' },
  examples: ['db greenfield --yes'],
  async run(i, ctx) {
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
    return finish([
      ...created.map((r) => `${r.id}: ${generated(r, s.root)}`),
      `${plural(migrated.flatMap((r) => r.applied).length, 'migration')} applied on a clean database`,
    ], { created, migrated })
  },
})
