/** URL patterns as Open Mercato's registry matches them (conventions §2, §3). */

/** Two routes collide when their patterns are equal up to parameter names: `/a/[id]` and `/a/[slug]`. */
export function routeKey(url: string): string {
  return url.toLowerCase()
    .replace(/\[\[\.\.\.[^\]]+\]\]/g, '[[...]]')
    .replace(/\[\.\.\.[^\]]+\]/g, '[...]')
    .replace(/\[[^\].]+\]/g, '[]')
}

export const joinUrl = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`

/** The parameter names of a path, for typing a page's or handler's params. */
export function paramsOf(path: string): Array<{ name: string; catchAll: boolean; optional: boolean }> {
  return path.split('/').flatMap((segment) => {
    const m = /^\[(\[)?(\.\.\.)?([^\]]+)\]\]?$/.exec(segment)
    return m ? [{ name: m[3]!, catchAll: Boolean(m[2]), optional: Boolean(m[1]) }] : []
  })
}
