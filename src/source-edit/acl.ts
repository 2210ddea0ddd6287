import { tsString } from '../naming'
import { UsageError } from '../errors'
import type { Tree } from '../engine/tree'
import { findArray, listOf, objectsOf, parseSource, stringProp } from './find'
import { appendToList } from './list'
import { indentAt } from './source'

export interface Feature { id: string; title: string }

/**
 * Declares every feature the module's acl.ts lacks, through the parser, so a scaffold never
 * references an undeclared feature. Creates acl.ts when the module has none. Returns the ids added.
 */
export async function ensureFeatures(tree: Tree, moduleId: string, features: Feature[]): Promise<string[]> {
  const path = `src/modules/${moduleId}/acl.ts`
  const entry = (f: Feature) => `{ id: ${tsString(f.id)}, title: ${tsString(f.title)}, module: ${tsString(moduleId)} }`
  const wanted = [...new Map(features.map((f) => [f.id, f])).values()]
  let text = await tree.read(path)
  if (text === null) {
    if (wanted.length === 0) return []
    await tree.write(path, `export const features = [\n${wanted.map((f) => `  ${entry(f)},\n`).join('')}]\n\nexport default features\n`)
    return wanted.map((f) => f.id)
  }
  const added: string[] = []
  for (const feature of wanted) {
    const parsed = parseSource(text, path)
    const found = findArray(parsed, 'features', path)
    if (!found) throw new UsageError(`${path} has no "export const features = [...]"; add one so features can be declared`)
    if (objectsOf(found.array).some((o) => stringProp(o, 'id') === feature.id)) continue
    text = appendToList(text, listOf(found.array), parsed.comments, entry(feature), { outerIndent: indentAt(text, found.statementStart) })
    added.push(feature.id)
  }
  if (added.length > 0) await tree.write(path, text)
  return added
}
