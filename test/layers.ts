import { parse } from '@babel/parser'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'

/**
 * The layers of src/, bottom first. A module may import from its own layer or a lower one, never a
 * higher one: the engine knows nothing of actions, the actions nothing of the faces. A path is placed
 * by its longest matching entry, so a new folder or root file must be placed here on purpose.
 */
export const LAYERS: ReadonlyArray<{ name: string; paths: string[] }> = [
  { name: 'base', paths: ['collate.ts', 'errors.ts', 'naming.ts', 'quote.ts', 'text.ts', 'version.ts', 'paths.ts', 'services/', 'validation/'] },
  { name: 'source', paths: ['source-edit/', 'modules-file/', 'static/'] },
  { name: 'app', paths: ['app/'] },
  { name: 'engine', paths: ['engine/'] },
  { name: 'generator', paths: ['generator/'] },
  { name: 'db', paths: ['db/'] },
  // the spec is the contract the dispatcher runs and every action implements
  { name: 'dispatch', paths: ['dispatch/', 'actions/spec.ts'] },
  // upgrade/ is the upgrade action's machinery: it replays the other actions' specs
  { name: 'actions', paths: ['actions/', 'upgrade/'] },
  { name: 'faces', paths: ['tui/', 'mcp/', 'cli/'] },
  { name: 'entry', paths: ['index.ts', 'testing.ts'] },
]

/** The layer index of a path relative to src/ ("engine/apply.ts"), or -1 when no entry places it. */
export function layerOf(path: string): number {
  let best = { index: -1, length: -1 }
  LAYERS.forEach((layer, index) => {
    for (const p of layer.paths) {
      const hit = p.endsWith('/') ? path.startsWith(p) : path === p
      if (hit && p.length > best.length) best = { index, length: p.length }
    }
  })
  return best.index
}

/** Every module specifier a file names: static and dynamic imports, re-exports and `import('x')` types. */
export function specifiersOf(text: string, jsx: boolean): string[] {
  const key = `${jsx}:${text}`
  if (!parsed.has(key)) parsed.set(key, parseSpecifiers(text, jsx))
  return parsed.get(key)!
}

// the tests read src/ several times over; each text is parsed once
const parsed = new Map<string, string[]>()

function parseSpecifiers(text: string, jsx: boolean): string[] {
  const ast = parse(text, { sourceType: 'module', plugins: jsx ? ['typescript', 'jsx', 'decorators-legacy'] : ['typescript', 'decorators-legacy'] })
  const found: string[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const n = node as { type?: string; source?: { value?: unknown }; callee?: { type?: string }; arguments?: Array<{ type?: string; value?: unknown }> }
    // Babel 8 names the specifier of `import('x')` types `source`, as it does for declarations
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'TSImportType') && typeof n.source?.value === 'string') found.push(n.source.value)
    if (n.type === 'CallExpression' && n.callee?.type === 'Import' && n.arguments?.[0]?.type === 'StringLiteral') found.push(String(n.arguments[0].value))
    if (n.type === 'ImportExpression' && (n.source as { type?: string } | undefined)?.type === 'StringLiteral') found.push(String(n.source!.value))
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'leadingComments' && key !== 'trailingComments') visit(value)
  }
  visit(ast.program)
  return found
}

/** src/'s modules as path (relative to src/, "/" separators) to text. */
export function readSources(srcDir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(srcDir, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(rel)
      else if (/\.tsx?$/.test(entry.name)) files.set(rel, readFileSync(join(srcDir, rel), 'utf8'))
    }
  }
  walk('')
  return files
}

/** The file a relative specifier names among `files`, trying the extensions and index files esbuild tries. */
function resolveIn(files: Map<string, string>, from: string, specifier: string): string | null {
  const base = normalize(join(dirname(from), specifier)).split('\\').join('/')
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (files.has(candidate)) return candidate
  return null
}

export interface Violation { from: string; to: string; why: string }

/** Imports that point to a higher layer, and files no layer places. */
export function layerViolations(files: Map<string, string>): Violation[] {
  const violations: Violation[] = []
  for (const [from, text] of files) {
    const own = layerOf(from)
    if (own === -1) {
      violations.push({ from, to: '', why: 'no layer places this file (add it to LAYERS in test/layers.ts)' })
      continue
    }
    for (const specifier of specifiersOf(text, from.endsWith('.tsx'))) {
      if (!specifier.startsWith('.')) continue
      const to = resolveIn(files, from, specifier)
      if (!to) continue
      const target = layerOf(to)
      if (target > own) violations.push({ from, to, why: `${LAYERS[own]!.name} imports ${LAYERS[target]!.name}, a higher layer` })
    }
  }
  return violations
}
