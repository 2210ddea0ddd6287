import type { Tree } from '../engine/tree'
import { walkFiles } from './files'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

export interface ApiRoute { moduleId: string; kind: 'route-file' | 'plain' | 'legacy'; path: string; methods: HttpMethod[]; file: string }

const M = HTTP_METHODS.join('|')
const METHOD_DECL = new RegExp(`export\\s+(?:async\\s+)?(?:function\\s*\\*?|const|let|var)\\s+(${M})\\b`, 'g')
const EXPORT_LIST = /export\s*\{([^}]*)\}/g
const DESTRUCTURED = /export\s+(?:const|let|var)\s*\{([^}]*)\}\s*=/g
const METHOD_DIR = new RegExp(`(^|/)(${M.toLowerCase()})(/|$)`)

/** HTTP methods a file exports, detected as Open Mercato does: declarations, export lists, destructuring. */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<HttpMethod>()
  for (const m of source.matchAll(METHOD_DECL)) found.add(m[1] as HttpMethod)
  for (const re of [EXPORT_LIST, DESTRUCTURED]) {
    for (const m of source.matchAll(re)) {
      for (const part of m[1]!.split(',')) {
        const name = part.trim().split(/\s+as\s+|\s*:\s*/).at(-1)?.trim()
        if (name && (HTTP_METHODS as readonly string[]).includes(name)) found.add(name as HttpMethod)
      }
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m))
}

const stripExt = (p: string) => p.replace(/\.(tsx?|jsx?)$/, '')

/** API routes of module roots in all three styles (conventions §2); registry paths, without `/api`. */
export async function discoverApiRoutes(tree: Tree, modules: Array<{ id: string; root: string }>): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = []
  for (const { id, root } of modules) {
    for (const rel of await walkFiles(tree, `${root}/api`)) {
      const file = `${root}/api/${rel}`
      const parts = rel.split('/')
      const name = parts.at(-1)!
      if (/^route\.(ts|tsx|js|jsx)$/.test(name)) {
        const methods = exportedMethods((await tree.read(file)) ?? '')
        if (methods.length > 0) routes.push({ moduleId: id, kind: 'route-file', path: `/${[id, ...parts.slice(0, -1)].join('/')}`, methods, file })
        continue
      }
      if (!/\.(ts|js)$/.test(name)) continue
      const legacy = new RegExp(`^(${M.toLowerCase()})$`).exec(parts[0]!)
      if (legacy) {
        routes.push({ moduleId: id, kind: 'legacy', path: `/${[id, ...parts.slice(1, -1), stripExt(name)].join('/')}`, methods: [legacy[1]!.toUpperCase() as HttpMethod], file })
        continue
      }
      if (METHOD_DIR.test(rel)) continue
      const methods = exportedMethods((await tree.read(file)) ?? '')
      if (methods.length > 0) routes.push({ moduleId: id, kind: 'plain', path: `/${[id, ...parts.slice(0, -1), stripExt(name)].join('/')}`, methods, file })
    }
  }
  return routes
}
