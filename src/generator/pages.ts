const PAGE_FILE = /^page\.(ts|tsx|js|jsx)$/
const DIRECT_FILE = /^[^A-Z].*\.(tsx|jsx|js)$/
const META_FILE = /^meta\.|\.meta\./

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
