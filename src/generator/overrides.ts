import type { Tree } from '../services/tree'
import type { AppModel } from './discover'
import { walkFiles } from './files'
import { moduleSource } from './source'

const logical = (path: string) => path.replace(/\.(tsx?|jsx?)$/, '')

/**
 * App files that replace a package module's file of the same logical path (extension aside): what
 * `override` creates, and what Open Mercato's overlay serves instead of the package's file.
 */
export async function overridesOf(tree: Tree, model: AppModel): Promise<Array<{ module: string; file: string; replaces: string }>> {
  const source = moduleSource(tree)
  const result = []
  for (const m of model.modules) {
    const [pkg, app] = m.roots
    if (m.from === '@app' || !pkg || !app) continue
    const packageFiles = new Map((await walkFiles(source, pkg)).map((rel) => [logical(rel), rel]))
    for (const rel of await walkFiles(source, app)) {
      const replaced = packageFiles.get(logical(rel))
      if (replaced) result.push({ module: m.id, file: `${app}/${rel}`, replaces: `${pkg}/${replaced}` })
    }
  }
  return result
}
