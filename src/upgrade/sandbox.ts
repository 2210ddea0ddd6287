import { toTreePath, type Tree } from '../services/tree'

/**
 * A Tree over another Tree, in memory: upgrade replays old scaffolds in it (with files set back to
 * what they held before, or to what they hold now) and reads what the templates make, and nothing
 * reaches the tree below unless `commit` passes it down to a parent sandbox.
 */
export interface Sandbox extends Tree {
  /** The contents this sandbox set (null: removed), by path. */
  readonly written: ReadonlyMap<string, string | null>
}

export function sandbox(below: Tree, preset: ReadonlyMap<string, string | null> = new Map()): Sandbox {
  const written = new Map(preset)
  const under = (key: string) => (key === '.' ? '' : `${key}/`)
  return {
    root: below.root,
    outside: below.outside,
    state: below.state,
    written,
    async read(path) {
      const key = toTreePath(path)
      return written.has(key) ? written.get(key)! : below.read(key)
    },
    async exists(path) {
      const key = toTreePath(path)
      return written.has(key) ? written.get(key) !== null : below.exists(key)
    },
    async isDirectory(path) {
      const key = toTreePath(path)
      return [...written].some(([w, content]) => content !== null && w.startsWith(under(key))) || below.isDirectory(key)
    },
    async list(path) {
      const key = toTreePath(path)
      const names = new Set(await below.list(key))
      for (const [w, content] of written) {
        if (!w.startsWith(under(key))) continue
        const rest = w.slice(under(key).length)
        const name = rest.split('/')[0]!
        if (content !== null) names.add(name)
        else if (!rest.includes('/')) names.delete(name)
      }
      return [...names].sort()
    },
    async write(path, content) {
      written.set(toTreePath(path), content)
    },
    async remove(path) {
      written.set(toTreePath(path), null)
    },
    changes() {
      throw new Error('a sandbox is read back with read(), never applied')
    },
  }
}

/** Passes what `child` wrote down into `parent` (a replay that succeeded). */
export async function commit(child: Sandbox, parent: Tree): Promise<void> {
  for (const [path, content] of child.written) {
    if (content === null) await parent.remove(path)
    else await parent.write(path, content)
  }
}
