import { UsageError } from '../errors'
import type { Tree } from '../services/tree'
import type { TemplateRenderer } from '../services/types'
import { findArray, listOf, objectsOf, parseSource, stringProp } from './find'
import { appendToList } from './list'
import { indentAt } from './source'
import { moduleDir } from '../paths'

export interface Feature { id: string; title: string }

/** Where feature entries and a new acl.ts come from: templates/acl/, overridable by the app. */
export interface AclTemplates { templates: TemplateRenderer; appRoot: string }

/**
 * Declares every feature the module's acl.ts lacks, through the parser, so a scaffold never
 * references an undeclared feature. Creates acl.ts when the module has none. Returns the ids added.
 */
export async function ensureFeatures(tree: Tree, moduleId: string, features: Feature[], t: AclTemplates): Promise<string[]> {
  const path = `${moduleDir(moduleId)}/acl.ts`
  const entry = async (f: Feature) => (await t.templates.render('acl/feature.ts.hbs', { ...f, module: moduleId }, t.appRoot)).trimEnd()
  const wanted = [...new Map(features.map((f) => [f.id, f])).values()]
  const text = await tree.read(path)
  if (text === null) {
    if (wanted.length === 0) return []
    const entries = []
    for (const f of wanted) entries.push(await entry(f))
    await tree.write(path, await t.templates.render('acl/acl.ts.hbs', { features: entries }, t.appRoot))
    return wanted.map((f) => f.id)
  }
  const parsed = parseSource(text, path)
  const found = findArray(parsed, 'features', path)
  if (!found) throw new UsageError(`${path} has no "export const features = [...]"; add one so features can be declared`)
  const declared = new Set(objectsOf(found.array).map((o) => stringProp(o, 'id')))
  const fresh = wanted.filter((f) => !declared.has(f.id))
  if (fresh.length === 0) return []
  const entries = []
  for (const f of fresh) entries.push(await entry(f))
  await tree.write(path, appendToList(text, listOf(found.array), parsed.comments, entries, { outerIndent: indentAt(text, found.statementStart) }))
  return fresh.map((f) => f.id)
}
