import { join } from 'node:path'
import type { FileSystem } from '../services/types'
import { lockFile } from './lock'
import { migrationFiles, nameOf } from './migrator'
import { dbModules, type DbModule } from './modules'
import { DbSession, reasonOf } from './orm'
import { checkReachable, resolveTarget } from './target'
import { DB_LOCK } from '../paths'

/** Per module, the migration files the database has not applied yet (modules with none left out). */
export type Pending = Array<{ id: string; files: string[] }>

/** What is pending for these modules, on an open session. */
export async function pendingOn(session: DbSession, fs: FileSystem, modules: DbModule[]): Promise<Pending> {
  const applied = await session.applied(modules)
  const result: Pending = []
  for (const m of modules.filter((x) => x.active)) {
    const files = (await migrationFiles(fs, m)).filter((f) => !applied.get(m.id)!.has(nameOf(f)))
    if (files.length > 0) result.push({ id: m.id, files })
  }
  return result
}

export type PendingCheck =
  /** `ungenerated`: modules with entities and not one migration yet (db generate makes their first). */
  | { state: 'known'; pending: Pending; ungenerated: string[] }
  /** The database could not be asked (busy, unreachable, MikroORM missing): the reason, in a few words. */
  | { state: 'unknown'; reason: string }

/**
 * The pending migrations of an app, for a glance (the TUI's home screen): it never waits and never
 * creates anything. No migration files means nothing pending without opening a database; an embedded
 * database that was never created has applied none; one in use by another command is not waited for.
 */
export async function checkPending(appRoot: string, fs: FileSystem): Promise<PendingCheck> {
  try {
    const modules = await dbModules(appRoot, fs)
    const files = await Promise.all(modules.filter((m) => m.active).map(async (m) => ({ id: m.id, entities: m.entities !== null, files: await migrationFiles(fs, m) })))
    const withFiles = files.filter((f) => f.files.length > 0).map(({ id, files }) => ({ id, files }))
    const ungenerated = files.filter((f) => f.entities && f.files.length === 0).map((f) => f.id)
    if (withFiles.length === 0) return { state: 'known', pending: [], ungenerated }
    const target = await resolveTarget(appRoot, fs)
    if (target.kind === 'pglite' && (await fs.entry(target.dataDir)) === null) return { state: 'known', pending: withFiles, ungenerated }
    let release = async () => {}
    if (target.kind === 'pglite') {
      try {
        release = await lockFile(fs, join(appRoot, DB_LOCK), 'the embedded database', 0)
      } catch {
        return { state: 'unknown', reason: 'the database is in use' }
      }
    } else await checkReachable(target, 1500)
    try {
      const session = await DbSession.open(appRoot, target)
      try {
        return { state: 'known', pending: await pendingOn(session, fs, modules), ungenerated }
      } finally {
        await session.close()
      }
    } finally {
      await release()
    }
  } catch (error) {
    return { state: 'unknown', reason: reasonOf(error).split('\n')[0]! }
  }
}
