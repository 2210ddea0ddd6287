import { AsyncLocalStorage } from 'node:async_hooks'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { FailureError } from '../errors'
import { APP_LOCK, MERCATO_DIR } from '../paths'
import type { FileSystem } from '../services/types'

/** One lock per app: `<app>/.mercato/lock`, holding the pid and command of its holder. */
export const lockPath = (appRoot: string) => join(appRoot, APP_LOCK)
/** Held only while a stale lock is replaced, so two runs never both remove it and both take it. */
const breakerPath = (appRoot: string) => `${lockPath(appRoot)}.break`

interface Holder { pid: number; command: string; since: string }

/** Locks this process holds now, whether or not their files could be removed since. */
const active = new Set<string>()
/** The locks held by the async call chain we are in: re-entry there is free, a parallel call in this process waits. */
const context = new AsyncLocalStorage<ReadonlySet<string>>()

const NOT_WRITABLE = ['EACCES', 'EPERM', 'EROFS']
const codeOf = (error: unknown) => (error as NodeJS.ErrnoException)?.code ?? ''

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return codeOf(error) === 'EPERM'
  }
}

async function readHolder(fs: FileSystem, path: string): Promise<{ text: string | null; holder: Holder | null }> {
  const text = await fs.readText(path)
  try {
    const holder = JSON.parse(text ?? '') as Holder
    return { text, holder: Number.isInteger(holder?.pid) ? holder : null }
  } catch {
    return { text, holder: null }
  }
}

/** Whether the holder is gone: another process that died, or a run of this one that ended without removing its file. */
const stale = (path: string, holder: Holder | null) =>
  !holder || (holder.pid === process.pid ? !active.has(path) : !alive(holder.pid))

/**
 * Removes a lock whose holder is gone, if it is still the one judged stale (`seen`): under the
 * breaker, so a run that took the lock meanwhile is never removed by a second one that also saw it stale.
 */
async function breakStale(fs: FileSystem, appRoot: string, seen: string | null): Promise<void> {
  const breaker = breakerPath(appRoot)
  if (!(await fs.createExclusive(breaker, `${JSON.stringify({ pid: process.pid, command: 'break', since: new Date().toISOString() })}\n`))) {
    // a breaker left by a process that died in the few calls it is held
    const { holder } = await readHolder(fs, breaker)
    if (holder && holder.pid !== process.pid && !alive(holder.pid)) await fs.removeFile(breaker)
    return
  }
  try {
    const now = await readHolder(fs, lockPath(appRoot))
    if (now.text === seen && stale(lockPath(appRoot), now.holder)) await fs.removeFile(lockPath(appRoot))
  } finally {
    await fs.removeFile(breaker)
  }
}

/**
 * Temp files of lock files (services/fs createExclusive) whose process is gone: a kill between
 * writing one and linking it in. A live process's are left alone, it links or removes them itself;
 * this process's are never in flight here, being written and removed in one synchronous step.
 */
async function removeStaleTemps(fs: FileSystem, appRoot: string): Promise<void> {
  const dir = join(appRoot, MERCATO_DIR)
  for (const entry of await fs.readDir(dir)) {
    const pid = /^\.lock(?:\.break)?\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(entry.name)?.[1]
    if (pid && !entry.isDirectory && (Number(pid) === process.pid || !alive(Number(pid)))) await fs.removeFile(join(dir, entry.name))
  }
}

function lockError(appRoot: string, error: unknown): FailureError {
  const reason = codeOf(error) === 'ENOSPC' ? 'the disk is full' : (error as Error).message
  return new FailureError(`could not take the lock ${lockPath(appRoot)}: ${reason}; nothing was changed; free space or fix the folder, then run the command again`)
}

/** Takes the lock, waiting up to `waitMs` for a live holder; null when the folder cannot be written at all. */
async function take(fs: FileSystem, appRoot: string, command: string, waitMs: number, onWait: (holder: Holder) => void): Promise<'taken' | 'unwritable'> {
  const path = lockPath(appRoot)
  const started = Date.now()
  const deadline = started + waitMs
  let told = false
  for (;;) {
    try {
      if (await fs.createExclusive(path, `${JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() })}\n`)) return 'taken'
    } catch (error) {
      // a folder we may not write to: the writability check refuses the plan with a clear line
      if (NOT_WRITABLE.includes(codeOf(error))) return 'unwritable'
      throw lockError(appRoot, error)
    }
    const { text, holder } = await readHolder(fs, path)
    if (stale(path, holder)) {
      await breakStale(fs, appRoot, text)
      continue
    }
    if (Date.now() >= deadline) {
      throw new FailureError(`another create-mercato-module (pid ${holder!.pid}, ${holder!.command}) is working in ${appRoot}; nothing was changed; try again when it ends (or delete ${path} if that process is gone)`)
    }
    // a wait of a moment needs no line; one that lasts says who is being waited for
    if (!told && Date.now() - started >= 1000) {
      told = true
      onWait(holder!)
    }
    await sleep(50)
  }
}

/** Whether the call chain we are in holds the app's lock (work nested in a run that took it). */
export const holdsAppLock = (appRoot: string) => context.getStore()?.has(lockPath(appRoot)) ?? false

export interface LockOptions {
  /** Called once when the run starts waiting for another holder. */
  onWait?: (holder: { pid: number; command: string }) => void
}

/**
 * Runs `work` holding the app's lock, so two runs never read and write the same files at once:
 * whoever holds it made its plan from the files as they are and is the only one to write them.
 * Re-entrant along one call chain. A live holder is waited for (CMM_LOCK_WAIT_MS, 60 s by
 * default), then the run fails without having changed anything.
 */
export async function withAppLock<T>(fs: FileSystem, appRoot: string, command: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = lockPath(appRoot)
  const mine = context.getStore() ?? new Set<string>()
  if (mine.has(path)) return work()
  try {
    await fs.mkdirp(join(appRoot, MERCATO_DIR))
  } catch (error) {
    if (NOT_WRITABLE.includes(codeOf(error))) return work()
    throw lockError(appRoot, error)
  }
  const waitMs = Number(process.env.CMM_LOCK_WAIT_MS ?? 60_000)
  if ((await take(fs, appRoot, command, waitMs, options.onWait ?? (() => undefined))) === 'unwritable') return work()
  active.add(path)
  let failed = false
  try {
    await removeStaleTemps(fs, appRoot)
    return await context.run(new Set([...mine, path]), work)
  } catch (error) {
    failed = true
    throw error
  } finally {
    active.delete(path)
    try {
      await fs.removeFile(path)
      // the lock alone leaves no .mercato folder behind, nor does an undo that emptied it
      await fs.removeEmptyDir(join(appRoot, MERCATO_DIR))
    } catch (error) {
      // the work's own failure is the one to report; a lock left behind is stale and taken over by the next run
      if (!failed) throw new FailureError(`the work was done, but the lock ${path} could not be removed (${(error as Error).message}); the next run takes it over`)
    }
  }
}
