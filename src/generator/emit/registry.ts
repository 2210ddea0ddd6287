import type { ApiModel, AppModel, ModuleModel, PageModel, WidgetModel } from '../discover'
import { file, Imports, lazyImport, list, literal, object, objectLines, pick, PICK_HELPER, q } from './code'

const SHARED_REGISTRY = '@open-mercato/shared/modules/registry'

/**
 * The parts of Open Mercato's `Module` each registry variant carries (module-registry.ts): the eager
 * `modules`, the lazy `modules.runtime`, and the `app`, `bootstrap`, `cli` and `i18n` subsets.
 */
interface Variant {
  gen: string
  routes: boolean
  apis: 'eager' | 'lazy' | false
  cli: boolean
  widgets: boolean
  i18nOnly?: boolean
}

export const VARIANTS = {
  modules: { gen: 'registry', routes: true, apis: 'eager', cli: true, widgets: true },
  'modules.runtime': { gen: 'registry', routes: true, apis: 'lazy', cli: false, widgets: false },
  'modules.app': { gen: 'registry (app version)', routes: true, apis: false, cli: false, widgets: true },
  'modules.bootstrap': { gen: 'registry (bootstrap version)', routes: false, apis: false, cli: false, widgets: true },
  'modules.cli': { gen: 'registry (CLI version)', routes: false, apis: false, cli: true, widgets: true },
  'modules.i18n': { gen: 'registry (i18n version)', routes: false, apis: false, cli: false, widgets: false, i18nOnly: true },
} as const satisfies Record<string, Variant>

/** Open Mercato's `resolvePageRouteMetadata` fields plus the component, so pages carry navigation, icon, breadcrumb and customer guards. */
const PAGE_ROUTE_HELPER = `const pageRoute = (pattern: string, meta: any, Component: ModuleRoute['Component']): ModuleRoute => ({
  pattern, requireAuth: meta?.requireAuth, requireRoles: meta?.requireRoles, requireFeatures: meta?.requireFeatures,
  requireCustomerAuth: meta?.requireCustomerAuth, requireCustomerFeatures: meta?.requireCustomerFeatures, nav: meta?.nav,
  title: meta?.pageTitle ?? meta?.title, titleKey: meta?.pageTitleKey ?? meta?.titleKey, group: meta?.pageGroup ?? meta?.group,
  groupKey: meta?.pageGroupKey ?? meta?.groupKey, icon: meta?.icon, order: meta?.pageOrder ?? meta?.order,
  priority: meta?.pagePriority ?? meta?.priority, navHidden: meta?.navHidden, visible: meta?.visible, enabled: meta?.enabled,
  breadcrumb: meta?.breadcrumb, pageContext: meta?.pageContext, placement: meta?.placement, Component,
})
`

/** Open Mercato's `createLazyModuleSubscriber`/`createLazyModuleWorker`: the handler's file loads on first use. */
const LAZY_HANDLER_HELPER = `const lazyHandler = (load: () => Promise<any>, kind: string, id: string) => {
  let handler: Promise<(...args: any[]) => any> | null = null
  return async (payload: any, ctx: any) => {
    handler ??= load().then((mod) => {
      const fn = typeof mod === 'function' ? mod : mod?.default
      if (typeof fn !== 'function') throw new Error(\`[registry] Invalid \${kind} module "\${id}" (missing default export handler)\`)
      return fn
    })
    return (await handler)(payload, ctx)
  }
}
`

export function widgetEntry(w: WidgetModel, withId: boolean): string {
  return object({
    moduleId: q(w.moduleId), key: q(w.key), source: q(w.source),
    widgetId: withId && w.widgetId ? q(w.widgetId) : undefined,
    loader: `() => import(${q(w.import)}).then((mod: any) => mod.default ?? mod)`,
  })
}

/** An array inside a module entry, one element a line. */
const rows = (items: string[]) => (items.length ? `[\n${items.map((i) => `      ${i},\n`).join('')}    ]` : '[]')

