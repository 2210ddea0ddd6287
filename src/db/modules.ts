import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FailureError, UsageError } from '../errors'
import { createTree } from '../services/tree'
import { discover } from '../generator/discover'
import type { FileSystem } from '../services/types'
import { collate } from '../collate'

/** One module as the migrator sees it: its own entities, migrations folder, table and snapshot. */
export interface DbModule {
  id: string
  /** Absolute path of data/entities.ts (or the file that won), null for a module without entities. */
  entities: string | null
  migrationsDir: string
  /** Whether there is anything to migrate: entities or a migrations folder. */
  active: boolean
}

export const SNAPSHOT = '.snapshot-open-mercato'
export const migrationsTable = (id: string) => `mikro_orm_migrations_${id.replace(/[^a-z0-9_]/g, '_')}`
export const MIGRATION_FILE = /^Migration\d{14}.*\.(ts|js)$/

/** Refusal of a db command in an app whose MikroORM is missing (not declared, or not installed). */
export const mikroOrmMissing = () => new UsageError('MikroORM is not installed in this app', {
  text: 'add @mikro-orm/core, migrations, decorators and pglite or postgresql (one exact version) to its package.json and install them; the starter app (new-app) has them',
})

/**
 * The app must declare MikroORM itself: its install is the one that runs, and its CLI stays the
 * user's. An Open Mercato app declares core and its driver without the CLI (it has mercato's).
 */
export async function requireMikroOrm(appRoot: string, fs: FileSystem): Promise<void> {
  const pkg = JSON.parse((await fs.readText(join(appRoot, 'package.json'))) ?? '{}')
  if (!pkg.dependencies?.['@mikro-orm/core'] && !pkg.devDependencies?.['@mikro-orm/core']) throw mikroOrmMissing()
  try {
    createRequire(join(appRoot, 'package.json')).resolve('@mikro-orm/core')
  } catch {
    throw mikroOrmMissing()
  }
}

/** Every enabled module, alphabetically (as Open Mercato runs them). */
export async function dbModules(appRoot: string, fs: FileSystem, only: string[] = []): Promise<DbModule[]> {
  await requireMikroOrm(appRoot, fs)
  const model = await discover(createTree(appRoot, fs), { lenient: true })
  const unknown = only.find((id) => !model.modules.some((m) => m.id === id))
  if (unknown) throw new UsageError(`unknown or disabled module "${unknown}" (enabled: ${model.modules.map((m) => m.id).join(', ') || 'none'})`)
  const result: DbModule[] = []
  for (const m of [...model.modules].sort((a, b) => collate(a.id, b.id))) {
    if (only.length > 0 && !only.includes(m.id)) continue
    const entities = m.entities ? join(appRoot, m.entities.file) : null
    const moduleRoot = entities ? dirname(dirname(entities)) : join(appRoot, m.roots.at(-1)!)
    const migrationsDir = join(moduleRoot, 'migrations')
    result.push({ id: m.id, entities, migrationsDir, active: entities !== null || (await fs.isDirectory(migrationsDir)) })
  }
  return result
}

/**
 * The entity classes of each module, compiled in one esbuild run (decorators need a compile step)
 * and imported into this process. The compiled files are named by their content and kept in the
 * app's node_modules/.cache, so the app's own packages resolve from them, a changed entity is seen
 * by a process that imported an older one, and a db command that changes nothing leaves the app as it was.
 */
export async function loadEntities(appRoot: string, fs: FileSystem, modules: DbModule[]): Promise<Map<string, unknown[]>> {
  const withEntities = modules.filter((m) => m.entities)
  const result = new Map<string, unknown[]>()
  if (withEntities.length === 0) return result
  const cacheDir = join(appRoot, 'node_modules', '.cache', 'create-mercato-module', 'entities')
  const { build } = await import('esbuild')
  const options = {
    bundle: true,
    write: false,
    format: 'esm' as const,
    platform: 'node' as const,
    packages: 'external' as const,
    logLevel: 'silent' as const,
    outdir: cacheDir,
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
  }
  let outputs
  try {
    outputs = (await build({ ...options, entryPoints: Object.fromEntries(withEntities.map((m) => [m.id, m.entities!])) })).outputFiles
  } catch {
    // one run for all is fast; on failure, build one by one to name the module that does not compile
    for (const m of withEntities) {
      await build({ ...options, entryPoints: { [m.id]: m.entities! } }).catch((error: Error) => {
        throw new FailureError(`module ${m.id}: ${m.entities!.slice(appRoot.length + 1)} does not compile: ${error.message.split('\n').slice(1, 2).join('').trim() || error.message}`)
      })
    }
    throw new FailureError('the entities do not compile')
  }
  await fs.mkdirp(cacheDir)
  for (const m of withEntities) {
    const code = outputs!.find((o) => o.path === join(cacheDir, `${m.id}.js`))!.text
    const file = join(cacheDir, `${createHash('sha256').update(code).digest('hex').slice(0, 24)}.mjs`)
    if ((await fs.readText(file)) !== code) await fs.writeAtomic(file, code)
    const exports = await import(pathToFileURL(file).href)
    result.set(m.id, Object.values(exports).filter((value) => typeof value === 'function'))
  }
  return result
}
