import type { StaticValue } from '../../source-edit/static-value'
import type { AppModel, PageModel } from '../discover'
import { file, Imports, list, literal, object, q } from './code'

const SHARED_REGISTRY = '@open-mercato/shared/modules/registry'

/** Open Mercato's `resolvePageRouteMetadata`, applied at generation time to the metadata read statically. */
export function resolvePageMetadata(meta: Record<string, StaticValue>): Record<string, StaticValue> {
  const first = (...keys: string[]) => keys.map((k) => meta[k]).find((v) => v !== undefined)
  return {
    requireAuth: meta.requireAuth,
    requireRoles: meta.requireRoles,
    requireFeatures: meta.requireFeatures,
    requireCustomerAuth: meta.requireCustomerAuth,
    requireCustomerFeatures: meta.requireCustomerFeatures,
    nav: meta.nav,
    title: first('pageTitle', 'title'),
    titleKey: first('pageTitleKey', 'titleKey'),
    group: first('pageGroup', 'group'),
    groupKey: first('pageGroupKey', 'groupKey'),
    icon: meta.icon,
    order: first('pageOrder', 'order'),
    priority: first('pagePriority', 'priority'),
    navHidden: meta.navHidden,
    breadcrumb: meta.breadcrumb,
    pageContext: meta.pageContext,
    placement: meta.placement,
  }
}

/** `{ moduleId, pattern, ...metadata, load }`; `load` resolves to the page component, as the app's catch-all page expects. */
function pageManifest(model: AppModel, area: 'frontend' | 'backend'): string {
  const type = area === 'frontend' ? 'FrontendRouteManifestEntry' : 'BackendRouteManifestEntry'
  const imports = new Imports()
  imports.type(type, SHARED_REGISTRY)
  const rows = model.modules.flatMap((m) => m.pages.filter((p: PageModel) => p.area === area)).map((p) => {
    const resolved = literal({ pattern: p.url, ...resolvePageMetadata(p.metadata) }).slice(2, -2)
    return `  { moduleId: ${q(p.moduleId)}, ${resolved}, load: async () => { const mod: any = await import(${q(p.import)}); return mod.default ?? mod } },`
  })
  return file('registry', imports, [`export const ${area}Routes: ${type}[] = [`, ...rows, ']', '', `export default ${area}Routes`])
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
