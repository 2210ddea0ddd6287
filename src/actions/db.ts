import { join } from 'node:path'
import { z } from 'zod'
import { UsageError } from '../errors'
import { ENGINES, resolveEngine, runMercato } from '../generator/engine'
import { lockFile } from '../db/lock'
import { migrateModule, migrationFiles, migrationTables, moduleStatus, nameOf, pendingChange, resetModule, writeMigration, type ChangeOptions, type MigrateResult, type ModuleChange, type StatusRow, type WrittenMigration } from '../db/migrator'
import { dbModules, loadEntities, migrationsTable, type DbModule } from '../db/modules'
import { DbSession } from '../db/orm'
import { orphanedMigrations } from '../db/orphans'
import { pendingOn } from '../db/pending'
import { DB_DIR, DB_LOCK, GENERATED_DIR } from '../paths'
import { createTree } from '../services/tree'
import { upStatements } from '../db/sql'
import { checkReachable, describeTarget, resolveTarget, type DbTarget } from '../db/target'
import { moduleId } from '../validation/names'
import { regenerate } from '../dispatch/regenerate'
import type { Services } from '../services/types'
import type { AppInfo } from '../app/detect'
import { count } from '../text'
import { defineAction, list, type Report, type TaskPreview } from './spec'
import { Cancelled, cancelledBecause, stepper, type Steps } from './steps'

const common = {
  databaseUrl: z.string().optional().describe('PostgreSQL URL (default: DATABASE_URL from the environment or .env, else embedded PGlite)').meta({ examples: ['postgres://me:secret@localhost/shop'] }),
  engine: z.enum(ENGINES).default('auto').describe("our MikroORM driver, the app's own mercato CLI, or auto (mercato when installed)"),
}

interface DbContext { services: Services; app: AppInfo | null; confirmed?: boolean }
interface Started { root: string; modules: DbModule[]; target: DbTarget; session: DbSession; created: boolean }

/** The database a command works on, as its output names it: `embedded PGlite in .mercato/db/data`. */
const where = (s: Started) => `${describeTarget(s.target, s.root)}${s.created ? '' : ' (not created yet; db migrate creates it)'}`
type Engine = { databaseUrl?: string; engine: (typeof ENGINES)[number] }

/**
 * What every db command does first: find the database, list the modules, and open one MikroORM
 * session for all of them (offline for diffs). `work` runs with the session, which is always
 * closed; on the embedded database under a lock, since PGlite admits one process at a time.
 * A run (`announce`) names the database as its first line of progress once the session is open: a
 * database that cannot be reached is one error line that names it itself.
 */
async function withDb<T>(name: string, i: Engine, ctx: DbContext, options: { only?: string[]; offline?: boolean; announce?: boolean; readOnly?: boolean }, work: (s: Started) => Promise<T>): Promise<T> {
  const root = ctx.app!.root
  const target = await resolveTarget(root, ctx.services.fs, i.databaseUrl)
  const modules = await dbModules(root, ctx.services.fs, options.only)
  // a question (status, a dry run) about an embedded database that does not exist must not create it
  const created = target.kind !== 'pglite' || (await ctx.services.fs.entry(target.dataDir)) !== null
  if (options.readOnly && !created) {
    const session = await DbSession.notCreated(root, target)
    return work({ root, modules, target, session, created })
  }
  if (!options.offline) await checkReachable(target)
  let release = async () => {}
  if (target.kind === 'pglite' && !options.offline) {
    await ctx.services.fs.mkdirp(join(root, DB_DIR))
    release = await lockFile(ctx.services.fs, join(root, DB_LOCK), 'the embedded database', 60_000, (pid) => ctx.services.reporter.info(`waiting for another db command (pid ${pid}) to finish`))
  }
  try {
    const session = options.offline ? await DbSession.offline(root, target) : await DbSession.open(root, target)
    try {
      const started = { root, modules, target, session, created: true }
      if (options.announce) ctx.services.reporter.info(`${name}: ${where(started)}`)
      return await work(started)
    } finally {
      await session.close()
    }
  } finally {
    await release()
  }
}

const engineOf = async (i: Engine, ctx: DbContext) => resolveEngine(ctx.app!.root, ctx.services.fs, i.engine)
async function mercato(i: Engine, ctx: DbContext, args: string[]): Promise<Report | null> {
  if ((await engineOf(i, ctx)) !== 'mercato') return null
  ctx.services.reporter.info(`running mercato ${args.join(' ')}`)
  const output = await runMercato(ctx.app!.root, ctx.services.runner, args, (line) => ctx.services.reporter.info(line))
  return { text: `mercato ${args.join(' ')}: done`, data: { engine: 'mercato', output } }
}

