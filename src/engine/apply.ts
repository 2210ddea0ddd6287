import { createHash } from 'node:crypto'
import { dirname, join } from 'node:path'
import { FailureError, UsageError } from '../errors'
import type { Clock, FileSystem } from '../services/types'
import type { FileChange, Plan } from './plan'

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export interface Manifest {
  version: 1
  action: string
  input: Record<string, unknown>
  appliedAt: string
  changes: Array<{ path: string; kind: FileChange['kind']; beforeHash: string | null; afterHash: string; before: string | null }>
}

/** Refuses, before anything is written, a plan that would hit a read-only file or folder. */
export async function checkWritable(plan: Plan, fs: FileSystem): Promise<void> {
  const checked = new Set<string>()
  for (const change of plan.changes) {
    let target = join(plan.root, change.path)
    if (change.kind === 'create') {
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

function manifestFor(plan: Plan, clock: Clock): { name: string; body: Manifest } {
  const appliedAt = clock.now().toISOString()
  return {
    name: `${appliedAt.replace(/[:.]/g, '-')}-${plan.action}.json`,
    body: {
      version: 1,
      action: plan.action,
      input: plan.input,
      appliedAt,
      changes: plan.changes.map((c) => ({
        path: c.path,
        kind: c.kind,
        beforeHash: c.before === null ? null : sha256(c.before),
        afterHash: sha256(c.after),
        before: c.before,
      })),
    },
  }
}

/**
 * Writes every change of the plan, or none: each file goes through temp file + rename, and if any
 * write fails, files already written are put back as they were and created files and folders removed.
 * The manifest is written last, inside the same transaction.
 */
export async function applyPlan(plan: Plan, deps: { fs: FileSystem; clock: Clock }): Promise<{ manifestPath?: string }> {
  const { fs } = deps
  const undo: Array<() => Promise<void>> = []
  const writes: Array<{ path: string; content: string; before: string | null }> = plan.changes.map((c) => ({
    path: join(plan.root, c.path),
    content: c.after,
    before: c.before,
  }))
  let manifestPath: string | undefined
  if (plan.historyDir && plan.changes.length > 0) {
    const manifest = manifestFor(plan, deps.clock)
    manifestPath = join(plan.historyDir, manifest.name)
    writes.push({ path: manifestPath, content: `${JSON.stringify(manifest.body, null, 2)}\n`, before: null })
  }

  try {
    for (const write of writes) {
      const createdDir = await fs.mkdirp(dirname(write.path))
      if (createdDir) undo.push(() => fs.remove(createdDir))
      const before = write.before
      undo.push(before === null ? () => fs.remove(write.path) : () => fs.writeAtomic(write.path, before))
      await fs.writeAtomic(write.path, write.content)
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
  return { manifestPath }
}
