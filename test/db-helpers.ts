import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { cli, tempDir } from './helpers.ts'
import { installMikroOrm } from './mikro-orm-install.ts'

/** A database to run the migration sequence on, and a way to query it afterwards. */
export interface Db {
  name: string
  flags: string[]
  /** Resolves once the database exists. */
  ready?: Promise<unknown>
  query(app: string, sql: string): Promise<Array<Record<string, unknown>>>
}

export const pglite: Db = {
  name: 'embedded PGlite',
  flags: [],
  async query(app, sql) {
    const db = await PGlite.create({ dataDir: join(app, '.mercato/db/data') })
    try {
      return (await db.query<Record<string, unknown>>(sql)).rows
    } finally {
      await db.close()
    }
  },
}

/** A real PostgreSQL server: CI starts one and sets TEST_DATABASE_URL; each test gets its own database. */
export function postgres(t: TestContext): Db | null {
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) {
    if (process.env.CI) assert.fail('TEST_DATABASE_URL is not set: CI must start PostgreSQL (.ci/run)')
    t.skip('no TEST_DATABASE_URL: PostgreSQL tests run in CI')
    return null
  }
  const name = `cmm_${randomBytes(4).toString('hex')}`
  const url = new URL(admin)
  url.pathname = `/${name}`
  const run = async (target: string, sql: string) => {
    const client = new pg.Client({ connectionString: target })
    await client.connect()
    try {
      return (await client.query(sql)).rows
    } finally {
      await client.end()
    }
  }
  const created = run(admin, `create database ${name}`)
  t.after(async () => {
    await created
    await run(admin, `drop database if exists ${name} with (force)`)
  })
  return {
    name: 'PostgreSQL',
    flags: ['--database-url', url.toString()],
    ready: created,
    async query(_app, sql) {
      await created
      return run(url.toString(), sql)
    },
  }
}

export async function db(args: string[], app: string, target: Db) {
  await target.ready
  const r = await cli(['db', ...args, ...target.flags, '--cwd', app])
  assert.equal(r.code, 0, `db ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}


/** The SQL statements of one migration file, split into up() and down(). */
export function statementsOf(file: string): { up: string[]; down: string[] } {
  const text = readFileSync(file, 'utf8')
  const [up, down = ''] = text.split(/\bdown\(\)/)
  const sql = (part: string) => [...part.matchAll(/this\.addSql\(`([^`]*)`\)/g)].map((m) => m[1]!)
  return { up: sql(up!), down: sql(down) }
}

/** The tables a statement names. */
export const tablesIn = (statement: string) =>
  [...statement.matchAll(/\b(?:table(?: if (?:not )?exists)?|on|references)\s+"([^"]+)"/gi)].map((m) => m[1]!)

export const migrationFilesOf = (app: string, module: string) => {
  try {
    return readdirSync(join(app, 'src/modules', module, 'migrations')).filter((f) => /^Migration\d{14}/.test(f)).sort().map((f) => join(app, 'src/modules', module, 'migrations', f))
  } catch {
    return []
  }
}

/** A starter app whose node_modules holds only MikroORM `version` (installed once into a cache), as an app pinned to it has. */
export async function starterAppOn(t: TestContext, version: string, name = 'shop'): Promise<string> {
  const modules = installMikroOrm(version)
  const parent = tempDir(t)
  const result = await cli(['new-app', name, '--cwd', parent, '--quiet', '--no-install'])
  if (result.code !== 0) throw new Error(`new-app failed: ${result.stderr}`)
  const app = join(parent, name)
  symlinkSync(modules, join(app, 'node_modules'), 'dir')
  return app
}
