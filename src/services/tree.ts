import { join, normalize, sep } from 'node:path'
import type { FileSystem } from './types'
import { followLineEndings } from './line-endings'
import { collate } from '../collate'

/** One file a plan writes, edits or deletes: what a Tree records. */
export interface FileChange {
  /** Relative to `Plan.root`, always with "/" separators. */
  path: string
  kind: 'create' | 'edit' | 'delete'
  before: string | null
  /** Null for a file the plan deletes. */
  after: string | null
  /** Written by the registry generator run on the plan's tree, not by the action itself. */
  generated?: boolean
}

/**
 * A virtual file tree over the real one, in the spirit of Nx devkit's Tree: actions read and
 * write through it, nothing touches the disk, and the recorded writes become the plan.
 */
export interface Tree {
  readonly root: string
  /**
   * The file system the tree reads, for files outside the app that no plan writes (a package's
   * modules in a monorepo, `../../packages/core/src/modules`); read-only, so nothing bypasses the plan.
   */
  readonly outside: Pick<FileSystem, 'readText' | 'readDir' | 'isDirectory' | 'stat'>
  /** Writes of the tool's own disposable state that no plan holds (the generator's no-op cache): never app content. */
  readonly state: Pick<FileSystem, 'mkdirp' | 'writeAtomic'>
  read(path: string): Promise<string | null>
  exists(path: string): Promise<boolean>
  isDirectory(path: string): Promise<boolean>
  list(path: string): Promise<string[]>
  write(path: string, content: string): Promise<void>
  remove(path: string): Promise<void>
  changes(): FileChange[]
}

export function toTreePath(path: string): string {
  // 'a/b/' and 'a/b' are one folder: a trailing slash must not hide files written in the plan
  const clean = normalize(path).split(sep).join('/').replace(/(.)\/+$/, '$1')
  if (clean.startsWith('../') || clean === '..' || clean.startsWith('/')) {
    throw new Error(`path escapes the tree: ${path}`)
  }
  return clean
}

export function createTree(root: string, fs: FileSystem): Tree {
  const original = new Map<string, string | null>()
  // null marks a file the plan deletes
  const written = new Map<string, string | null>()
  // A plan reads a snapshot of the disk; a generator run lists the same folders many times.
  const listings = new Map<string, Promise<Map<string, boolean>>>()
  const listing = (key: string) => {
    if (!listings.has(key)) listings.set(key, fs.readDir(join(root, key)).then((entries) => new Map(entries.map((e) => [e.name, e.isDirectory]))))
    return listings.get(key)!
  }
  const onDiskDirectory = async (key: string) => {
    if (key === '.') return fs.isDirectory(root)
    const slash = key.lastIndexOf('/')
    return (await listing(slash === -1 ? '.' : key.slice(0, slash))).get(key.slice(slash + 1)) === true
  }

  async function readOriginal(path: string) {
    if (!original.has(path)) original.set(path, await fs.readText(join(root, path)))
    return original.get(path) ?? null
  }

  return {
    root,
    outside: { readText: (path) => fs.readText(path), readDir: (path, options) => fs.readDir(path, options), isDirectory: (path) => fs.isDirectory(path), stat: (path) => fs.stat(path) },
    state: { mkdirp: (path) => fs.mkdirp(path), writeAtomic: (path, content) => fs.writeAtomic(path, content) },
    async read(path) {
      const key = toTreePath(path)
      return written.has(key) ? written.get(key)! : readOriginal(key)
    },
    async exists(path) {
      const key = toTreePath(path)
      if (written.has(key)) return written.get(key) !== null
      return (await readOriginal(key)) !== null || onDiskDirectory(key)
    },
    async isDirectory(path) {
      const key = toTreePath(path)
      return [...written].some(([w, content]) => content !== null && w.startsWith(`${key}/`)) || onDiskDirectory(key)
    },
    async list(path) {
      const key = toTreePath(path)
      const names = new Set((await listing(key)).keys())
      const prefix = key === '.' ? '' : `${key}/`
      for (const [w, content] of written) {
        if (!w.startsWith(prefix)) continue
        const name = w.slice(prefix.length).split('/')[0]!
        if (content === null && !w.slice(prefix.length).includes('/')) names.delete(name)
        else if (content !== null) names.add(name)
      }
      return [...names].sort()
    },
    async write(path, content) {
      const key = toTreePath(path)
      const before = await readOriginal(key)
      written.set(key, before === null ? content : followLineEndings(before, content))
    },
    async remove(path) {
      const key = toTreePath(path)
      await readOriginal(key)
      written.set(key, null)
    },
    changes() {
      const result: FileChange[] = []
      for (const [path, after] of written) {
        const before = original.get(path) ?? null
        if (before === after) continue
        result.push({ path, kind: after === null ? 'delete' : before === null ? 'create' : 'edit', before, after })
      }
      return result.sort((a, b) => collate(a.path, b.path))
    },
  }
}
