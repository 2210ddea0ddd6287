import { join, relative, sep } from 'node:path'
import { UsageError } from '../errors'
import type { FileSystem } from '../services/types'

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep)

/**
 * Refuses, before anything is written, a path that would reach outside `root` through a link
 * (a linked module folder, src, .mercato or i18n, or a linked file), and a path whose target has
 * the wrong type: a folder where a file goes, or a file where a folder must be. Every component
 * from the root down is looked at without following it, so a link is named where it is.
 */
export async function checkTarget(fs: FileSystem, root: string, path: string, show: string = path): Promise<void> {
  const rootReal = (await fs.realPath(root)) ?? root
  const parts = relative(root, path).split(sep)
  if (parts[0] === '..' || parts.some((p) => p === '')) throw new UsageError(`refused: ${show} is outside ${root}; nothing was changed`)
  let at = root
  for (const [index, part] of parts.entries()) {
    at = join(at, part)
    const last = index === parts.length - 1
    const entry = await fs.entry(at)
    if (!entry) return
    const here = relative(root, at).split(sep).join('/')
    if (entry.kind === 'link') {
      const real = await fs.realPath(at)
      if (real === null) throw new UsageError(`refused: ${here} is a link to ${entry.target}, which does not exist; nothing was changed`)
      if (!inside(rootReal, real)) throw new UsageError(`refused: ${here} is a link to ${real}, outside the app; nothing was changed (${show} would be written there)`)
      const followed = await fs.entry(real)
      if (!last && followed?.kind !== 'dir') throw new UsageError(`refused: ${here} is not a folder, but ${show} needs one there; nothing was changed`)
      if (last && followed?.kind !== 'file') throw new UsageError(`refused: ${here} is a ${followed?.kind === 'dir' ? 'folder' : 'special file'}, but the plan needs a file there; nothing was changed`)
      continue
    }
    if (!last && entry.kind !== 'dir') throw new UsageError(`refused: ${here} is a file, but ${show} needs a folder there; nothing was changed`)
    if (last && entry.kind !== 'file') throw new UsageError(`refused: ${here} is a ${entry.kind === 'dir' ? 'folder' : 'special file'}, but the plan needs a file there; nothing was changed`)
  }
}