class ModuleEntries {
  readonly imports = new Imports()
  usesPick = false
  usesPages = false
  usesLazy = false
  constructor(private readonly variant: Variant) {}

  entry(m: ModuleModel): string {
    const v = this.variant
    const ns = (part: keyof ModuleModel['files'], hint: string) => (m.files[part] ? this.imports.namespace(`${hint}_${m.id}`, m.files[part]!) : null)
    const translations = this.translations(m)
    if (v.i18nOnly) return object({ id: q(m.id), translations })
    const info = ns('index', 'I')
    const acl = ns('acl', 'ACL')
    const ce = ns('ce', 'CE')
    const setup = ns('setup', 'SETUP')
    const pickFrom = (name: string | null, keys: string[], fallback: string) => {
      if (!name) return undefined
      this.usesPick = true
      return pick(name, keys, fallback)
    }
    return objectLines({
      id: q(m.id),
      info: info ? `${info}.metadata` : undefined,
      frontendRoutes: v.routes ? this.pages(m.pages.filter((p) => p.area === 'frontend')) : undefined,
      backendRoutes: v.routes ? this.pages(m.pages.filter((p) => p.area === 'backend')) : undefined,
      // a route whose metadata does not read statically is imported for it: lazily, its guards would be lost
      apis: v.apis ? rows(m.api.map((r) => (v.apis === 'eager' || r.dynamic ? this.eagerApi(r) : this.lazyApi(r)))) : undefined,
      cli: v.cli && m.files.cli ? this.imports.default(`CLI_${m.id}`, m.files.cli) : undefined,
      translations,
      subscribers: rows(m.subscribers.map((s) => object({
        id: q(s.id), event: q(s.event), persistent: String(s.persistent), sync: s.sync ? 'true' : undefined,
        priority: s.priority === undefined ? undefined : String(s.priority), handler: this.lazy(lazyImport(s), 'subscriber', s.id),
      }))),
      workers: rows(m.workers.map((w) => object({ id: q(w.id), queue: q(w.queue), concurrency: String(w.concurrency), handler: this.lazy(lazyImport(w), 'worker', w.id) }))),
      customFieldSets: ce
        ? `(${pickFrom(ce, ['default', 'entities'], '[]')} as any[]).filter((e) => Array.isArray(e.fields) && e.fields.length).map((e) => ({ entity: e.id, fields: e.fields, source: ${q(m.id)} }))`
        : undefined,
      features: pickFrom(acl, ['default', 'features'], '[]'),
      customEntities: pickFrom(ce, ['default', 'entities'], '[]'),
      dashboardWidgets: v.widgets ? rows(m.widgets.dashboard.map((w) => widgetEntry(w, false))) : undefined,
      setup: pickFrom(setup, ['default', 'setup'], 'undefined'),
    })
  }

  /** Per locale, package dictionaries first and the app's last, so the app's keys win. */
  private translations(m: ModuleModel): string | undefined {
    const locales = Object.entries(m.i18n)
    if (locales.length === 0) return undefined
    return `{ ${locales.map(([locale, files]) => `${q(locale)}: { ${files.map((f, i) => `...${this.imports.json(`T_${m.id}_${locale}_${i}`, f)}`).join(', ')} }`).join(', ')} }`
  }

  private pages(pages: PageModel[]): string {
    if (pages.length > 0) this.usesPages = true
    return rows(pages.map((p) => {
      const meta = p.meta ? `(${this.imports.namespace(`M_${p.moduleId}_${p.url}`, p.meta)} as any).metadata` : literal(p.metadata)
      const component = `async (props: any) => { const mod: any = await import(${q(p.import)}); return createElement(mod.default ?? mod, props) }`
      return `pageRoute(${q(p.url)}, ${meta}, ${component})`
    }))
  }