/** With Open Mercato's CLI as the engine, it decides what to do: the preview can only say so. */
const viaMercatoPreview = (name: string): TaskPreview => ({ summary: `${name} runs Open Mercato's CLI (mercato ${name}); it shows its own output`, sections: [], nothingToDo: false })

const migrated = (r: MigrateResult) => (r.skipped ? 'skipped (no entities, no migrations)' : r.applied.length ? `applied ${r.applied.join(', ')}` : 'up to date')

/**
 * Applies each module's pending migrations, one step per module. A module's migrations run to the end
 * (each in its own transaction) once started; a cancellation stops before the next module.
 */
async function migrateEach(s: Started, ctx: DbContext, applied: Map<string, Set<string>>, results: MigrateResult[], steps: Steps) {
  for (const m of s.modules) {
    await steps.run(async () => {
      const r = await migrateModule(s.session, ctx.services.fs, m, applied.get(m.id)!)
      results.push(r)
      return migrated(r)
    })
  }
  steps.check()
}

/**
 * Of the modules a cancelled migrate did not reach, those with migrations the database has not
 * applied: a module with nothing to migrate was not left undone. Read only once cancelled.
 */
async function withPendingWork(s: Started, ctx: DbContext, applied: Map<string, Set<string>>, notReached: string[]): Promise<string[]> {
  const pending = []
  for (const m of s.modules.filter((x) => notReached.includes(x.id))) {
    if ((await migrationFiles(ctx.services.fs, m)).some((f) => !applied.get(m.id)?.has(nameOf(f)))) pending.push(m.id)
  }
  return pending
}

/** What a cancelled migrate left: each module it ran, and the ones with pending migrations it did not. */
const migratedSoFar = (results: MigrateResult[], notMigrated: string[]) => [
  results.length ? results.map((r) => `${r.id}: ${migrated(r)}`).join('; ') : 'no module was migrated',
  ...(notMigrated.length ? [`not migrated: ${notMigrated.join(', ')} (run db migrate to apply their pending migrations)`] : []),
].join('; ')
const finish = (lines: string[], data: unknown): Report => ({ text: lines.join('\n'), data })

/** Two modules whose entities map to one table would fight over it: refused before any SQL. */
function checkOwnership(changes: ModuleChange[]) {
  const owner = new Map<string, string>()
  for (const c of changes) {
    for (const t of c.tables) {
      const other = owner.get(t)
      if (other && other !== c.id) throw new UsageError(`table "${t}" is declared by module ${other} and by module ${c.id}; give one of them another table (data-entity --table, or tableName in @Entity); nothing was written`)
      owner.set(t, c.id)
    }
  }
}

/** Every module's pending change, computed offline and checked before anything is written. */
async function changesOf(s: Started, ctx: DbContext, options: ChangeOptions = {}) {
  const entities = await loadEntities(s.root, ctx.services.fs, s.modules)
  const changes = []
  for (const m of s.modules) changes.push(await pendingChange(s.session, ctx.services.fs, m, entities.get(m.id), options))
  checkOwnership(changes)
  return { entities, changes }
}

const sqlOf = (statements: string[]) => statements.filter((st) => st.trim()).join('\n')

function generatePreview(s: Started, changes: ModuleChange[]): TaskPreview {
  const changed = changes.filter((c) => c.status === 'changes')
  const risky = changed.filter((c) => c.destructive.length > 0)
  // the diff is made offline, from entities and snapshots: the database only sets the SQL dialect
  const sqlFor = `(SQL for ${where(s)})`
  return {
    summary: changed.length === 0
      ? `no changes: every module's migrations match its entities ${sqlFor}`
      : `${count(changed.length, 'migration')} to write in ${changed.map((c) => c.id).join(', ')} ${sqlFor}${risky.length ? `; DESTRUCTIVE in ${risky.map((c) => c.id).join(', ')}` : ''}`,
    sections: changes.flatMap((c): TaskPreview['sections'] => {
      if (c.status !== 'changes') return [{ title: `${c.id}: ${c.status === 'no entities' ? 'skipped (no entities)' : 'no changes'}`, body: '', language: 'text' as const }]
      const title = `${c.id}: ${c.initial ? 'initial migration' : 'new migration'}${c.destructive.length ? ` (DESTRUCTIVE: ${c.destructive.join('; ')})` : ''}`
      const down = sqlOf(c.diff.down)
      return [{ title, body: sqlOf(c.diff.up), language: 'sql' as const }, ...(down ? [{ title: `${c.id}: down()`, body: down, language: 'sql' as const }] : [])]
    }),
    nothingToDo: changed.length === 0,
  }
}

