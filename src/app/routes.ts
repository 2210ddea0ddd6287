/** URL patterns as Open Mercato's registry matches them (conventions §2, §3). */
import { UsageError } from '../errors'

/** Two routes collide when their patterns are equal up to parameter names: `/a/[id]` and `/a/[slug]`. */
export function routeKey(url: string): string {
  return url.toLowerCase()
    .replace(/\[\[\.\.\.[^\]]+\]\]/g, '[[...]]')
    .replace(/\[\.\.\.[^\]]+\]/g, '[...]')
    .replace(/\[[^\].]+\]/g, '[]')
}

/**
 * A path given as the whole URL (`/backend/sales/reports`, `/api/sales/stats`) would be served below
 * the module's own prefix a second time; a leading `/` alone is fine, the path is always below it.
 */
export function refuseWholeUrl(path: string, area: 'backend' | 'api', moduleId: string): void {
  if (path.split('/')[0] !== area) return
  const rest = path.split('/').slice(1).filter((s, i) => i > 0 || s !== moduleId).join('/')
  throw new UsageError(`invalid <path>: "/${path}" is a whole URL; give the path below /${area}/${moduleId}${rest ? ` (e.g. "${rest}")` : ''}`)
}

export const joinUrl = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`

/** The parameter names of a path, for typing a page's or handler's params. */
export function paramsOf(path: string): Array<{ name: string; catchAll: boolean; optional: boolean }> {
  return path.split('/').flatMap((segment) => {
    const m = /^\[(\[)?(\.\.\.)?([^\]]+)\]\]?$/.exec(segment)
    return m ? [{ name: m[3]!, catchAll: Boolean(m[2]), optional: Boolean(m[1]) }] : []
  })
}