  private eagerApi(r: ApiModel): string {
    const route = this.imports.namespace(`R_${r.moduleId}_${r.path}`, r)
    if (r.kind === 'legacy') {
      const method = r.methods[0]!
      return object({ method: q(method), path: q(r.path), handler: `(${route} as any).default ?? (${route} as any).${method} ?? (${route} as any).handler`, metadata: `(${route} as any).metadata` })
    }
    return object({ path: q(r.path), metadata: `(${route} as any).metadata`, handlers: `${route} as any`, docs: `(${route} as any).openApi` })
  }

  /** The route file loads on the first request; its guards are known statically. */
  private lazyApi(r: ApiModel): string {
    const load = `const mod: any = await import(${q(r.import)})`
    const metadata = `{ ${r.methods.map((m) => `${m}: ${literal(r.guards[m])}`).join(', ')} }`
    if (r.kind === 'legacy') {
      const method = r.methods[0]!
      return object({ method: q(method), path: q(r.path), handler: `async (req: Request, ctx?: any) => { ${load}; return (mod.default ?? mod.${method} ?? mod.handler)(req, ctx) }`, metadata })
    }
    const handlers = r.methods.map((m) => `${m}: async (req: Request, ctx?: any) => { ${load}; return mod.${m}(req, ctx) }`)
    return object({ path: q(r.path), metadata, handlers: `{ ${handlers.join(', ')} }` })
  }

  private lazy(load: string, kind: string, id: string): string {
    this.usesLazy = true
    return `lazyHandler(${load}, ${q(kind)}, ${q(id)})`
  }
}

/** One `Module[]` registry file: `modules`, its default export and `modulesInfo`, as Open Mercato names them. */
export function moduleRegistry(model: AppModel, variant: Variant): string {
  const entries = new ModuleEntries(variant)
  const rows = model.modules.map((m) => `  ${entries.entry(m)},`)
  const { imports } = entries
  imports.type('Module', SHARED_REGISTRY)
  const helpers: string[] = []
  if (entries.usesPages) {
    imports.type('ModuleRoute', SHARED_REGISTRY)
    imports.named('createElement', 'react')
    helpers.push(PAGE_ROUTE_HELPER)
  }
  if (entries.usesLazy) helpers.push(LAZY_HANDLER_HELPER)
  if (entries.usesPick) helpers.push(PICK_HELPER)
  return file(variant.gen, imports, [
    'export const modules: Module[] = [',
    ...rows,
    ']',
    '',
    'export default modules',
    '',
    'export const modulesInfo = modules.map((m) => ({ id: m.id, ...(m.info ?? {}) }))',
  ], helpers)
}

/** `bootstrap-modules` and `cli-modules`: the legacy names, re-exported from the split registries. */
export function legacyRegistries(): Record<string, string> {
  const reexport = (gen: string, lines: string[]) => file(gen, new Imports(), lines)
  return {
    'bootstrap-modules': reexport('registry', [
      `import type { Module } from ${q(SHARED_REGISTRY)}`,
      "import { modules } from './modules.bootstrap.generated'",
      '',
      'export const bootstrapModules: Module[] = modules',
    ]),
    'cli-modules': reexport('registry', [
      `import type { Module } from ${q(SHARED_REGISTRY)}`,
      "import { modules } from './modules.cli.generated'",
      '',
      "export const cliModules: Pick<Module, 'id' | 'cli'>[] = modules.map(({ id, cli }) => ({ id, cli }))",
    ]),
    subscribers: reexport('registry', [
      `import type { Module } from ${q(SHARED_REGISTRY)}`,
      "import { modules } from './modules.runtime.generated'",
      '',
      "export const moduleSubscribers: NonNullable<Module['subscribers']> = modules.flatMap((module) => module.subscribers ?? [])",
    ]),
  }
}

export function enabledModuleIds(model: AppModel): string {
  return file('registry (enabled-module-ids version)', new Imports(), [
    '// Every enabled module id, without importing module code: safe for client bundles.',
    `export const enabledModuleIds: readonly string[] = ${list(model.modules.map((m) => m.id))} as const`,
  ])
}
