import { dirname, join, relative, sep } from 'node:path'
import { FailureError, InterruptedError, UsageError } from '../errors'
import { tempNameFor } from '../services/fs'
import type { Clock, FileSystem } from '../services/types'
import { JOURNAL, journalPath, rollBack, sha256, type Journal } from './journal'
import type { Plan } from './plan'
import { checkTarget } from './targets'
import { manifestFor } from './manifest'
import { HISTORY_DIR, MERCATO_DIR } from '../paths'

export { sha256 }

/** The `.mercato` folder of the app a plan belongs to: its journal lives there. */
export const mercatoDirOf = (plan: Plan) => (plan.historyDir ? dirname(plan.historyDir) : join(plan.root, MERCATO_DIR))

/** Refuses, before anything is written, a plan that would hit a read-only file or folder. */
export async function checkWritable(plan: Plan, fs: FileSystem): Promise<void> {
  const checked = new Set<string>()
  for (const change of plan.changes) {
    let target = join(plan.root, change.path)
    // creating or deleting a file needs its folder writable; editing needs the file
    if (change.kind !== 'edit') {
      target = dirname(target)
      while (!(await fs.isDirectory(target)) && dirname(target) !== target) target = dirname(target)
    }
    if (checked.has(target)) continue
    checked.add(target)
    if (!(await fs.isWritable(target))) {
      throw new UsageError(`${target} is read-only; make it writable or choose another folder (nothing was changed)`)
    }
  }
}

/**
 * Refuses, before anything is written, a plan with a path that leaves the app through a link or
 * whose target has the wrong type (see targets.ts); the history and journal folders count too.
 */
export async function checkTargets(plan: Plan, fs: FileSystem): Promise<void> {
  for (const change of plan.changes) await checkTarget(fs, plan.root, join(plan.root, change.path), change.path)
  const mercato = mercatoDirOf(plan)
  if (plan.changes.length > 0) await checkTarget(fs, plan.root, join(mercato, JOURNAL), `${MERCATO_DIR}/${JOURNAL}`)
  if (plan.historyDir && plan.changes.length > 0) await checkTarget(fs, plan.root, join(plan.historyDir, 'manifest.json'), HISTORY_DIR)
}

/** After deleting files, folders they leave empty go too, up to (not including) the plan's root. */
async function pruneEmptyFolders(fs: FileSystem, root: string, files: string[]): Promise<void> {
  for (const file of files) {
    let dir = dirname(file)
    while (dir.startsWith(root + sep) && (await fs.removeEmptyDir(dir))) dir = dirname(dir)
  }
}

/** Folders that writing `paths` will create, parents first. */
async function missingFolders(fs: FileSystem, paths: string[]): Promise<string[]> {
  const missing = new Set<string>()
  for (const path of paths) {
    const chain: string[] = []
    for (let dir = dirname(path); !missing.has(dir) && !(await fs.entry(dir)) && dirname(dir) !== dir; dir = dirname(dir)) chain.unshift(dir)
    for (const dir of chain) missing.add(dir)
  }
  return [...missing].sort((a, b) => a.split(sep).length - b.split(sep).length)
}

/**
 * Writes `path` so that a power cut leaves either no file or all of it: a temp file, flushed,
 * renamed over it, and the folder flushed so the rename is kept too.
 */
