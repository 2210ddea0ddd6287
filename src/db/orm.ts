import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FailureError } from '../errors'
import { mikroOrmMissing, SNAPSHOT, migrationsTable, type DbModule } from './modules'
import { describeTarget, type DbTarget } from './target'

/* The tool never bundles MikroORM: it drives the app's own install, so entities decorated with the
 * app's @mikro-orm/decorators and the migrator share one MikroORM. These are the few shapes it uses. */

type Row = Record<string, unknown>
export interface Diff { up: string[]; down: string[] }
export interface ModuleMigrator {
  getPending(): Promise<Array<{ name: string }>>
  up(): Promise<Array<{ name: string }>>
  checkSchema(): Promise<boolean>
  getSchemaDiff(blank: boolean, initial: boolean): Promise<Diff>
  generator: { generate(diff: Diff, path?: string, name?: string): Promise<[string, string]> }
  storeCurrentSchema(): Promise<void>
  hasSnapshot(): Promise<boolean>
  on(event: 'migrating', listener: (e: { name: string }) => void): void
}
interface EntityMeta { tableName?: string; embeddable?: boolean; virtual?: boolean }
interface Orm {
  migrator: ModuleMigrator
  em: { getConnection(): { execute(sql: string, params?: unknown[], method?: 'all', ctx?: object): Promise<Row[]>; getClient(): object } }
  getMetadata(): { getAll(): Map<unknown, EntityMeta> }
  close(force?: boolean): Promise<void>
}
interface MikroOrm {
  MikroORM: { init(options: Record<string, unknown>): Promise<Orm> }
  Migrator: unknown
  driver: unknown
}

const silent = () => ({ log() {}, error() {}, warn() {}, logQuery() {}, setDebugMode() {}, isEnabled: () => false })

/** The app's MikroORM packages, loaded once per process and app. */
const loaded = new Map<string, Promise<MikroOrm>>()
function loadMikroOrm(appRoot: string, target: DbTarget): Promise<MikroOrm> {
  const key = `${appRoot}\0${target.kind}`
  let mikro = loaded.get(key)
  if (!mikro) {
    const require = createRequire(join(appRoot, 'package.json'))
    const load = async (name: string) => {
      try {
        return await import(pathToFileURL(require.resolve(name)).href)
      } catch {
        throw mikroOrmMissing()
      }
    }
    mikro = (async () => {
      // entities declared without explicit types read them through reflect-metadata, when the app has it
      await load('reflect-metadata').catch(() => undefined)
      const [core, migrations, driver] = await Promise.all([
        load('@mikro-orm/core'),
        load('@mikro-orm/migrations'),
        load(target.kind === 'pglite' ? '@mikro-orm/pglite' : '@mikro-orm/postgresql'),
      ])
      return { MikroORM: core.MikroORM, Migrator: migrations.Migrator, driver: target.kind === 'pglite' ? driver.PgliteDriver : driver.PostgreSqlDriver }
    })()
    mikro.catch(() => loaded.delete(key))
    loaded.set(key, mikro)
  }
  return mikro
}

/** The server's own reason, without the wrapping MikroORM or the driver add (the query, a stack). */
export function reasonOf(error: unknown): string {
  let e = error as { message?: string; cause?: unknown } | undefined
  // driver exceptions wrap the database's error: the innermost message is the database's own words
  while (e && typeof e === 'object' && e.cause && typeof e.cause === 'object' && (e.cause as { message?: string }).message) e = e.cause as typeof e
  const message = String(e?.message ?? error)
  const line = message.split('\n').map((l) => l.trim()).find(Boolean) ?? 'unknown error'
  return line.replace(/^.* - (?=[^-]+$)/, '')
}

/**
 * One database connection (one PGlite instance, or one pg pool) for a whole db command, and one
 * MikroORM per module on top of it, with only that module's entities, migrations folder, table and
 * snapshot, as Open Mercato runs them.
 */
export class DbSession {
  private constructor(
    private readonly mikro: MikroOrm,
    private readonly target: DbTarget,
    private readonly base: Orm | null,
    private readonly shared: object | null,
    /** An embedded database not created yet: it has no tables, so nothing is applied. */
    private readonly absent = false,
  ) {}

  /** For read-only questions about an embedded database that does not exist yet: opening it would create it. */
  static async notCreated(appRoot: string, target: DbTarget): Promise<DbSession> {
    return new DbSession(await loadMikroOrm(appRoot, target), target, null, null, true)
  }

  /** Offline: for diffs between entities and snapshots, which need no database. */
  static async offline(appRoot: string, target: DbTarget): Promise<DbSession> {
    return new DbSession(await loadMikroOrm(appRoot, target), target, null, null)
  }

  static async open(appRoot: string, target: DbTarget): Promise<DbSession> {
    const mikro = await loadMikroOrm(appRoot, target)
    const base = await mikro.MikroORM.init({ ...connectionOptions(mikro, target), entities: [], discovery: { warnWhenNoEntities: false }, loggerFactory: silent })
    try {
      await base.em.getConnection().execute('select 1')
    } catch (error) {
      await base.close(true).catch(() => undefined)
      throw new FailureError(`cannot connect to ${describeTarget(target)}: ${reasonOf(error)}`)
    }
    const client = base.em.getConnection().getClient()
    // every module's MikroORM reuses the base connection; closing one of them must not close it
    const shared = new Proxy(client, {
      get: (obj, prop) => {
        if (prop === 'destroy') return async () => {}
        const value = Reflect.get(obj, prop, obj)
        return typeof value === 'function' ? value.bind(obj) : value
      },
    })
    return new DbSession(mikro, target, base, shared)
  }

