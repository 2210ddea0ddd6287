import { readdirSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { Tree } from '../services/tree'

/** What discovery reads: the plan's Tree for the app's own files, the disk for package modules outside it. */
export type ModuleSource = Pick<Tree, 'root' | 'read' | 'list' | 'isDirectory'>

const outside = (path: string) => path === '..' || path.startsWith('../') || isAbsolute(path)

/**
 * Paths are relative to the app root; those leading out of it (`../../packages/core/...` in a monorepo)
 * are package files no plan writes, so they are read from the disk directly, each folder listed once.
 */
export function moduleSource(tree: Tree): ModuleSource {
  const listings = new Map<string, Array<{ name: string; dir: boolean }>>()
  const listing = (path: string) => {
    let entries = listings.get(path)
    if (!entries) {
      try {
        entries = readdirSync(join(tree.root, path), { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() || (e.isSymbolicLink() && (statSync(join(tree.root, path, e.name), { throwIfNoEntry: false })?.isDirectory() ?? false)) }))
      } catch {
        entries = []
      }
      listings.set(path, entries)
    }
    return entries
  }
  return {
    root: tree.root,
    async read(path) {
      if (!outside(path)) return tree.read(path)
      try {
        return readFileSync(join(tree.root, path), 'utf8')
      } catch {
        return null
      }
    },
    async list(path) {
      return outside(path) ? listing(path).map((e) => e.name).sort() : tree.list(path)
    },
    async isDirectory(path) {
      if (!outside(path)) return tree.isDirectory(path)
      const slash = path.lastIndexOf('/')
      return listing(path.slice(0, slash)).some((e) => e.name === path.slice(slash + 1) && e.dir)
    },
  }
}
