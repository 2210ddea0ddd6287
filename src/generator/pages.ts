import type { Tree } from '../engine/tree'
import { parseTypeScript } from '../source-edit/source'
import { walkFiles } from './files'

export interface PageRoute { moduleId: string; area: 'frontend' | 'backend'; url: string; file: string }

const PAGE_FILE = /^page\.(ts|tsx|js|jsx)$/
const DIRECT_FILE = /^[^A-Z].*\.(tsx|jsx|js)$/
const META_FILE = /^meta\.|\.meta\./

/** A default export, read statically: `export default`, or `export { x as default }`. */
export function hasDefaultExport(source: string, file: string): boolean {
  try {
    return parseTypeScript(source, { jsx: /\.(tsx|jsx|js)$/.test(file) }).program.body.some((s) =>
      s.type === 'ExportDefaultDeclaration'
      || (s.type === 'ExportNamedDeclaration' && s.specifiers.some((sp) => sp.exported.type === 'Identifier' && sp.exported.name === 'default')))
  } catch {
    return false
  }
}

/** The URL a page file serves (conventions §3), or null for a file that is not a page candidate. */
export function pageUrl(moduleId: string, area: 'frontend' | 'backend', rel: string): string | null {
  const parts = rel.split('/')
  const name = parts.pop()!
  if (META_FILE.test(name)) return null
  const isPage = PAGE_FILE.test(name)
  if (!isPage && !DIRECT_FILE.test(name)) return null
  const segs = isPage ? parts : [...parts, name.replace(/\.(tsx|jsx|js)$/, '')]
  if (area === 'frontend') return `/${segs.join('/')}`
  if (isPage) return segs.length === 0 ? `/backend/${moduleId}` : `/backend/${segs.join('/')}`
  return `/backend/${segs[0] === moduleId ? '' : `${moduleId}/`}${segs.join('/')}`
}

/** Every page of the given module roots, in order, with the URL it serves. */
export async function discoverPages(tree: Tree, modules: Array<{ id: string; root: string }>): Promise<PageRoute[]> {
  const pages: PageRoute[] = []
  for (const { id, root } of modules) {
    for (const area of ['frontend', 'backend'] as const) {
      for (const rel of await walkFiles(tree, `${root}/${area}`)) {
        const url = pageUrl(id, area, rel)
        if (!url) continue
        const file = `${root}/${area}/${rel}`
        if (hasDefaultExport((await tree.read(file)) ?? '', file)) pages.push({ moduleId: id, area, url, file })
      }
    }
  }
  return pages
}