/**
 * Writes every module's migration, one step per module. SQL that loses data (a dropped table or
 * column, a changed type) is written only when the user saw it and agreed (the TUI's preview, a
 * terminal prompt) or said so up front (--yes, --allow-destructive); otherwise nothing at all is
 * written, for any module. Cancelled, it takes back every migration it wrote (and the snapshots).
 */
async function generateAll(s: Started, ctx: DbContext, allowDestructive: boolean, steps: Steps, options: ChangeOptions = {}) {
  const { entities, changes } = await changesOf(s, ctx, options)
  const risky = changes.flatMap((c) => c.destructive.map((d) => `${c.id}: ${d}`))
  if (risky.length > 0 && !allowDestructive) {
    const { prompter, reporter } = ctx.services
    if (!prompter.interactive) {
      throw new UsageError(`db generate would write SQL that loses data (${risky.join('; ')}); nothing was written. See it with --dry-run; write it with --yes (or --allow-destructive)`)
    }
    reporter.warn(`these migrations lose data:\n${risky.map((r) => `  ${r}`).join('\n')}`)
    if (!(await prompter.confirm('write them?'))) throw new UsageError('nothing was written')
  }
  const written: Array<WrittenMigration & { id: string }> = []
  try {
    for (const c of changes) {
      await steps.run(async () => {
        if (c.status !== 'changes') return c.status === 'no entities' ? 'skipped (no entities)' : 'no changes'
        const m = s.modules.find((x) => x.id === c.id)!
        const migration = await writeMigration(s.session, ctx.services.fs, m, entities.get(c.id) ?? [], c)
        written.push({ id: c.id, ...migration })
        return `created ${migration.file.slice(s.root.length + 1)}`
      })
    }
    steps.check()
  } catch (error) {
    if (error instanceof Cancelled) for (const w of written.toReversed()) await w.undo()
    throw error
  }
  return { changes, written: written.map(({ id, file }) => ({ id, file })) }
}

function generatedLines(s: Started, changes: ModuleChange[], written: Array<{ id: string; file: string }>) {
  const lines = changes.map((c) => {
    const file = written.find((w) => w.id === c.id)?.file
    if (file) return `${c.id}: created ${file.slice(s.root.length + 1)}${c.destructive.length ? ` (${c.destructive.join('; ')})` : ''}`
    return `${c.id}: ${c.status === 'no entities' ? 'skipped (no entities)' : 'no changes'}`
  })
  if (written.length === 0) lines.push('no changes: every module\'s migrations match its entities')
  return lines
}

const generateInput = z.object({
  modules: list(moduleId).default([]).describe('only these modules (default: every enabled module with entities)'),
  allowDestructive: z.boolean().default(false).describe('write migrations that drop tables or columns or change types without asking (as --yes does)'),
  dropTables: z.boolean().default(false).describe("also drop the tables a module's snapshot records and its entities no longer map (left in place by default, as Open Mercato does)"),
  ...common,
})

/** Open Mercato's CLI never drops a table a module stops mapping: only the bundled driver can be asked to. */
async function checkDropTables(i: z.infer<typeof generateInput>, ctx: DbContext) {
  if (i.dropTables && (await engineOf(i, ctx)) === 'mercato') {
    throw new UsageError("--drop-tables needs the bundled driver: Open Mercato's mercato db generate leaves tables in place", { text: 'drop them with the bundled driver', set: { engine: 'bundled' } })
  }
}