async function writeDurably(fs: FileSystem, path: string, content: string): Promise<void> {
  const temp = tempNameFor(path)
  try {
    await fs.writeNew(temp, content)
    await fs.sync(temp)
    await fs.rename(temp, path)
  } catch (error) {
    await fs.removeFile(temp).catch(() => undefined)
    throw error
  }
  await fs.sync(dirname(path))
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const
type Signal = keyof typeof SIGNAL_EXIT

/**
 * Writes every change of the plan, or none. The intent (paths, old contents and modes, temp
 * names) goes to `.mercato/journal.json` before the first write; every new content is then written
 * to a temp file and flushed, and only then renamed over its target (a delete unlinks it), the
 * manifest last; the folders are flushed before the journal is removed, so a power cut is
 * recovered like a kill.
 * If a step fails, or Ctrl+C/SIGTERM arrives, the files this apply wrote are put back and the run
 * ends with exit 1 (130/143 for a signal); a run killed outright is rolled back by the next command
 * from the journal. Rollback touches only files that hold what this apply wrote.
 */
export async function applyPlan(plan: Plan, deps: { fs: FileSystem; clock: Clock }): Promise<{ manifestPath?: string }> {
  const { fs } = deps
  const writes: Array<{ path: string; content: string | null; before: string | null }> = plan.changes.map((c) => ({
    path: join(plan.root, c.path),
    content: c.after,
    before: c.before,
  }))
  let manifestPath: string | undefined
  if (plan.historyDir && plan.changes.length > 0) {
    const manifest = manifestFor(plan, plan.historyDir, deps.clock)
    manifestPath = join(plan.historyDir, manifest.name)
    writes.push({ path: manifestPath, content: `${JSON.stringify(manifest.body, null, 2)}\n`, before: null })
  }
  // the plan was shown before this moment (a TUI preview can wait for minutes): never write over
  // a file that changed since, such as an edit saved in the meantime
  for (const write of writes) {
    if ((await fs.readText(write.path)) !== write.before) {
      throw new FailureError(`${relative(plan.root, write.path)} changed after the plan was made; nothing was changed; run the command again to plan from the current files`)
    }
  }

  const mercatoDir = mercatoDirOf(plan)
  const journal: Journal = {
    version: 1,
    pid: process.pid,
    action: plan.action,
    root: plan.root,
    writes: await Promise.all(writes.map(async (w) => ({
      path: w.path,
      before: w.before,
      beforeMode: w.before === null ? null : ((await fs.entry(w.path))?.mode ?? null),
      afterHash: w.content === null ? null : sha256(w.content),
      temp: w.content === null ? null : tempNameFor(w.path),
    }))),
    createdDirs: await missingFolders(fs, writes.map((w) => w.path)),
  }
  const journalFile = journalPath(mercatoDir)

  let signal: Signal | undefined
  const onSignal = (name: Signal) => { signal ??= name }
  const onInt = () => onSignal('SIGINT')
  const onTerm = () => onSignal('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  let journalWritten = false
  const stopIfSignalled = () => {
    if (signal) throw new InterruptedError(`interrupted by ${signal}`, SIGNAL_EXIT[signal])
  }
  try {
    await fs.mkdirp(mercatoDir)
    await writeDurably(fs, journalFile, `${JSON.stringify(journal)}\n`)
    journalWritten = true
    // every new content is on the disk under its temp name before the first file is replaced: a
    // full disk fails here, when nothing was replaced yet and the rollback only removes temp files
    for (const [index, write] of writes.entries()) {
      stopIfSignalled()
      if (write.content === null) continue
      const step = journal.writes[index]!
      await fs.mkdirp(dirname(write.path))
      await fs.writeNew(step.temp!, write.content, step.beforeMode ?? undefined)
      await fs.sync(step.temp!)
    }
    for (const [index, write] of writes.entries()) {
      stopIfSignalled()
      if (write.content === null) await fs.removeFile(write.path)
      else {
        if ((await fs.readText(write.path)) !== write.before) {
          throw new Error(`${relative(plan.root, write.path)} was changed by another program during the apply`)
        }
        await fs.rename(journal.writes[index]!.temp!, write.path)
      }
    }
    // the renames and deletes themselves reach the disk before the journal that could undo them goes
    for (const dir of new Set(writes.map((w) => dirname(w.path)))) await fs.sync(dir)
  } catch (error) {
    let left: string[] = []
    let failure: string | undefined
    try {
      left = await rollBack(journal, fs)
      if (journalWritten) await fs.removeFile(journalFile)
    } catch (e) {
      failure = (e as Error).message
    }
    const reason = error instanceof Error ? error.message : String(error)
    const restored = failure
      ? `restoring failed too (${failure}); the next run will finish restoring from ${journalFile}`
      : left.length > 0 ? `restored what it wrote, except ${left.join(', ')}, changed by something else meanwhile` : 'every file was restored'
    if (error instanceof InterruptedError) throw new InterruptedError(`${reason}: ${restored}`, error.exitCode)
    throw new FailureError(`apply failed: ${reason}; ${restored}`)
  } finally {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
  }
  await pruneEmptyFolders(fs, plan.root, writes.filter((w) => w.content === null).map((w) => w.path))
  await fs.removeFile(journalFile)
  if (signal) {
    const done = plan.changes.map((c) => c.path).join(', ')
    throw new InterruptedError(`interrupted by ${signal} after the apply had finished; applied: ${done}`, SIGNAL_EXIT[signal])
  }
  return { manifestPath }
}
