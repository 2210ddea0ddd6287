import { isAbsolute, join } from 'node:path'
import type { Tree } from '../services/tree'

/** What discovery reads: the plan's Tree for the app's own files, the disk for package modules outside it. */
export type ModuleSource = Pick<Tree, 'root' | 'read' | 'list' | 'isDirectory'> & {
  /** Size and mtime of a file as the disk (or the FileSystem under the tree) has it, for the generator's no-op cache. */
  stat(path: string): Promise<{ size: number; mtimeMs: number } | null>
}

const outside = (path: string) => path === '..' || path.startsWith('../') || isAbsolute(path)

/**
 * Paths are relative to the app root; those leading out of it (`../../packages/core/...` in a monorepo)
 * are package files no plan writes, so they are read through the tree's read-only view of its file
 * system (links to folders count as folders, as a package manager's links do), each folder listed once.
 */
export function moduleSource(tree: Tree): ModuleSource {
  const listings = new Map<string, Promise<Array<{ name: string; dir: boolean }>>>()
  const listing = (path: string) => {
    let entries = listings.get(path)
    if (!entries) {
      entries = tree.outside.readDir(join(tree.root, path), { followLinks: true }).then(
        (found) => found.map((e) => ({ name: e.name, dir: e.isDirectory })),
        () => [],
      )
      listings.set(path, entries)
    }
    return entries
  }
  return {
    root: tree.root,
    async read(path) {
      if (!outside(path)) return tree.read(path)
      try {
        return await tree.outside.readText(join(tree.root, path))
      } catch {
        return null
      }
    },
    stat: (path) => tree.outside.stat(join(tree.root, path)),
    async list(path) {
      return outside(path) ? (await listing(path)).map((e) => e.name).sort() : tree.list(path)
    },
    async isDirectory(path) {
      if (!outside(path)) return tree.isDirectory(path)
      const slash = path.lastIndexOf('/')
      return (await listing(path.slice(0, slash))).some((e) => e.name === path.slice(slash + 1) && e.dir)
    },
  }
}
