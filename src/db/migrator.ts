import { basename, join } from 'node:path'
import { FailureError } from '../errors'
import type { FileSystem, Runner } from '../services/types'
import { MIGRATION_FILE, SNAPSHOT, mikroOrmCli, type DbModule } from './modules'

const ANSI = /\x1b\[[0-9;]*m/g
// The CLI warns on every run that no TypeScript loader is installed; we never hand it TypeScript config.
const NOISE = /^Neither `oxc`.*$/gm

export interface CliOutput { exitCode: number; text: string }

/** The services a migration step uses: the runner for the MikroORM CLI, the file system for its files. */
export interface DbDeps { runner: Runner; fs: FileSystem }

const [major, minor] = process.versions.node.split('.').map(Number) as [number, number]
/** Migrations are TypeScript, loaded by Node's type stripping, which is on by default from 22.18. */
const NODE_FLAGS = major === 22 && minor < 18 ? ['--experimental-strip-types'] : []

/** Runs one `mikro-orm <command>` for one module, with that module's config, through the runner (execa). */
export async function mikroOrm({ runner, fs }: DbDeps, appRoot: string, module: DbModule, command: string[]): Promise<CliOutput> {
  const config = module.config!
  const result = await runner.run(process.execPath, [...NODE_FLAGS, await mikroOrmCli(appRoot, fs), ...command, '--config', config], {
    cwd: appRoot,
    env: { NO_COLOR: '1', FORCE_COLOR: '0', MIKRO_ORM_CLI_CONFIG: config },
  })
  return { exitCode: result.exitCode, text: `${result.stdout}\n${result.stderr}`.replace(ANSI, '').replace(NOISE, '').trim() }
}

/** The database's own words from a failed run: the first error line, without the stack. */
export function errorLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  const line = lines.find((l) => /error|failed|does not exist|syntax|denied|refused|ENOTFOUND|ECONNREFUSED/i.test(l) && !l.startsWith('at ')) ?? lines.at(-1) ?? 'unknown error'
  return line.replace(/^(\w*Error|error):\s*/i, '')
}

const filesOf = async (fs: FileSystem, module: DbModule) => (await fs.readDir(module.migrationsDir)).map((e) => e.name)

export async function migrationFiles(fs: FileSystem, module: DbModule): Promise<string[]> {
  return (await filesOf(fs, module)).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts')).sort()
}

const hasSnapshot = async (fs: FileSystem, module: DbModule) => (await filesOf(fs, module)).some((f) => f.startsWith(SNAPSHOT))

export type GenerateResult = { id: string; status: 'created'; file: string } | { id: string; status: 'no changes' | 'no entities' }

/** Creates a migration for one module when its entities changed since the snapshot (initial when it has none). */
export async function generateMigration(deps: DbDeps, appRoot: string, module: DbModule): Promise<GenerateResult> {
  if (!module.entities) return { id: module.id, status: 'no entities' }
  const initial = !(await hasSnapshot(deps.fs, module)) && (await migrationFiles(deps.fs, module)).length === 0
  const out = await mikroOrm(deps, appRoot, module, ['migration:create', '--name', module.id, ...(initial ? ['--initial'] : [])])
  if (out.exitCode !== 0) throw new FailureError(`module ${module.id}: db generate failed: ${errorLine(out.text)}`)
  const created = /(Migration\d{14}\w*\.(?:ts|js)) successfully created/.exec(out.text)
  if (!created) return { id: module.id, status: 'no changes' }
  const file = join(module.migrationsDir, created[1]!)
  // Open Mercato's migrations tolerate a constraint that is already gone.
  const text = (await deps.fs.readText(file)) ?? ''
  const safer = text.replace(/drop constraint "/g, 'drop constraint if exists "')
  if (safer !== text) await deps.fs.writeAtomic(file, safer)
  return { id: module.id, status: 'created', file }
}

export interface MigrateResult { id: string; applied: string[]; skipped?: boolean }

const nameOf = (file: string) => basename(file).replace(/\.(ts|js)$/, '')

/**
 * Applies one module's pending migrations; a failing one is rolled back and named with the database's
 * error. `alreadyApplied` (read beforehand in one connection) lets a module with nothing pending skip the CLI.
 */
export async function migrateModule(deps: DbDeps, appRoot: string, module: DbModule, alreadyApplied?: Set<string>): Promise<MigrateResult> {
  if (!module.config) return { id: module.id, applied: [], skipped: true }
  if (alreadyApplied && (await migrationFiles(deps.fs, module)).every((f) => alreadyApplied.has(nameOf(f)))) return { id: module.id, applied: [] }
  const out = await mikroOrm(deps, appRoot, module, ['migration:up'])
  const applied = [...out.text.matchAll(/Applied '([^']+)'/g)].map((m) => m[1]!)
  if (out.exitCode !== 0) {
    const processing = [...out.text.matchAll(/Processing '([^']+)'/g)].map((m) => m[1]!).filter((n) => !applied.includes(n)).at(-1)
    const files = await migrationFiles(deps.fs, module)
    const file = processing ? files.find((f) => f.startsWith(processing)) ?? processing : 'a migration'
    throw new FailureError(`module ${module.id}: migration ${file} failed and was rolled back: ${errorLine(out.text)}`)
  }
  return { id: module.id, applied }
}

export interface StatusRow { id: string; applied: number; pending: string[]; entityChanges: boolean | null }

/**
 * Applied and pending migrations of one module, and whether its entities changed since the last
 * migration. With `alreadyApplied` (read in one connection) only the entity check needs the CLI.
 */
export async function moduleStatus(deps: DbDeps, appRoot: string, module: DbModule, alreadyApplied?: Set<string>): Promise<StatusRow> {
  if (!module.config) return { id: module.id, applied: 0, pending: [], entityChanges: null }
  const names = (await migrationFiles(deps.fs, module)).map(nameOf)
  let pending: string[]
  if (alreadyApplied) {
    pending = names.filter((name) => !alreadyApplied.has(name))
  } else {
    const out = await mikroOrm(deps, appRoot, module, ['migration:pending'])
    if (out.exitCode !== 0) throw new FailureError(`module ${module.id}: db status failed: ${errorLine(out.text)}`)
    pending = names.filter((name) => out.text.includes(name))
  }
  let entityChanges: boolean | null = null
  if (module.entities) {
    const check = await mikroOrm(deps, appRoot, module, ['migration:check'])
    entityChanges = !/No changes required/.test(check.text)
  }
  return { id: module.id, applied: names.length - pending.length, pending, entityChanges }
}

/** Drops the module's tables and its migrations table, then removes its migration files and snapshot. */
export async function resetModule(deps: DbDeps, appRoot: string, module: DbModule): Promise<void> {
  if (!module.config) return
  const out = await mikroOrm(deps, appRoot, module, ['schema:drop', '--run', '--drop-migrations-table'])
  if (out.exitCode !== 0) throw new FailureError(`module ${module.id}: dropping its tables failed: ${errorLine(out.text)}`)
  for (const file of await filesOf(deps.fs, module)) {
    if (MIGRATION_FILE.test(file) || file.includes('snapshot')) await deps.fs.remove(join(module.migrationsDir, file))
  }
}