  async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    if (!this.base) throw new Error('an offline session has no database')
    return this.base.em.getConnection().execute(sql, params, 'all')
  }

  /** The names of the tables in the current schema. */
  async tables(): Promise<Set<string>> {
    if (this.absent) return new Set()
    return new Set((await this.query('select table_name as name from information_schema.tables where table_schema = current_schema()')).map((r) => String(r.name)))
  }

  /** The migrations each module's table records as applied, in one query per module that has a table. */
  async applied(modules: Array<Pick<DbModule, 'id'>>): Promise<Map<string, Set<string>>> {
    const existing = await this.tables()
    const result = new Map<string, Set<string>>()
    for (const m of modules) {
      const table = migrationsTable(m.id)
      result.set(m.id, existing.has(table) ? new Set((await this.query(`select name from "${table}"`)).map((r) => String(r.name))) : new Set())
    }
    return result
  }

  /**
   * A MikroORM for one module. `entities` are its classes (none to only run migrations, so nothing
   * is compared against the snapshot); the snapshot is never rewritten from the database, because the
   * database holds every module's tables and the next diff would then reach into other modules.
   */
  async forModule(module: DbModule, entities: unknown[], options: { migrateOnly?: boolean } = {}): Promise<Orm> {
    return this.mikro.MikroORM.init({
      ...connectionOptions(this.mikro, this.target),
      ...(this.shared ? { driverOptions: this.shared } : {}),
      entities,
      discovery: { warnWhenNoEntities: false },
      loggerFactory: silent,
      extensions: [this.mikro.Migrator],
      migrations: {
        path: module.migrationsDir,
        glob: '!(*.d).{ts,js}',
        tableName: migrationsTable(module.id),
        snapshotName: SNAPSHOT,
        snapshotOnMigrate: false,
        // MikroORM 7.1 has no snapshotOnMigrate: after migrating it writes the whole database's schema
        // (every module's tables) into the module's snapshot; running files needs no snapshot at all,
        // as Open Mercato's db migrate runs them (snapshot: false)
        ...(options.migrateOnly ? { snapshot: false } : {}),
        dropTables: true,
        emit: 'ts',
        transactional: true,
        // each migration in its own transaction, as Open Mercato applies them one by one: one that opts out
        // (create index concurrently) must see the tables the ones before it created
        allOrNothing: false,
        silent: true,
      },
    })
  }

  /**
   * Serialises migrations on a PostgreSQL server with a session advisory lock on a connection of its
   * own, waited for (not failed) when another run holds it; PGlite runs are serialised by the caller's
   * lock file, since the embedded database admits one process at a time. The connection is Kysely's
   * (`connection()`, held until unlock), which every MikroORM 7 has; the pool behind it is not
   * reachable the same way in all of them (7.1 has no `getNativeClient`).
   */
  async lockMigrations(onWait: () => void): Promise<() => Promise<void>> {
    if (this.target.kind === 'pglite' || !this.base) return async () => {}
    const connection = this.base.em.getConnection()
    const kysely = connection.getClient() as { connection(): { execute<T>(work: (db: object) => Promise<T>): Promise<T> } }
    const key = "hashtext('create-mercato-module db migrate')"
    let unlock!: () => void
    const unlocked = new Promise<void>((resolve) => (unlock = resolve))
    let locked!: (error?: unknown) => void
    const lockTaken = new Promise<void>((resolve, reject) => (locked = (error) => (error === undefined ? resolve() : reject(error))))
    const held = kysely.connection().execute(async (db) => {
      const run = (sql: string) => connection.execute(sql, [], 'all', db)
      try {
        if (!(await run(`select pg_try_advisory_lock(${key}) as ok`))[0]?.ok) {
          onWait()
          await run(`select pg_advisory_lock(${key})`)
        }
      } catch (error) {
        locked(new FailureError(`cannot lock the database for migrations: ${reasonOf(error)}`))
        return
      }
      locked()
      await unlocked
      await run(`select pg_advisory_unlock(${key})`).catch(() => undefined)
    })
    held.catch((error) => locked(new FailureError(`cannot lock the database for migrations: ${reasonOf(error)}`)))
    await lockTaken
    return async () => {
      unlock()
      await held.catch(() => undefined)
    }
  }

  async close(): Promise<void> {
    await this.base?.close(true)
  }
}

function connectionOptions(mikro: MikroOrm, target: DbTarget): Record<string, unknown> {
  if (target.kind === 'pglite') return { driver: mikro.driver, dbName: target.dataDir, ensureDatabase: false }
  return {
    driver: mikro.driver,
    clientUrl: target.url,
    // a missing database is reported, not created behind the user's back
    ensureDatabase: false,
    pool: { min: 0, max: 3 },
    ...(target.ssl ? { driverOptions: { ssl: { rejectUnauthorized: target.rejectUnauthorized } } } : {}),
  }
}
