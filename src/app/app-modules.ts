import { UsageError } from '../errors'
import type { Tree } from '../services/tree'
import { APP_MODULES, moduleDir } from '../paths'

/** Modules of the app itself: folders under src/modules. */
export async function listAppModules(tree: Tree): Promise<string[]> {
  const names = await tree.list(APP_MODULES)
  const dirs: string[] = []
  for (const name of names.sort()) if (await tree.isDirectory(moduleDir(name))) dirs.push(name)
  return dirs
}

/** The folder of an app module, or one clear error that lists the modules there are. */
export async function requireAppModule(tree: Tree, id: string): Promise<string> {
  const dir = moduleDir(id)
  if (await tree.isDirectory(dir)) return dir
  const known = await listAppModules(tree)
  const list = known.length > 0 ? `modules here: ${known.join(', ')}` : 'there are no modules yet'
  throw new UsageError(`unknown module "${id}" (${list}); create it with: module ${id}`)
}
