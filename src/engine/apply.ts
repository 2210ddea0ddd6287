import { createHash } from 'node:crypto'
import { dirname, join, relative, sep } from 'node:path'
import { FailureError, UsageError } from '../errors'
import type { Clock, FileSystem } from '../services/types'
import type { FileChange, Plan } from './plan'

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export interface Manifest {
  version: 1
  action: string
  input: Record<string, unknown>
  appliedAt: string
  /** Paths relative to the app the manifest belongs to (the folder holding .mercato/history). */
  changes: Array<{ path: string; kind: FileChange['kind']; beforeHash: string | null; afterHash: string | null; before: string | null }>
}

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

function manifestFor(plan: Plan, historyDir: string, clock: Clock): { name: string; body: Manifest } {
  const appliedAt = clock.now().toISOString()
  const appRoot = dirname(dirname(historyDir))
  return {
    name: `${appliedAt.replace(/[:.]/g, '-')}-${plan.action}.json`,
    body: {
      version: 1,
      action: plan.action,
      input: plan.input,
      appliedAt,
      changes: plan.changes.map((c) => ({
        path: relative(appRoot, join(plan.root, c.path)).split(sep).join('/'),
        kind: c.kind,
        beforeHash: c.before === null ? null : sha256(c.before),
        afterHash: c.after === null ? null : sha256(c.after),
        before: c.before,
      })),
    },
  }
}

/** After deleting files, folders they leave empty go too, up to (not including) the plan's root. */
async function pruneEmptyFolders(fs: FileSystem, root: string, files: string[]): Promise<void> {
  for (const file of files) {
    let dir = dirname(file)
    while (dir.startsWith(root + sep) && (await fs.readDir(dir)).length === 0) {
      await fs.remove(dir)
      dir = dirname(dir)
    }
  }
}

/**
 * Writes every change of the plan, or none: each file goes through temp file + rename (a delete
 * removes it), and if any step fails, files already touched are put back as they were and created
 * files and folders removed. The manifest is written last, inside the same transaction.
 */
export async function applyPlan(plan: Plan, deps: { fs: FileSystem; clock: Clock }): Promise<{ manifestPath?: string }> {
  const { fs } = deps
  const undo: Array<() => Promise<void>> = []
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

  try {
    for (const write of writes) {
      // the plan was shown before this moment (a TUI preview can wait for minutes): never write over
      // a file that changed since, such as an edit saved in the meantime
      if ((await fs.readText(write.path)) !== write.before) {
        throw new Error(`${relative(plan.root, write.path)} changed after the plan was made; run the command again to plan from the current files`)
      }
      const createdDir = await fs.mkdirp(dirname(write.path))
      if (createdDir) undo.push(() => fs.remove(createdDir))
      const before = write.before
      undo.push(before === null ? () => fs.remove(write.path) : () => fs.writeAtomic(write.path, before))
      if (write.content === null) await fs.remove(write.path)
      else await fs.writeAtomic(write.path, write.content)
    }
  } catch (error) {
    const failures: string[] = []
    for (const step of undo.reverse()) {
      await step().catch((e: Error) => failures.push(e.message))
    }
    const reason = error instanceof Error ? error.message : String(error)
    const restored = failures.length === 0
      ? 'every file was restored'
      : `restoring failed too (${failures.join('; ')})`
    throw new FailureError(`apply failed: ${reason}; ${restored}`)
  }
  await pruneEmptyFolders(fs, plan.root, writes.filter((w) => w.content === null).map((w) => w.path))
  return { manifestPath }
}
