import { join, normalize, sep } from 'node:path'
import type { FileSystem } from '../services/types'
import type { FileChange } from './plan'

/**
 * A virtual file tree over the real one, in the spirit of Nx devkit's Tree: actions read and
 * write through it, nothing touches the disk, and the recorded writes become the plan.
 */
export interface Tree {
  readonly root: string
  read(path: string): Promise<string | null>
  exists(path: string): Promise<boolean>
  isDirectory(path: string): Promise<boolean>
  list(path: string): Promise<string[]>
  write(path: string, content: string): Promise<void>
  changes(): FileChange[]
}

export function toTreePath(path: string): string {
  const clean = normalize(path).split(sep).join('/')
  if (clean.startsWith('../') || clean === '..' || clean.startsWith('/')) {
    throw new Error(`path escapes the tree: ${path}`)
  }
  return clean
}

export function createTree(root: string, fs: FileSystem): Tree {
  const original = new Map<string, string | null>()
  const written = new Map<string, string>()

  async function readOriginal(path: string) {
    if (!original.has(path)) original.set(path, await fs.readText(join(root, path)))
    return original.get(path) ?? null
  }

  return {
    root,
    async read(path) {
      const key = toTreePath(path)
      return written.get(key) ?? readOriginal(key)
    },
    async exists(path) {
      const key = toTreePath(path)
      return written.has(key) || (await readOriginal(key)) !== null || fs.isDirectory(join(root, key))
    },
    async isDirectory(path) {
      const key = toTreePath(path)
      return [...written.keys()].some((w) => w.startsWith(`${key}/`)) || fs.isDirectory(join(root, key))
    },
    async list(path) {
      const key = toTreePath(path)
      const names = new Set(await fs.readDir(join(root, key)))
      const prefix = key === '.' ? '' : `${key}/`
      for (const w of written.keys()) if (w.startsWith(prefix)) names.add(w.slice(prefix.length).split('/')[0]!)
      return [...names].sort()
    },
    async write(path, content) {
      const key = toTreePath(path)
      await readOriginal(key)
      written.set(key, content)
    },
    changes() {
      const result: FileChange[] = []
      for (const [path, after] of written) {
        const before = original.get(path) ?? null
        if (before === after) continue
        result.push({ path, kind: before === null ? 'create' : 'edit', before, after })
      }
      return result.sort((a, b) => a.path.localeCompare(b.path))
    },
  }
}
