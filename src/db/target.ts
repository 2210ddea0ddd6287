import { connect } from 'node:net'
import { join, relative } from 'node:path'
import { parseDotEnv } from '../app/env'
import { FailureError, UsageError } from '../errors'
import type { FileSystem } from '../services/types'
import { DB_DATA } from '../paths'

/** Where migrations run: embedded PGlite (default) or a PostgreSQL server from DATABASE_URL. */
export type DbTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgresql'; url: string; ssl: boolean; rejectUnauthorized: boolean }

/** The URL with its password replaced, for messages. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '****'
    return u.toString()
  } catch {
    return url.replace(/:[^:@/]+@/, ':****@')
  }
}

/**
 * `--database-url`, else DATABASE_URL from the environment, else from the app's .env; none means
 * PGlite in .mercato/db/data. SSL follows Open Mercato: sslmode=require, ssl=true or DB_SSL=true,
 * and DB_SSL_REJECT_UNAUTHORIZED=false turns certificate checks off.
 */
export async function resolveTarget(appRoot: string, fs: FileSystem, explicitUrl?: string): Promise<DbTarget> {
  const dotEnv = parseDotEnv((await fs.readText(join(appRoot, '.env'))) ?? '')
  const env = { ...dotEnv, ...process.env }
  // an empty value is a mistake (an unset variable in a script), not a request for the embedded database
  if (explicitUrl !== undefined && explicitUrl.trim() === '') throw new UsageError('--database-url is empty; give a postgres:// URL, or leave the flag out to use DATABASE_URL or the embedded database')
  const url = explicitUrl ?? env.DATABASE_URL
  if (!url) return { kind: 'pglite', dataDir: join(appRoot, DB_DATA) }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`DATABASE_URL must be a postgres:// URL, not ${maskUrl(url)}`)
  const ssl = /sslmode=require|ssl=true/.test(url) || env.DB_SSL === 'true'
  return { kind: 'postgresql', url, ssl, rejectUnauthorized: env.DB_SSL_REJECT_UNAUTHORIZED !== 'false' }
}

/** Which database, for people: `embedded PGlite in .mercato/db/data` (relative to `root` when given) or the masked URL. */
export function describeTarget(target: DbTarget, root?: string): string {
  return target.kind === 'pglite' ? `embedded PGlite in ${root ? relative(root, target.dataDir) : target.dataDir}` : `PostgreSQL at ${maskUrl(target.url)}`
}

/** A server that cannot be reached gets one line with the masked URL and a hint, not a stack trace. */
export async function checkReachable(target: DbTarget, timeoutMs = 3000): Promise<void> {
  if (target.kind !== 'postgresql') return
  const u = new URL(target.url)
  const host = u.hostname || 'localhost'
  const port = Number(u.port || 5432)
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port })
    const fail = (reason: string) => {
      socket.destroy()
      reject(new FailureError(`cannot reach PostgreSQL at ${maskUrl(target.url)} (${reason}); is the server running, and is DATABASE_URL right?`))
    }
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`))
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message))
    socket.once('connect', () => {
      socket.end()
      resolve()
    })
  })
}
