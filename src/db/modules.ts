import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { FailureError, UsageError } from '../errors'
import { createTree } from '../engine/tree'
import { discover } from '../generator/discover'
import type { FileSystem } from '../services/types'
import type { DbTarget } from './target'

/** One module as the migrator sees it: its own entities, migrations folder, table and snapshot. */
export interface DbModule {
  id: string
  /** Absolute path of data/entities.ts (or the file that won), null for a module without entities. */
  entities: string | null
  migrationsDir: string
  /** The MikroORM config written for this module alone; null when there is nothing to migrate. */
  config: string | null
}

export const SNAPSHOT = '.snapshot-open-mercato'
export const migrationsTable = (id: string) => `mikro_orm_migrations_${id.replace(/[^a-z0-9_]/g, '_')}`
export const MIGRATION_FILE = /^Migration\d{14}.*\.(ts|js)$/

const NOT_INSTALLED = 'MikroORM is not installed in this app: list @mikro-orm/cli, core, migrations, decorators, pglite and postgresql (one exact version) in its package.json and run npm install; the starter app (new-app) does'

/** The MikroORM CLI of the app; the app's own install keeps one MikroORM instance for entities and CLI. */
export async function mikroOrmCli(appRoot: string, fs: FileSystem): Promise<string> {
  // the CLI itself refuses to run unless the app declares it
  const pkg = JSON.parse((await fs.readText(join(appRoot, 'package.json'))) ?? '{}')
  if (!pkg.dependencies?.['@mikro-orm/cli'] && !pkg.devDependencies?.['@mikro-orm/cli']) throw new UsageError(NOT_INSTALLED)
  try {
    return createRequire(join(appRoot, 'package.json')).resolve('@mikro-orm/cli/package.json').replace(/package\.json$/, 'cli.js')
  } catch {
    throw new UsageError(NOT_INSTALLED)
  }
}

function configSource(id: string, entitiesModule: string | null, migrationsDir: string, target: DbTarget): string {
  const driver = target.kind === 'pglite' ? '@mikro-orm/pglite' : '@mikro-orm/postgresql'
  const connection = target.kind === 'pglite'
    ? `dbName: ${JSON.stringify(target.dataDir)},`
    : `clientUrl: ${JSON.stringify(target.url)},\n  pool: { min: 1, max: 3 },${target.ssl ? `\n  driverOptions: { ssl: { rejectUnauthorized: ${target.rejectUnauthorized} } },` : ''}`
  return `// Written by create-mercato-module for module "${id}" only: its entities, migrations folder and table.
import 'reflect-metadata'
import { defineConfig } from '${driver}'
import { Migrator } from '@mikro-orm/migrations'
${entitiesModule ? `import * as entities from './${entitiesModule}'\n` : 'const entities = {}\n'}
export default defineConfig({
  ${connection}
  entities: Object.values(entities).filter((value) => typeof value === 'function'),
  discovery: { warnWhenNoEntities: false },
  extensions: [Migrator],
  migrations: {
    path: ${JSON.stringify(migrationsDir)},
    glob: '!(*.d).{ts,js}',
    tableName: '${migrationsTable(id)}',
    snapshotName: '${SNAPSHOT}',
    dropTables: false,
    emit: 'ts',
    transactional: true,
    allOrNothing: true,
  },
})
`
}

/**
 * Every enabled module, alphabetically (as Open Mercato runs them); those with entities or migrations
 * get their entities bundled on their own (decorators need a compile step) and a config of their own.
 */
export async function prepareDbModules(appRoot: string, fs: FileSystem, target: DbTarget, only: string[] = []): Promise<DbModule[]> {
  await mikroOrmCli(appRoot, fs)
  const model = await discover(createTree(appRoot, fs), { lenient: true })
  const unknown = only.find((id) => !model.modules.some((m) => m.id === id))
  if (unknown) throw new UsageError(`unknown or disabled module "${unknown}" (enabled: ${model.modules.map((m) => m.id).join(', ') || 'none'})`)
  const buildDir = join(appRoot, '.mercato', 'db', 'build')
  await fs.mkdirp(buildDir)
  const { build } = await import('esbuild')
  const result: DbModule[] = []
  for (const m of [...model.modules].sort((a, b) => a.id.localeCompare(b.id))) {
    if (only.length > 0 && !only.includes(m.id)) continue
    const entities = m.entities ? join(appRoot, m.entities.file) : null
    const moduleRoot = entities ? dirname(dirname(entities)) : join(appRoot, m.roots.at(-1)!)
    const migrationsDir = join(moduleRoot, 'migrations')
    if (!entities && !(await fs.isDirectory(migrationsDir))) {
      result.push({ id: m.id, entities: null, migrationsDir, config: null })
      continue
    }
    const entitiesModule = entities ? `${m.id}.entities.mjs` : null
    if (entities) {
      await build({
        entryPoints: [entities],
        outfile: join(buildDir, entitiesModule!),
        bundle: true,
        format: 'esm',
        platform: 'node',
        packages: 'external',
        logLevel: 'silent',
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
      }).catch((error: Error) => {
        throw new FailureError(`module ${m.id}: ${m.entities!.file} does not compile: ${error.message.split('\n').slice(1, 2).join('').trim() || error.message}`)
      })
    }
    const config = join(buildDir, `${m.id}.config.mjs`)
    await fs.writeAtomic(config, configSource(m.id, entitiesModule, migrationsDir, target))
    result.push({ id: m.id, entities, migrationsDir, config })
  }
  return result
}
