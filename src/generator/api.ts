export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

const M = HTTP_METHODS.join('|')
const METHOD_DECL = new RegExp(`export\\s+(?:async\\s+)?(?:function\\s*\\*?|const|let|var)\\s+(${M})\\b`, 'g')
const EXPORT_LIST = /export\s*\{([^}]*)\}/g
const DESTRUCTURED = /export\s+(?:const|let|var)\s*\{([^}]*)\}\s*=/g

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