export const dbGenerateAction = defineAction({
  kind: 'task',
  name: 'db generate',
  summary: 'create a migration for each module whose entities changed (one migrations folder and table per module)',
  positionals: ['modules'],
  input: generateInput,
  needsApp: true,
  examples: ['db generate', 'db generate --dry-run', 'db generate billing fleet', 'db generate --allow-destructive', 'db generate scheduler --drop-tables --dry-run'],
  // it compares the entities with the database's schema; what it writes are migration files
  traits: { database: 'reads' },
  async preview(i, ctx) {
    await checkDropTables(i, ctx)
    if ((await engineOf(i, ctx)) === 'mercato') return viaMercatoPreview('db generate')
    return withDb('db generate', i, ctx, { only: i.modules, offline: true }, async (s) => generatePreview(s, (await changesOf(s, ctx, { dropTables: i.dropTables })).changes))
  },
  async run(i, ctx) {
    await checkDropTables(i, ctx)
    const viaCli = await mercato(i, ctx, ['db', 'generate'])
    if (viaCli) return viaCli
    return withDb('db generate', i, ctx, { only: i.modules, offline: true, announce: true }, async (s) => {
      try {
        const { changes, written } = await generateAll(s, ctx, Boolean(ctx.confirmed) || i.allowDestructive, stepper(ctx, s.modules.map((m) => m.id)), { dropTables: i.dropTables })
        return finish(generatedLines(s, changes, written), { changes, written })
      } catch (error) {
        if (!(error instanceof Cancelled)) throw error
        if (error.done.length === 0) throw cancelledBecause('db generate stopped before writing anything: the app is as it was')
        throw cancelledBecause(`db generate stopped${error.left.length ? ` before ${error.left.join(', ')}` : ''}; every migration it had written was removed and every snapshot restored: the app is as it was`)
      }
    })
  },
})

export const dbMigrateAction = defineAction({
  kind: 'task',
  name: 'db migrate',
  summary: 'apply pending migrations module by module, each in a transaction; concurrent runs wait for each other',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  examples: ['db migrate', 'db migrate --dry-run', 'db migrate --database-url postgres://localhost/shop'],
  // a migration may drop tables or columns
  traits: { database: 'writes', destructive: true },
  async preview(i, ctx) {
    if ((await engineOf(i, ctx)) === 'mercato') return viaMercatoPreview('db migrate')
    return withDb('db migrate', i, ctx, { readOnly: true }, async (s) => {
      const sections = []
      for (const { id, files } of await pendingOn(s.session, ctx.services.fs, s.modules)) {
        const dir = s.modules.find((m) => m.id === id)!.migrationsDir
        const body = []
        for (const f of files) body.push(`-- ${f}`, ...upStatements((await ctx.services.fs.readText(join(dir, f))) ?? ''))
        sections.push({ title: `${id}: ${count(files.length, 'pending migration')}`, body: body.join('\n'), language: 'sql' as const })
      }
      return { summary: sections.length ? `${count(sections.length, 'module')} with pending migrations on ${where(s)}` : `up to date: no pending migrations on ${where(s)}`, sections, nothingToDo: sections.length === 0 }
    })
  },
  async run(i, ctx) {
    const viaCli = await mercato(i, ctx, ['db', 'migrate'])
    if (viaCli) return viaCli
    return withDb('db migrate', i, ctx, { announce: true }, async (s) => {
      const unlock = await s.session.lockMigrations(() => ctx.services.reporter.info('waiting for another db migrate on this database to finish'))
      const results: MigrateResult[] = []
      let applied = new Map<string, Set<string>>()
      try {
        // read after the lock: what another run applied meanwhile is not applied again
        applied = await s.session.applied(s.modules)
        await migrateEach(s, ctx, applied, results, stepper(ctx, s.modules.map((m) => m.id)))
      } catch (error) {
        if (!(error instanceof Cancelled)) throw error
        throw cancelledBecause(`db migrate stopped; ${migratedSoFar(results, await withPendingWork(s, ctx, applied, error.left))}`)
      } finally {
        await unlock()
      }
      // the whole story: entity changes that no migration holds yet are not in the database either
      const { changes } = await changesOf(s, ctx)
      const unmigrated = changes.filter((c) => c.status === 'changes')
      return finish([
        ...results.map((r) => {
          const change = unmigrated.find((c) => c.id === r.id)
          return `${r.id}: ${migrated(r)}${change ? `; its entities have changes in no migration yet${change.destructive.length ? ` (${change.destructive.join('; ')})` : ''}: run db generate` : ''}`
        }),
        `${count(results.flatMap((r) => r.applied).length, 'migration')} applied${unmigrated.length ? `; entity changes not yet in a migration in ${unmigrated.map((c) => c.id).join(', ')}: run db generate, then db migrate` : ''}`,
      ], { results, unmigrated: unmigrated.map((c) => ({ id: c.id, up: c.diff.up.filter((x) => x.trim()) })) })
    })
  },
})

