import { basename, dirname, join } from 'node:path'
import { FailureError } from '../errors'
import type { FileSystem } from '../services/types'
import { MIGRATION_FILE, SNAPSHOT, type DbModule } from './modules'
import { reasonOf, type DbSession, type Diff } from './orm'
import { destructive, keepTables, tolerantDrops, tablesCreatedBy, tablesOf, writesMigration } from './sql'

const filesOf = async (fs: FileSystem, module: DbModule) => (await fs.readDir(module.migrationsDir)).map((e) => e.name)

export async function migrationFiles(fs: FileSystem, module: DbModule): Promise<string[]> {
  return (await filesOf(fs, module)).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts')).sort()
}

export const nameOf = (file: string) => basename(file).replace(/\.(ts|js)$/, '')

const snapshotPath = (module: DbModule) => join(module.migrationsDir, `${SNAPSHOT}.json`)

/** The tables a module's snapshot records: what its migrations have made of its entities so far. */
async function snapshotTables(fs: FileSystem, module: DbModule): Promise<string[]> {
  const text = await fs.readText(snapshotPath(module))
  if (text === null) return []
  try {
    return (JSON.parse(text).tables ?? []).map((t: { name: string }) => t.name)
  } catch {
    throw new FailureError(`module ${module.id}: ${snapshotPath(module)} is not valid JSON; restore it from version control`)
  }
}

/** The tables a module's migration files create and do not drop again. */
export async function migrationTables(fs: FileSystem, module: DbModule): Promise<string[]> {
  const sources = []
  for (const file of await migrationFiles(fs, module)) sources.push((await fs.readText(join(module.migrationsDir, file))) ?? '')
  return tablesCreatedBy(sources)
}

/** The table names a module's entity classes map to. */
export function entityTables(orm: Awaited<ReturnType<DbSession['forModule']>>): string[] {
  return [...orm.getMetadata().getAll().values()].filter((m) => m.tableName && !m.embeddable && !m.virtual).map((m) => m.tableName!)
}

export interface ModuleChange {
  id: string
  status: 'changes' | 'no changes' | 'no entities'
  initial: boolean
  diff: Diff
  /** One sentence per statement that can lose data. */
  destructive: string[]
  /** The tables its entities map to. */
  tables: string[]
  /** Tables its snapshot records and its entities do not map, left in place (no --drop-tables). */
  kept: string[]
}

const statements = (diff: Diff) => [...diff.up, ...diff.down].filter((s) => s.trim())

export interface ChangeOptions {
  /** Drop the tables the module's snapshot records and its entities no longer map (Open Mercato never does). */
  dropTables?: boolean
}

/**
 * The SQL a new migration of one module would hold (initial when it has neither snapshot nor
 * migrations), computed offline from its entities and its snapshot. A statement that names a table
 * outside the module (not among its entities or its snapshot) is refused: it belongs to another module.
 * A table its entities do not map is left as it is unless `dropTables`, as Open Mercato's migrator does.
 */
export async function pendingChange(session: DbSession, fs: FileSystem, module: DbModule, entities: unknown[] | undefined, options: ChangeOptions = {}): Promise<ModuleChange> {
  const none: Diff = { up: [], down: [] }
  if (!module.entities || !entities) {
    // a module whose entities are gone still owns the tables its snapshot records: their drop is a change
    if ((await snapshotTables(fs, module)).length === 0) return { id: module.id, status: 'no entities', initial: false, diff: none, destructive: [], tables: [], kept: [] }
    entities = []
  }
  const orm = await session.forModule(module, entities)
  try {
    const hasSnapshot = await orm.migrator.hasSnapshot()
    const initial = !hasSnapshot && (await migrationFiles(fs, module)).length === 0
    if (!hasSnapshot && !initial) {
      throw new FailureError(`module ${module.id} has migrations but no ${SNAPSHOT}.json, so its changes cannot be told apart from other modules' tables; restore the snapshot from version control (or start over with db greenfield)`)
    }
    const tables = entityTables(orm)
    const generated = await orm.migrator.getSchemaDiff(false, initial)
    const diff = options.dropTables ? { up: generated.up.map(tolerantDrops), down: generated.down.map(tolerantDrops) } : keepTables(generated, tables)
    const recorded = await snapshotTables(fs, module)
    const kept = options.dropTables ? [] : recorded.filter((t) => !tables.includes(t))
    const own = new Set([...tables, ...recorded])
    // Open Mercato's snapshots can hold what up() never undoes (an index introspected from another
    // module's table, in down() only): nothing is written for it, so nothing is checked or reported
    if (!writesMigration(diff)) return { id: module.id, status: 'no changes', initial, diff: { up: [], down: [] }, destructive: [], tables, kept }
    for (const statement of statements(diff)) {
      const foreign = tablesOf(statement).find((t) => !own.has(t))
      if (foreign) throw new FailureError(`module ${module.id}: the generated migration would touch table "${foreign}", which is not one of its own (${[...own].join(', ') || 'none'}); nothing was written: ${statement}`)
    }
    if (statements(diff).length === 0) return { id: module.id, status: 'no changes', initial, diff, destructive: [], tables, kept }
    return { id: module.id, status: 'changes', initial, diff, destructive: diff.up.map(destructive).filter((d): d is string => d !== null), tables, kept }
  } finally {
    await orm.close()
  }
}

/**
 * The snapshot is written from the entities alone; a table the migration left in place stays
 * recorded in it (as scheduled_job_runs stays in Open Mercato's scheduler snapshot), so a later
 * db generate --drop-tables still knows the module owns it.
 */
