import { mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { FailureError } from '../errors'
import { APP_LOCK, MERCATO_DIR } from '../paths'

/** One lock per app: `<app>/.mercato/lock`, holding the pid and command of its holder. */
export const lockPath = (appRoot: string) => join(appRoot, APP_LOCK)

interface Holder { pid: number; command: string; since: string }

const held = new Map<string, number>()

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readHolder(path: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Holder
    return Number.isInteger(holder?.pid) ? holder : null
  } catch {
    return null
  }
}

function tryTake(path: string, command: string): Holder | null {
  try {
    writeFileSync(path, `${JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() })}\n`, { flag: 'wx' })
    return null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const holder = readHolder(path)
  // a lock left by a process that died (or a half-written one) is taken over
  if (!holder || (holder.pid !== process.pid && !alive(holder.pid))) {
    rmSync(path, { force: true })
    return tryTake(path, command)
  }
  return holder
}

/**
 * Runs `work` holding the app's lock, so two runs never read and write the same files at once.
 * Re-entrant inside one process. A live holder is waited for a short while (CMM_LOCK_WAIT_MS,
 * 3 s by default), then the run fails without having changed anything.
 */
export async function withAppLock<T>(appRoot: string, command: string, work: () => Promise<T>): Promise<T> {
  const path = lockPath(appRoot)
  const depth = held.get(path) ?? 0
  if (depth === 0) {
    try {
      mkdirSync(join(appRoot, MERCATO_DIR), { recursive: true })
    } catch (error) {
      // a folder we may not write to: the writability check refuses the plan with a clear line
      if (['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '')) return work()
      throw error
    }
    const waitMs = Number(process.env.CMM_LOCK_WAIT_MS ?? 3000)
    const deadline = Date.now() + waitMs
    for (;;) {
      let holder: Holder | null
      try {
        holder = tryTake(path, command)
      } catch (error) {
        if (['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '')) return work()
        throw error
      }
      if (!holder) break
      if (Date.now() >= deadline) {
        throw new FailureError(`another create-mercato-module (pid ${holder.pid}, ${holder.command}) is working in ${appRoot}; nothing was changed; try again when it ends (or delete ${path} if that process is gone)`)
      }
      await sleep(100)
    }
  }
  held.set(path, depth + 1)
  try {
    return await work()
  } finally {
    if (depth === 0) {
      held.delete(path)
      rmSync(path, { force: true })
      // the lock alone leaves no .mercato folder behind, nor does an undo that emptied it
      try { rmdirSync(join(appRoot, MERCATO_DIR)) } catch { /* it holds files: it stays */ }
    } else held.set(path, depth)
  }
}
