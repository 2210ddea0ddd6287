import type { Node } from '@babel/types'
import { FailureError } from '../errors'
import type { Tree } from '../engine/tree'
import { enabledModules, readModulesFile } from '../modules-file/read'
import { parseTypeScript } from '../source-edit/source'

const CODE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx']
const CONVENTION_FILES = ['index', 'acl', 'di', 'setup'] as const

export interface DiscoveredModule {
  id: string
  from: string
  /** Folder relative to the app root; null when the package is not installed. */
  root: string | null
  /** Convention file → path relative to the module root, extension included. */
  files: Partial<Record<(typeof CONVENTION_FILES)[number], string>>
  locales: string[]
  requires: string[]
}

export interface AppModel { modules: DiscoveredModule[]; warnings: string[] }

async function resolveRoot(tree: Tree, id: string, from: string): Promise<string | null> {
  const candidates = from === '@app'
    ? [`src/modules/${id}`]
    : [`node_modules/${from}/src/modules/${id}`, `node_modules/${from}/dist/modules/${id}`]
  for (const candidate of candidates) if (await tree.isDirectory(candidate)) return candidate
  return null
}

/**
 * Roots of the enabled modules that exist, plus the given app modules even if not enabled yet
 * (a scaffold must not collide with what the app will serve once they are).
 */
export async function moduleRoots(tree: Tree, alsoAppModules: string[] = []): Promise<Array<{ id: string; root: string }>> {
  const text = await tree.read('src/modules.ts')
  const enabled = text === null ? [] : enabledModules(readModulesFile(text))
  const roots: Array<{ id: string; root: string }> = []
  for (const { id, from } of enabled) {
    const root = await resolveRoot(tree, id, from)
    if (root) roots.push({ id, root })
  }
  for (const id of alsoAppModules) {
    const root = `src/modules/${id}`
    if (!roots.some((r) => r.root === root) && (await tree.isDirectory(root))) roots.push({ id, root })
  }
  return roots
}

/** `requires: ['a', 'b']` of index.ts, read statically. */
function requiresOf(source: string): string[] {
  const found: string[] = []
  const walk = (node: Node | null | undefined): void => {
    if (!node || typeof node !== 'object') return
    if (node.type === 'ObjectProperty' && node.key.type === 'Identifier' && node.key.name === 'requires' && node.value.type === 'ArrayExpression') {
      for (const el of node.value.elements) if (el?.type === 'StringLiteral') found.push(el.value)
      return
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => walk(v as Node))
      else if (value && typeof value === 'object' && 'type' in value) walk(value as Node)
    }
  }
  walk(parseTypeScript(source).program)
  return found
}

/** A pure read of the app: enabled modules, their roots and convention files. Writes nothing. */
export async function discover(tree: Tree): Promise<AppModel> {
  const file = readModulesFile((await tree.read('src/modules.ts')) ?? '')
  const enabled = enabledModules(file)
  const modules: DiscoveredModule[] = []
  const warnings: string[] = []
  for (const { id, from } of enabled) {
    const root = await resolveRoot(tree, id, from)
    if (!root) {
      if (from === '@app') throw new FailureError(`module "${id}" is enabled from @app but src/modules/${id} does not exist; create it (module ${id}) or disable it`)
      warnings.push(`module "${id}": package ${from} is not installed; skipped`)
      modules.push({ id, from, root: null, files: {}, locales: [], requires: [] })
      continue
    }
    const names = await tree.list(root)
    const files: DiscoveredModule['files'] = {}
    for (const base of CONVENTION_FILES) {
      const hit = CODE_EXTENSIONS.map((ext) => base + ext).find((n) => names.includes(n))
      if (hit) files[base] = hit
    }
    const locales = (await tree.list(`${root}/i18n`)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort()
    const index = files.index ? await tree.read(`${root}/${files.index}`) : null
    modules.push({ id, from, root, files, locales, requires: index ? requiresOf(index) : [] })
  }
  const ids = new Set(enabled.map((m) => m.id))
  for (const m of modules) {
    const missing = m.requires.filter((r) => !ids.has(r))
    if (missing.length > 0) {
      throw new FailureError(`module "${m.id}" requires "${missing[0]}", which is not enabled in src/modules.ts; enable it (enable ${missing[0]}) or remove it from ${m.id}'s requires`)
    }
  }
  return { modules, warnings }
}