async function keepInSnapshot(fs: FileSystem, snapshot: string, before: string, kept: string[]) {
  const old = JSON.parse(before) as { tables?: Array<{ name: string }> }
  const now = JSON.parse((await fs.readText(snapshot)) ?? '{}') as { tables?: Array<{ name: string }> }
  const names = new Set((now.tables ?? []).map((t) => t.name))
  const carried = (old.tables ?? []).filter((t) => kept.includes(t.name) && !names.has(t.name))
  if (carried.length === 0) return
  now.tables = [...(now.tables ?? []), ...carried]
  await fs.writeAtomic(snapshot, JSON.stringify(now, null, 2))
}

export interface WrittenMigration {
  file: string
  /** Takes the migration away again: the file, the snapshot as it was before, a folder made for it. */
  undo(): Promise<void>
}

/** Writes the migration of a change computed by pendingChange and moves the module's snapshot on. */
export async function writeMigration(session: DbSession, fs: FileSystem, module: DbModule, entities: unknown[], change: ModuleChange): Promise<WrittenMigration> {
  const orm = await session.forModule(module, entities)
  try {
    const snapshot = snapshotPath(module)
    const snapshotBefore = await fs.readText(snapshot)
    const madeDir = await fs.mkdirp(module.migrationsDir)
    // file names carry the second they were made in; a second migration in the same second would overwrite the first
    const stamp = () => `Migration${new Date().toISOString().replace(/[-T:]|\.\d{3}z$/gi, '')}_`
    while ((await migrationFiles(fs, module)).some((f) => f.startsWith(stamp()))) await new Promise((r) => setTimeout(r, 100))
    const [, fileName] = await orm.migrator.generator.generate(change.diff, undefined, module.id)
    const file = join(module.migrationsDir, fileName)
    await orm.migrator.storeCurrentSchema()
    if (change.kept.length > 0 && snapshotBefore !== null) await keepInSnapshot(fs, snapshot, snapshotBefore, change.kept)
    return {
      file,
      async undo() {
        await fs.removeFile(file)
        if (snapshotBefore === null) await fs.removeFile(snapshot)
        else await fs.writeAtomic(snapshot, snapshotBefore)
        // the folders the write made, innermost first
        let dir = module.migrationsDir
        while (madeDir && (await fs.removeEmptyDir(dir)) && dir !== madeDir) dir = dirname(dir)
      },
    }
  } finally {
    await orm.close()
  }
}

export interface MigrateResult { id: string; applied: string[]; skipped?: boolean }

/**
 * Applies one module's pending migrations, each in a transaction; a failing one is rolled back and
 * named with the database's own message. `applied` (read beforehand in one query) lets a module with
 * nothing pending skip its MikroORM.
 */
export async function migrateModule(session: DbSession, fs: FileSystem, module: DbModule, applied: Set<string>): Promise<MigrateResult> {
  if (!module.active) return { id: module.id, applied: [], skipped: true }
  const files = await migrationFiles(fs, module)
  if (files.every((f) => applied.has(nameOf(f)))) return { id: module.id, applied: [] }
  // no entities: only the files run, and nothing is compared with the snapshot
  const orm = await session.forModule(module, [], { migrateOnly: true })
  let current = ''
  orm.migrator.on('migrating', (e) => {
    current = e.name
  })
  try {
    return { id: module.id, applied: (await orm.migrator.up()).map((m) => m.name) }
  } catch (error) {
    const file = files.find((f) => nameOf(f) === current) ?? (current || 'a migration')
    throw new FailureError(`module ${module.id}: migration ${file} failed and was rolled back: ${reasonOf(error)}`)
  } finally {
    await orm.close()
  }
}

export interface StatusRow { id: string; applied: number; pending: string[]; entityChanges: boolean | null }

/** Applied and pending migrations of one module and whether its entities changed since its last migration. */
export async function moduleStatus(session: DbSession, fs: FileSystem, module: DbModule, applied: Set<string>, entities: unknown[] | undefined): Promise<StatusRow> {
  if (!module.active) return { id: module.id, applied: 0, pending: [], entityChanges: null }
  const names = (await migrationFiles(fs, module)).map(nameOf)
  const pending = names.filter((name) => !applied.has(name))
  const change = await pendingChange(session, fs, module, entities)
  return { id: module.id, applied: names.length - pending.length, pending, entityChanges: change.status === 'no entities' ? null : change.status === 'changes' }
}

/**
 * Drops every table the module's migrations create and its entities map to, and its migrations
 * table; then removes its migration files and snapshot. Returns the tables dropped.
 */
export async function resetModule(session: DbSession, fs: FileSystem, module: DbModule, entities: unknown[] | undefined, migrationsTableName: string): Promise<string[]> {
  if (!module.active) return []
  const tables = new Set(await migrationTables(fs, module))
  if (entities) {
    const orm = await session.forModule(module, entities)
    for (const t of entityTables(orm)) tables.add(t)
    await orm.close()
  }
  const existing = await session.tables()
  const dropped = [...tables].filter((t) => existing.has(t)).sort()
  try {
    for (const t of [...dropped, migrationsTableName]) await session.query(`drop table if exists "${t}" cascade`)
  } catch (error) {
    throw new FailureError(`module ${module.id}: dropping its tables failed: ${reasonOf(error)}`)
  }
  for (const file of await filesOf(fs, module)) {
    if (MIGRATION_FILE.test(file) || file.includes('snapshot')) await fs.remove(join(module.migrationsDir, file))
  }
  return dropped
}
