import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FileSystem } from '../services/types'
import type { DbTarget } from './target'

type Query = (sql: string) => Promise<Array<{ name: string }>>

/** Opens the app's own database client (PGlite or pg, from the app's node_modules) for one short read. */
async function connect(appRoot: string, target: DbTarget, fs: FileSystem): Promise<{ query: Query; close: () => Promise<void> } | null> {
  const require = createRequire(join(appRoot, 'package.json'))
  const load = async (name: string) => import(pathToFileURL(require.resolve(name)).href)
  if (target.kind === 'pglite') {
    if (!(await fs.isDirectory(target.dataDir))) return { query: async () => [], close: async () => {} }
    const { PGlite } = await load('@electric-sql/pglite')
    const db = await PGlite.create({ dataDir: target.dataDir })
    return { query: async (sql) => (await db.query(sql)).rows, close: () => db.close() }
  }
  const pg = (await load('pg')).default
  const client = new pg.Client({ connectionString: target.url, ...(target.ssl ? { ssl: { rejectUnauthorized: target.rejectUnauthorized } } : {}) })
  await client.connect()
  return { query: async (sql) => (await client.query(sql)).rows, close: () => client.end() }
}

/**
 * The migrations each module's table records as applied, read in one connection, so modules with
 * nothing pending need no MikroORM CLI run (on PGlite each run boots the database anew). Null when
 * the app's client cannot be loaded: then every module is handed to the CLI as before.
 */
export async function readApplied(appRoot: string, target: DbTarget, fs: FileSystem, tables: string[]): Promise<Map<string, Set<string>> | null> {
  let db
  try {
    db = await connect(appRoot, target, fs)
  } catch {
    return null
  }
  if (!db) return null
  const applied = new Map<string, Set<string>>()
  try {
    const existing = new Set((await db.query("select table_name as name from information_schema.tables where table_schema = current_schema()")).map((r) => r.name))
    for (const table of tables) {
      applied.set(table, existing.has(table) ? new Set((await db.query(`select name from "${table}"`)).map((r) => r.name)) : new Set())
    }
    return applied
  } catch {
    return null
  } finally {
    await db.close()
  }
}
