import type { StaticValue } from '../../static'
import type { AppModel, PageModel } from '../discover'
import { file, Imports, list, literal, object, q } from './code'

const SHARED_REGISTRY = '@open-mercato/shared/modules/registry'

/**
 * Open Mercato's `resolvePageRouteMetadata`: each route field and the metadata keys it is read from,
 * first found wins. One table for both ways: applied here to metadata that reads statically, and
 * written into the manifest as a function for page.meta files that do not (a `visible` function).
 */
const ROUTE_FIELDS: Array<[string, ...string[]]> = [
  ['requireAuth'], ['requireRoles'], ['requireFeatures'], ['requireCustomerAuth'], ['requireCustomerFeatures'], ['nav'],
  ['title', 'pageTitle', 'title'], ['titleKey', 'pageTitleKey', 'titleKey'], ['group', 'pageGroup', 'group'], ['groupKey', 'pageGroupKey', 'groupKey'],
  ['icon'], ['order', 'pageOrder', 'order'], ['priority', 'pagePriority', 'priority'], ['navHidden'], ['visible'], ['enabled'],
  ['breadcrumb'], ['pageContext'], ['placement'],
]
const sourcesOf = ([field, ...keys]: [string, ...string[]]) => (keys.length > 0 ? keys : [field])

export function resolvePageMetadata(meta: Record<string, StaticValue>): Record<string, StaticValue> {
  return Object.fromEntries(ROUTE_FIELDS.map((f) => [f[0], sourcesOf(f).map((k) => meta[k]).find((v) => v !== undefined)]))
}

const RUNTIME_HELPER = 'routeMetadata'
const runtimeHelper = () =>
  `function ${RUNTIME_HELPER}(m: any): Record<string, any> {\n  return { ${ROUTE_FIELDS.map((f) => `${f[0]}: ${sourcesOf(f).map((k) => `m?.${k}`).join(' ?? ')}`).join(', ')} }\n}\n`

/** `{ moduleId, pattern, ...metadata, load }`; `load` resolves to the page component, as the app's catch-all page expects. */
function pageManifest(model: AppModel, area: 'frontend' | 'backend'): string {
  const type = area === 'frontend' ? 'FrontendRouteManifestEntry' : 'BackendRouteManifestEntry'
  const imports = new Imports()
  imports.type(type, SHARED_REGISTRY)
  const pages = model.modules.flatMap((m) => m.pages.filter((p: PageModel) => p.area === area))
  const rows = pages.map((p) => {
    const resolved = p.dynamic && p.meta
      ? `pattern: ${q(p.url)}, ...${RUNTIME_HELPER}((${imports.namespace(`M_${p.moduleId}_${p.url}`, p.meta)} as any).metadata)`
      : literal({ pattern: p.url, ...resolvePageMetadata(p.metadata) }).slice(2, -2)
    return `  { moduleId: ${q(p.moduleId)}, ${resolved}, load: async () => { const mod: any = await import(${q(p.import)}); return mod.default ?? mod } },`
  })
  const helpers = pages.some((p) => p.dynamic && p.meta) ? [runtimeHelper()] : []
  return file('registry', imports, [`export const ${area}Routes: ${type}[] = [`, ...rows, ']', '', `export default ${area}Routes`], helpers)
}

/** `{ moduleId, kind, path, methods, method?, load }`: `load` resolves to the route file's handlers. */
function apiManifest(model: AppModel): string {
  const imports = new Imports()
  imports.type('ApiRouteManifestEntry', SHARED_REGISTRY)
  const rows = model.modules.flatMap((m) => m.api).map((r) => `  ${object({
    moduleId: q(r.moduleId), kind: q(r.kind), ...(r.kind === 'legacy' ? { method: q(r.methods[0]!) } : {}),
    path: q(r.path), methods: list(r.methods), load: `async () => import(${q(r.import)})`,
  })},`)
  return file('registry', imports, ['export const apiRoutes: ApiRouteManifestEntry[] = [', ...rows, ']', '', 'export default apiRoutes'])
}

export function routeManifests(model: AppModel): Record<string, string> {
  return {
    'frontend-routes': pageManifest(model, 'frontend'),
    'backend-routes': pageManifest(model, 'backend'),
    'api-routes': apiManifest(model),
  }
}
