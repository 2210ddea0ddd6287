import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { UsageError } from '../errors'
import { MERCATO_DIR } from '../paths'
import type { FileSystem } from '../services/types'

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep)

/**
 * Where a path read from the tool's own state (a journal, a manifest, a cache) really lands, or
 * null when it leaves the app: by `..`, by being absolute elsewhere, or through a link on the way
 * that leads outside (a dangling link counts: writing through it would create its target). Such
 * files can come with a cloned repository, so nothing in them is trusted to stay inside by itself.
 */
export async function containedPath(fs: FileSystem, root: string, path: unknown): Promise<string | null> {
  if (typeof path !== 'string' || path === '' || path.includes('\0')) return null
  const absolute = isAbsolute(path) ? resolve(path) : resolve(root, path)
  const rel = relative(root, absolute)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null
  const rootReal = (await fs.realPath(root)) ?? root
  let at = root
  for (const part of rel.split(sep)) {
    at = join(at, part)
    const entry = await fs.entry(at)
    if (!entry) break
    if (entry.kind !== 'link') continue
    const real = await fs.realPath(at)
    if (real === null || !inside(rootReal, real)) return null
  }
  return absolute
}

/**
 * Refuses an app whose `.mercato`, or an entry directly in it (lock, journal, history, cache,
 * database, templates), is a link leading outside the app: the lock, the journal's recovery and
 * every later write would act there. Runs before anything is opened for writing, for every command.
 */
export async function refuseLinkedState(fs: FileSystem, appRoot: string): Promise<void> {
  const dir = join(appRoot, MERCATO_DIR)
  const names = [MERCATO_DIR, ...((await fs.entry(dir))?.kind === 'dir' ? (await fs.readDir(dir)).map((e) => `${MERCATO_DIR}/${e.name}`) : [])]
  for (const name of names) {
    const path = join(appRoot, ...name.split('/'))
    if ((await fs.entry(path))?.kind !== 'link') continue
    if (await containedPath(fs, appRoot, path)) continue
    const real = await fs.realPath(path)
    throw new UsageError(
      `refused: ${name} is a link to ${real ?? `${(await fs.entry(path))?.target} (missing)`}, outside the app; nothing was changed`,
      { text: `make ${name} a folder of the app (move what it points to inside, or delete the link)` },
    )
  }
}