/** Under Open Mercato's CLI, who applies the pending migrations the table above counts. */
function mercatoEngineLine(rows: StatusRow[]): string {
  const pending = rows.filter((r) => r.pending.length > 0)
  const total = pending.reduce((n, r) => n + r.pending.length, 0)
  const shown = pending.slice(0, 5).map((r) => `${r.id} (${r.pending.length})`).join(', ') + (pending.length > 5 ? ` and ${pending.length - 5} more` : '')
  const migrate = pending.length === 0
    ? 'nothing pending for mercato db migrate'
    : `db migrate runs mercato db migrate, which applies ${pending.length === 1 ? `${pending[0]!.id}'s ${count(total, 'pending migration')}` : `${count(total, 'pending migration')} of ${shown}`}`
  return `engine: mercato (Open Mercato's CLI): ${migrate}; db generate runs mercato db generate (--engine bundled for this tool's driver)`
}

export const dbStatusAction = defineAction({
  kind: 'report',
  name: 'db status',
  summary: 'per module: applied and pending migrations, and entity changes not yet in a migration',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  examples: ['db status', 'db status --json'],
  traits: { database: 'reads' },
  async report(i, ctx) {
    // Open Mercato's CLI has no status command: its migration tables are the ones this tool reads
    const engine = await engineOf(i, ctx)
    return withDb('db status', i, ctx, { readOnly: true }, async (s) => {
      const applied = await s.session.applied(s.modules)
      const entities = await loadEntities(s.root, ctx.services.fs, s.modules)
      const rows = []
      for (const m of s.modules) rows.push(await moduleStatus(s.session, ctx.services.fs, m, applied.get(m.id)!, entities.get(m.id)))
      const width = Math.max(6, ...rows.map((r) => r.id.length))
      const orphans = [
        ...(await orphanedMigrations(createTree(s.root, ctx.services.fs), s.modules.map((m) => ({ id: m.id, entities: m.entities?.slice(s.root.length + 1) ?? null })))).map((o) => `${o.file}: ${o.message}`),
        ...[...(await s.session.tables())].filter((t) => t.startsWith('mikro_orm_migrations_') && !s.modules.some((m) => migrationsTable(m.id) === t)).sort()
          .map((t) => `${t}: applied migrations of a module that is not enabled (${t.slice('mikro_orm_migrations_'.length)}); its tables are still in the database`),
      ]
      const lines = [
        `on ${where(s)}:`,
        `${'module'.padEnd(width)}  applied  pending  entity changes`,
        ...rows.map((r) => `${r.id.padEnd(width)}  ${String(r.applied).padEnd(7)}  ${String(r.pending.length).padEnd(7)}  ${r.entityChanges === null ? 'no entities' : r.entityChanges ? 'yes: run db generate' : 'no'}`),
        ...orphans.map((o) => `orphaned: ${o}`),
        ...(engine === 'mercato' ? [mercatoEngineLine(rows)] : []),
      ]
      return finish(lines, { target: where(s), engine, modules: rows, orphans })
    })
  },
})

/** The modules of greenfield's steps of one kind (`drop sales` → sales). */
const modulesOf = (steps: string[], verb: 'drop' | 'generate' | 'migrate') => steps.filter((step) => step.startsWith(`${verb} `)).map((step) => step.slice(verb.length + 1))

/** Where a cancelled greenfield left the app and the database, from the steps it had done. */
function greenfieldState({ done, left }: Cancelled, written: Array<{ id: string }>, results: MigrateResult[], notMigrated: string[]): string {
  const reset = modulesOf(done, 'drop')
  const notReset = modulesOf(left, 'drop')
  if (notReset.length) {
    return `${reset.length ? `reset ${reset.join(', ')} (tables dropped, migrations and snapshot deleted)` : 'nothing was dropped or deleted'}; not reset: ${notReset.join(', ')}; run db greenfield --yes again to start over`
  }
  if (left.includes('regenerate the registry')) return 'every module was reset (tables dropped, migrations and snapshots deleted); the registry was not regenerated and no migration was written: run db greenfield --yes again (or generate, db generate, db migrate)'
  if (modulesOf(left, 'generate').length) return 'every module was reset and the registry regenerated; no new migration was written (those this run wrote were removed): run db generate, then db migrate'
  return `every module was reset, new migrations were written (${written.map((w) => w.id).join(', ') || 'none'}); ${migratedSoFar(results, notMigrated)}`
}

export const dbGreenfieldAction = defineAction({
  kind: 'task',
  name: 'db greenfield',
  summary: 'start over: delete every migration and snapshot, drop the tables they created and the migration tables, regenerate and migrate',
  positionals: [],
  input: z.object(common),
  needsApp: true,
  confirm: { word: 'greenfield', warning: 'db greenfield deletes every migration and drops the module tables' },
  examples: ['db greenfield --yes', 'db greenfield --dry-run'],
  traits: { database: 'writes', destructive: true },
  async preview(i, ctx) {
    if ((await engineOf(i, ctx)) === 'mercato') return viaMercatoPreview('db greenfield')
    return withDb('db greenfield', i, ctx, { offline: true }, async (s) => {
      const sections = []
      for (const m of s.modules.filter((x) => x.active)) {
        const files = await migrationFiles(ctx.services.fs, m)
        const tables = await migrationTables(ctx.services.fs, m)
        sections.push({ title: `${m.id}: drops ${[...tables, migrationsTable(m.id)].join(', ')}; deletes ${count(files.length, 'migration')}`, body: files.map(nameOf).join('\n'), language: 'text' as const })
      }
      return { summary: `db greenfield drops the tables of ${count(sections.length, 'module')} on ${where(s)}, deletes their migrations, then generates and applies new ones`, sections, nothingToDo: false }
    })
  },
  async run(i, ctx) {
    const viaCli = await mercato(i, ctx, ['db', 'greenfield', '--yes'])
    if (viaCli) return viaCli
    return withDb('db greenfield', i, ctx, { announce: true }, async (s) => {
      const unlock = await s.session.lockMigrations(() => ctx.services.reporter.info('waiting for another db migrate on this database to finish'))
      const ids = s.modules.map((m) => m.id)
      const steps = stepper(ctx, [...ids.map((id) => `drop ${id}`), 'regenerate the registry', ...ids.map((id) => `generate ${id}`), ...ids.map((id) => `migrate ${id}`)])
      const dropped: string[] = []
      const results: MigrateResult[] = []
      let written: Array<{ id: string; file: string }> = []
      let applied = new Map<string, Set<string>>()
      try {
        const entities = await loadEntities(s.root, ctx.services.fs, s.modules)
        for (const m of s.modules) {
          await steps.run(async () => {
            const tables = await resetModule(s.session, ctx.services.fs, m, entities.get(m.id), migrationsTable(m.id))
            dropped.push(...tables)
            return tables.length ? `dropped ${tables.join(', ')}` : 'no tables to drop'
          })
        }
        await steps.run(async () => {
          for (const name of (await ctx.services.fs.readDir(join(s.root, GENERATED_DIR))).map((e) => e.name)) {
            if (name.endsWith('.checksum')) await ctx.services.fs.remove(join(s.root, GENERATED_DIR, name))
          }
          const { changes } = await regenerate(ctx.services, s.root)
          return changes.length ? `wrote ${count(changes.length, 'file')}` : 'up to date'
        })
        written = (await generateAll(s, ctx, true, steps)).written
        applied = await s.session.applied(s.modules)
        await migrateEach(s, ctx, applied, results, steps)
        const created = new Set<string>()
        for (const m of s.modules) for (const t of await migrationTables(ctx.services.fs, m)) created.add(t)
        const ownTables = new Set(s.modules.map((m) => migrationsTable(m.id)))
        const left = [...(await s.session.tables())].filter((t) => !created.has(t) && !ownTables.has(t)).sort()
        return finish([
          ...written.map((w) => `${w.id}: created ${w.file.slice(s.root.length + 1)}`),
          `dropped ${count(dropped.length, 'table')}${dropped.length ? `: ${dropped.join(', ')}` : ''}`,
          `${count(results.flatMap((r) => r.applied).length, 'migration')} applied on a clean database`,
          left.length ? `left in the database (no module's migrations create them): ${left.join(', ')}` : 'nothing else is left in the database',
        ], { dropped, written, applied: results, left })
      } catch (error) {
        if (!(error instanceof Cancelled)) throw error
        throw cancelledBecause(`db greenfield stopped; ${greenfieldState(error, written, results, await withPendingWork(s, ctx, applied, modulesOf(error.left, 'migrate')))}`)
      } finally {
        await unlock()
      }
    })
  },
})
