import { relative } from 'node:path'
import { FailureError } from '../errors'
import type { Tree } from '../services/tree'
import { appEnv } from '../app/env'
import { detectInstall, locateModule, type Install } from '../app/packages'
import { enabledModules, readModulesFile } from '../modules-file/read'
import { routeKey } from '../app/routes'
import { exportedMethods, HTTP_METHODS, type HttpMethod } from './api'
import { walkFiles } from './files'
import { pageUrl } from './pages'
import { moduleSource, type ModuleSource } from './source'
import { firstUnknown, isRecord, isUnknown, known, literalMetadata, StaticResolver, Unknown, type Resolved, type StaticValue } from '../static'
import { APP_MODULES, MODULES_FILE, moduleDir } from '../paths'
import { collate } from '../collate'

/** A module file as the generator sees it: where it is, and how generated code imports it. */
export interface SourceFile { file: string; import: string }

export interface PageGuards { requireAuth: boolean; requireFeatures: string[]; requireRoles: string[]; title?: string }
export interface PageModel extends SourceFile {
  moduleId: string
  area: 'frontend' | 'backend'
  url: string
  meta: SourceFile | null
  guards: PageGuards
  /** The page's metadata as far as it reads statically (navigation, icon, breadcrumb, customer guards...). */
  metadata: Record<string, StaticValue>
  /** Its page.meta holds what does not read statically (a `visible` function, a computed value): the registry imports it. */
  dynamic: boolean
}
export interface ApiModel extends SourceFile {
  moduleId: string
  kind: 'route-file' | 'legacy'
  path: string
  methods: HttpMethod[]
  /** Per method: whether auth is required and which features. */
  guards: Partial<Record<HttpMethod, { requireAuth: boolean; requireFeatures: string[] }>>
  /** Its metadata does not read statically (from makeCrudRoute, a function): the registry imports the route to get it. */
  dynamic: boolean
}
export interface SubscriberModel extends SourceFile { moduleId: string; id: string; event: string; persistent: boolean; sync: boolean; priority?: number }
export interface WorkerModel extends SourceFile { moduleId: string; id: string; queue: string; concurrency: number }
/** A `widgets/dashboard|injection/<path>/widget.tsx`: key `<module>:<path>:widget`, and its `metadata.id` when it reads statically. */
export interface WidgetModel extends SourceFile { moduleId: string; key: string; source: 'app' | 'package'; widgetId?: string }

export const CONVENTION_FILES = ['index', 'acl', 'di', 'setup', 'ce', 'events', 'cli', 'search', 'translations', 'notifications', 'widgets/injection-table'] as const
export type ConventionFile = (typeof CONVENTION_FILES)[number]

export interface ModuleModel {
  id: string
  from: string
  /** Folders this module is read from: the package's, then the app's overlay. */
  roots: string[]
  files: Partial<Record<ConventionFile, SourceFile>>
  entities: SourceFile | null
  /** Exported class names of the entities file (entity ids are `<module>:<snake_case(name)>`). */
  entityClasses: string[]
  /** Per locale, the dictionaries to merge in order (package first, then app). */
  i18n: Record<string, SourceFile[]>
  requires: string[]
  pages: PageModel[]
  api: ApiModel[]
  subscribers: SubscriberModel[]
  workers: WorkerModel[]
  widgets: { dashboard: WidgetModel[]; injection: WidgetModel[] }
}

/** An enabled module found nowhere: its source and every folder looked in (relative to the app). */
export interface MissingModule { id: string; from: string; looked: string[]; packageFound?: boolean }

/** What discovery could not read as Open Mercato would, or a conflict it let pass (lenient), with the file it is about (relative to the app). */
export interface Warning { file?: string; line?: number; message: string }
export const warningText = (w: Warning) => (w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}` : w.message)

export interface AppModel { modules: ModuleModel[]; missing: MissingModule[]; warnings: Warning[] }

const CODE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx']
const stripExt = (p: string) => p.replace(/\.(tsx?|jsx?|json)$/, '')

export interface Root { path: string; importBase: string }

/** Roots of one module: the package copy (found as Node finds packages), then the app copy. */
async function rootsOf(tree: ModuleSource, id: string, from: string, install: () => Install): Promise<{ roots: Root[]; looked: string[]; packageFound?: boolean }> {
  const app = moduleDir(id)
  const appRoot = (await tree.isDirectory(app)) ? app : null
  if (from === '@app') return { roots: appRoot ? [{ path: appRoot, importBase: `../../${appRoot}` }] : [], looked: [app] }
  const found = locateModule(install(), from, id)
  const roots: Root[] = found.path ? [{ path: relative(tree.root, found.path).split('\\').join('/'), importBase: `${from}/modules/${id}` }] : []
  if (appRoot) roots.push({ path: appRoot, importBase: `@/modules/${id}` })
  return { roots, looked: found.looked, packageFound: found.packageFound }
}

/** A scanned folder with app-over-package overlay: the app file replaces the package file of the same logical path. */
async function overlayFolder(tree: ModuleSource, roots: Root[], folder: string): Promise<Map<string, SourceFile & { rel: string }>> {
  const files = new Map<string, SourceFile & { rel: string }>()
  for (const root of roots) {
    for (const rel of await walkFiles(tree, `${root.path}/${folder}`)) {
      files.set(stripExt(rel), { rel, file: `${root.path}/${folder}/${rel}`, import: `${root.importBase}/${folder}/${stripExt(rel)}` })
    }
  }
  return files
}

/** A single convention file: the app copy wins (`resolveModuleFile`). */
async function conventionFile(tree: ModuleSource, roots: Root[], base: string): Promise<SourceFile | null> {
  for (const root of [...roots].reverse()) {
    const names = await tree.list(`${root.path}/${base.includes('/') ? base.slice(0, base.lastIndexOf('/')) : ''}`)
    const leaf = base.slice(base.lastIndexOf('/') + 1)
    const hit = CODE_EXTENSIONS.map((ext) => leaf + ext).find((n) => names.includes(n))
    if (hit) return { file: `${root.path}/${base}${hit.slice(leaf.length)}`, import: `${root.importBase}/${base}` }
  }
  return null
}

/** Entities: the first match wins, app data/ before package data/, then db/ (conventions §5). */
async function entitiesFile(tree: ModuleSource, roots: Root[]): Promise<SourceFile | null> {
  const ordered = [...roots].reverse()
  for (const bases of [['data/entities', 'data/schema'], ['db/entities', 'db/schema']]) {
    for (const root of ordered) {
      for (const base of bases) {
        const hit = await conventionFile(tree, [root], base)
        if (hit) return hit
      }
    }
  }
  return null
}

/** Literal segments before `[param]`, before catch-alls; then alphabetical (registry matching order). */
function bySpecificity(a: string, b: string): number {
  const rank = (url: string) => url.split('/').map((s) => (s.startsWith('[[') ? 3 : s.startsWith('[...') ? 2 : s.startsWith('[') ? 1 : 0))
  const ra = rank(a)
  const rb = rank(b)
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!
  return collate(a, b)
}

// `export default`, `export { x as default }`, and a re-export: `export { default } from '../x/page'`.
const HAS_DEFAULT_EXPORT = /export\s+default\b|export\s*\{[^}]*\b(?:as\s+)?default\b[^}]*\}/

/** What discovery reads module files with: the files, the static resolver, and notes once per file. */
interface Reader { tree: ModuleSource; resolver: StaticResolver; warnings: Warning[]; noted: Set<string> }

const rec = (v: Resolved): Record<string, Resolved> => (isRecord(v) ? v : {})
const strs = (v: Resolved): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/**
 * `export const { metadata, GET } = makeCrudRoute(...)`: metadata is a member of a call's result, which
 * the resolver answers with the call's Unknown; read here without parsing the route (Open Mercato's
 * CRUD routes are its largest files).
 */
// a plain function name only: for `crud.route(...)` the resolver first answers what `crud` is
const FROM_CALL = /^export\s+const\s*\{(?:[^}]*,)?\s*metadata\s*(?:,[^}]*)?\}\s*=\s*([\w$]+\s*(?:<[^>(]*>)?\s*\()/m

export function metadataFromCall(file: string, source: string): Unknown | null {
  const m = FROM_CALL.exec(source)
  if (!m) return null
  const at = m.index + m[0].length - m[1]!.length
  return new Unknown(file, source.slice(0, at).split('\n').length, 'a function call')
}

/**
 * `export const metadata = routeMetadata` over `const routeMetadata = { ...plain literals... }`: the
 * form of a hundred of Open Mercato's routes (the object is also passed to makeCrudRoute). Read as the
 * literal fast path reads the object itself; anything else (no such const, a non-literal) is null.
 */
const ALIAS = /^export\s+const\s+metadata\s*(?::\s*[\w.]+\s*)?=\s*([A-Za-z_$][\w$]*)\s*;?\s*$/m

export function metadataByAlias(source: string): Resolved | null {
  const alias = ALIAS.exec(source)?.[1]
  if (!alias) return null
  const declarations = [...source.matchAll(new RegExp(`^(?:export\\s+)?(?:const|let|var)\\s+${alias.replace(/\$/g, '\\$')}\\b`, 'gm'))]
  if (declarations.length !== 1 || !/^(?:export\s+)?const\b/.test(declarations[0]![0])) return null
  const rest = source.slice(declarations[0]!.index! + declarations[0]![0].length)
  return /^\s*(?::\s*[\w.]+\s*)?=/.test(rest) ? literalMetadata(`export const metadata${rest}`) : null
}

/** A file's `metadata` export, resolved through constants and imports; undefined when it has none. */
async function metadataOf(r: Reader, file: string, text?: string | null): Promise<Resolved> {
  // read once here: the CRUD fast path and the resolver both need the text
  const source = text ?? (await r.tree.read(file))
  return (source ? metadataFromCall(file, source) ?? metadataByAlias(source) : null) ?? r.resolver.exported(file, 'metadata', source)
}

/**
 * Whether the file still holds the conflict markers `upgrade --allow-conflicts` (or git) wrote: it
 * cannot parse, so what it declares is unknown; said once, instead of as a missing export.
 */
function hasConflictMarkers(r: Reader, file: string, source: string): boolean {
  const at = /^(<{7}|>{7})( |$)/m.exec(source)
  if (!at) return false
  const line = source.slice(0, at.index).split('\n').length
  r.warnings.push({ file, line, message: 'has conflict markers; resolve them, then run generate again' })
  return true
}

/** Says once per file, with file and line, that a value discovery reads could not be known statically. */
function unknowable(r: Reader, file: string, what: string, ...values: Resolved[]): void {
  const u = values.map(firstUnknown).find(Boolean)
  // two files importing one unknowable value share its note
  const at = u ? `${u.file}:${u.line}` : ''
  if (!u || r.noted.has(file) || r.noted.has(at)) return
  r.noted.add(file).add(at)
  r.warnings.push({ file: u.file, line: u.line, message: `${what} cannot be read statically (${u.why}); Open Mercato reads it at run time, this listing cannot` })
}

/** The guards as far as they read statically; `note` says when they do not (unless the registry imports them). */
function guardsOf(r: Reader, file: string, meta: Resolved, note: boolean): PageGuards {
  const m = rec(meta)
  const title = m.pageTitle ?? m.title
  if (note) unknowable(r, file, 'page metadata', m.requireAuth, m.requireFeatures, m.requireRoles)
  return {
    requireAuth: m.requireAuth === true,
    requireFeatures: strs(m.requireFeatures),
    requireRoles: strs(m.requireRoles),
    ...(typeof title === 'string' ? { title } : {}),
  }
}

async function pagesOf(r: Reader, id: string, roots: Root[]): Promise<PageModel[]> {
  const pages: PageModel[] = []
  for (const area of ['frontend', 'backend'] as const) {
    const files = await overlayFolder(r.tree, roots, area)
    for (const [key, file] of files) {
      const url = pageUrl(id, area, file.rel)
      if (!url) continue
      const source = (await r.tree.read(file.file)) ?? ''
      if (hasConflictMarkers(r, file.file, source) || !HAS_DEFAULT_EXPORT.test(source)) continue
      const dir = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : ''
      const name = key.slice(dir.length)
      const meta = files.get(`${dir}${name}.meta`) ?? files.get(`${dir}meta`) ?? null
      const metadata = meta ? await metadataOf(r, meta.file) : await metadataOf(r, file.file, source)
      // a page.meta that does not read statically is imported by the registry, as Open Mercato does: nothing is lost
      const dynamic = meta !== null && firstUnknown(metadata) !== undefined
      const guards = guardsOf(r, meta?.file ?? file.file, metadata, !dynamic)
      pages.push({ moduleId: id, area, url, file: file.file, import: file.import, meta: meta ? { file: meta.file, import: meta.import } : null, guards, metadata: known(rec(metadata)) as Record<string, StaticValue>, dynamic })
    }
  }
  return pages.sort((a, b) => bySpecificity(a.url, b.url))
}

function apiGuards(r: Reader, file: string, metadata: Resolved, methods: HttpMethod[], note: boolean): ApiModel['guards'] {
  const m = rec(metadata)
  const guards: ApiModel['guards'] = {}
  for (const method of methods) {
    const own = rec(m[method])
    const source = Object.keys(own).length > 0 ? own : m
    if (note) unknowable(r, file, `${method} metadata`, m[method], source.requireAuth, source.requireFeatures)
    guards[method] = { requireAuth: source.requireAuth !== false, requireFeatures: strs(source.requireFeatures) }
  }
  return guards
}

const LEGACY_DIR = new RegExp(`^(${HTTP_METHODS.join('|').toLowerCase()})$`)
const METHOD_DIR_ANYWHERE = new RegExp(`(^|/)(${HTTP_METHODS.join('|').toLowerCase()})(/|$)`)

async function apiOf(r: Reader, id: string, roots: Root[]): Promise<ApiModel[]> {
  const routes: ApiModel[] = []
  for (const { rel, file, import: spec } of (await overlayFolder(r.tree, roots, 'api')).values()) {
    const parts = rel.split('/')
    const name = parts.at(-1)!
    const isRouteFile = /^route\.(ts|tsx|js|jsx)$/.test(name)
    const legacy = parts.length > 1 ? LEGACY_DIR.exec(parts[0]!) : null
    if (!/\.(ts|js)$/.test(name) && !isRouteFile) continue
    if (!isRouteFile && !legacy && METHOD_DIR_ANYWHERE.test(rel)) continue
    const source = (await r.tree.read(file)) ?? ''
    if (hasConflictMarkers(r, file, source)) continue
    const metadata = await metadataOf(r, file, source)
    const override = rec(metadata).path
    // metadata that does not read statically (makeCrudRoute's) is taken from the route module itself;
    // only a path override must be known here, since the registry is keyed by it
    const dynamic = firstUnknown(metadata) !== undefined
    unknowable(r, file, 'the route path override', override)
    const derive = (segs: string[]) => (typeof override === 'string' ? override : `/${[id, ...segs].join('/')}`)
    if (legacy && /\.(ts|js)$/.test(name)) {
      // a route.ts under api/get/... is registered in both styles, as Open Mercato's scanner does
      const method = legacy[1]!.toUpperCase() as HttpMethod
      routes.push({ moduleId: id, kind: 'legacy', path: derive([...parts.slice(1, -1), stripExt(name)]), methods: [method], guards: apiGuards(r, file, metadata, [method], !dynamic), file, import: spec, dynamic })
      if (!isRouteFile) continue
    }
    const methods = exportedMethods(source)
    if (methods.length === 0) continue
    if (metadata === undefined) r.warnings.push({ file, message: 'has no metadata export; every method requires auth' })
    const segs = isRouteFile ? parts.slice(0, -1) : [...parts.slice(0, -1), stripExt(name)]
    routes.push({ moduleId: id, kind: 'route-file', path: derive(segs), methods, guards: apiGuards(r, file, metadata, methods, !dynamic), file, import: spec, dynamic })
  }
  return routes.sort((a, b) => bySpecificity(a.path, b.path))
}

async function subscribersOf(r: Reader, id: string, roots: Root[]): Promise<SubscriberModel[]> {
  const result: SubscriberModel[] = []
  for (const [key, { file, import: spec }] of await overlayFolder(r.tree, roots, 'subscribers')) {
    if (!/\.(ts|js)$/.test(file)) continue
    const m = rec(await metadataOf(r, file))
    unknowable(r, file, 'subscriber metadata', m.event, m.id, m.persistent)
    result.push({
      moduleId: id,
      id: typeof m.id === 'string' ? m.id : `${id}:${key.split('/').join(':')}`,
      event: typeof m.event === 'string' ? m.event : '',
      persistent: m.persistent === true,
      sync: m.sync === true,
      ...(typeof m.priority === 'number' ? { priority: m.priority } : {}),
      file,
      import: spec,
    })
  }
  return result
}

async function workersOf(r: Reader, id: string, roots: Root[]): Promise<WorkerModel[]> {
  const result: WorkerModel[] = []
  for (const [key, { file, import: spec }] of await overlayFolder(r.tree, roots, 'workers')) {
    if (!/\.(ts|js)$/.test(file)) continue
    const m = rec(await metadataOf(r, file))
    unknowable(r, file, 'worker metadata', m.queue, m.id, m.concurrency)
    if (typeof m.queue !== 'string') {
      if (!isUnknown(m.queue)) r.warnings.push({ file, message: 'has no metadata.queue; skipped' })
      continue
    }
    result.push({
      moduleId: id,
      id: typeof m.id === 'string' ? m.id : `${id}:workers:${key.split('/').join(':')}`,
      queue: m.queue,
      concurrency: typeof m.concurrency === 'number' ? m.concurrency : 1,
      file,
      import: spec,
    })
  }
  return result
}

const WIDGET_FILE = /(^|\/)widget\.(t|j)sx?$/
const WIDGET_ID = /metadata\s*[:=]\s*\{[^}]*?\bid\s*:\s*['"]([^'"]+)['"]/

async function widgetsOf(tree: ModuleSource, id: string, roots: Root[], kind: 'dashboard' | 'injection'): Promise<WidgetModel[]> {
  const result: WidgetModel[] = []
  for (const [key, { file, import: spec }] of await overlayFolder(tree, roots, `widgets/${kind}`)) {
    if (!WIDGET_FILE.test(file)) continue
    const widgetId = kind === 'injection' ? WIDGET_ID.exec((await tree.read(file)) ?? '')?.[1] : undefined
    const source = file.startsWith(`${APP_MODULES}/`) ? 'app' : 'package'
    result.push({ moduleId: id, key: [id, ...key.split('/')].join(':'), source, ...(widgetId ? { widgetId } : {}), file, import: spec })
  }
  return result.sort((a, b) => collate(a.key, b.key))
}

const EXPORTED_CLASS = /export\s+(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/g
const exportedClasses = async (tree: ModuleSource, file: SourceFile | null) => (file ? [...((await tree.read(file.file)) ?? '').matchAll(EXPORTED_CLASS)].map((m) => m[1]!) : [])

async function i18nOf(tree: ModuleSource, roots: Root[]): Promise<Record<string, SourceFile[]>> {
  const byLocale: Record<string, SourceFile[]> = {}
  for (const root of roots) {
    for (const name of (await tree.list(`${root.path}/i18n`)).filter((n) => n.endsWith('.json')).sort()) {
      const locale = name.slice(0, -5)
      ;(byLocale[locale] ??= []).push({ file: `${root.path}/i18n/${name}`, import: `${root.importBase}/i18n/${name}` })
    }
  }
  return byLocale
}

export interface DiscoverOptions {
  /** App modules to read even if not enabled yet (a scaffold checks what they will serve). */
  alsoAppModules?: string[]
  /** Report problems as warnings instead of failing (scaffolds only need the model). */
  lenient?: boolean
  /** The enabled modules as the caller already located them (src/modules.ts is then not parsed again). */
  located?: LocatedModule[]
  /** Where module files are read from (default: the app tree and the disk); the generator records what it reads. */
  source?: ModuleSource
}

/**
 * A pure read of the app on disk into a model of everything its enabled modules provide,
 * following the discovery rules of conventions §1–6. Writes nothing.
 */
export async function discover(appTree: Tree, options: DiscoverOptions = {}): Promise<AppModel> {
  const tree = options.source ?? moduleSource(appTree)
  const warnings: Warning[] = []
  const missing: MissingModule[] = []
  const reader: Reader = { tree, resolver: new StaticResolver(tree), warnings, noted: new Set() }
  const fail = (message: string, file?: string) => {
    if (!options.lenient) throw new FailureError(message)
    warnings.push({ file, message })
  }
  const modules: ModuleModel[] = []
  for (const { id, from, roots, looked, packageFound } of options.located ?? (await locateEnabled(appTree, options.alsoAppModules))) {
    if (roots.length === 0) {
      missing.push({ id, from, looked, packageFound })
      continue
    }
    const files: ModuleModel['files'] = {}
    for (const base of CONVENTION_FILES) {
      const hit = await conventionFile(tree, roots, base)
      if (hit) files[base] = hit
    }
    const entities = await entitiesFile(tree, roots)
    const index = files.index ? await metadataOf(reader, files.index.file) : undefined
    modules.push({
      id,
      from,
      roots: roots.map((r) => r.path),
      files,
      entities,
      entityClasses: await exportedClasses(tree, entities),
      i18n: await i18nOf(tree, roots),
      requires: strs(rec(index).requires),
      pages: await pagesOf(reader, id, roots),
      api: await apiOf(reader, id, roots),
      subscribers: await subscribersOf(reader, id, roots),
      workers: await workersOf(reader, id, roots),
      widgets: { dashboard: await widgetsOf(tree, id, roots, 'dashboard'), injection: await widgetsOf(tree, id, roots, 'injection') },
    })
  }

  // Nothing is generated from a partial set: a registry without a module the app enables breaks at run time.
  if (missing.length > 0 && !options.lenient) throw new FailureError(missingMessage(missing))
  const ids = new Set([...modules, ...missing].map((m) => m.id))
  for (const m of modules) {
    const missing = m.requires.find((r) => !ids.has(r))
    if (missing) fail(`module "${m.id}" requires "${missing}", which is not enabled in src/modules.ts; enable it (enable ${missing}) or remove it from ${m.id}'s requires`, m.files.index?.file)
  }
  const pagesSeen = new Map<string, PageModel>()
  for (const page of modules.flatMap((m) => m.pages)) {
    const key = `${page.area}:${routeKey(page.url)}`
    const other = pagesSeen.get(key)
    if (other) fail(`${page.url} is served by both ${other.file} and ${page.file}; nest backend pages under backend/<module>/`, page.file)
    else pagesSeen.set(key, page)
  }
  const apiSeen = new Map<string, ApiModel>()
  for (const route of modules.flatMap((m) => m.api)) {
    for (const method of route.methods) {
      const key = `${method} ${routeKey(route.path)}`
      const other = apiSeen.get(key)
      if (other && other.file !== route.file) fail(`${method} /api${route.path} is handled by both ${other.file} and ${route.file}`, route.file)
      else apiSeen.set(key, route)
    }
  }
  return { modules, missing, warnings }
}

export interface LocatedModule extends MissingModule { roots: Root[] }
export interface EnabledModule { id: string; from: string }

/** The modules src/modules.ts enables, read with the app's environment as Open Mercato reads it. */
export async function readEnabled(appTree: Tree): Promise<EnabledModule[]> {
  const text = await appTree.read(MODULES_FILE)
  return text === null ? [] : enabledModules(readModulesFile(text, await appEnv(appTree)))
}

/** The enabled modules (plus `alsoApp` ones) and where each is read from, without scanning them. */
export async function locateEnabled(appTree: Tree, alsoApp: string[] = [], known?: EnabledModule[]): Promise<LocatedModule[]> {
  const tree = moduleSource(appTree)
  const enabled = [...(known ?? (await readEnabled(appTree)))]
  for (const id of alsoApp) if (!enabled.some((m) => m.id === id)) enabled.push({ id, from: '@app' })
  let install: Install | undefined
  const result: LocatedModule[] = []
  for (const { id, from } of enabled) result.push({ id, from, ...(await rootsOf(tree, id, from, () => (install ??= detectInstall(tree.root)))) })
  return result
}

/** The entity classes one module declares, read as discovery reads them (app over package); null when the module is found nowhere. */
export async function entityClassesOf(appTree: Tree, module: EnabledModule): Promise<string[] | null> {
  const { roots } = (await locateEnabled(appTree, [], [module]))[0]!
  if (roots.length === 0) return null
  const tree = moduleSource(appTree)
  return exportedClasses(tree, await entitiesFile(tree, roots))
}

/** Enabled modules found nowhere: what must be installed before any generator runs. */
export async function findMissing(appTree: Tree): Promise<MissingModule[]> {
  return (await locateEnabled(appTree)).filter((m) => m.roots.length === 0).map(({ roots: _, ...m }) => m)
}

/** One line per missing module: what, from where, where it was looked for, what to do. */
export function notFound(m: MissingModule): string {
  const where = m.looked.length > 3 ? [...m.looked.slice(0, 3), `${m.looked.length - 3} more`] : m.looked
  return `module "${m.id}" (from ${m.from}) not found; looked in ${where.join(', ')}`
}

export function missingLine(m: MissingModule): string {
  const disable = `disable it (create-mercato-module disable ${m.id})`
  const fix = m.from === '@app'
    ? `create it (create-mercato-module module ${m.id}) or ${disable}`
    : m.packageFound
      ? `${m.from} has no module "${m.id}": check the id and from in src/modules.ts, update ${m.from}, or ${disable}`
      : `install ${m.from} (npm install ${m.from}) or ${disable}`
  return `${notFound(m)}; ${fix}`
}

/**
 * What generate says when modules cannot be found: one clause per package that is not installed
 * (naming a few of its modules, where it looked and the one install command; Open Mercato's core
 * alone enables dozens), one per other module.
 */
export function missingMessage(missing: MissingModule[]): string {
  const head = missing.length === 1 ? '' : `${missing.length} enabled modules cannot be found: `
  const absent = new Map<string, MissingModule[]>()
  const clauses: string[] = []
  for (const m of missing) {
    if (m.from === '@app' || m.packageFound) clauses.push(missingLine(m))
    else absent.set(m.from, [...(absent.get(m.from) ?? []), m])
  }
  for (const [pkg, modules] of absent) {
    if (modules.length === 1) {
      clauses.push(missingLine(modules[0]!))
      continue
    }
    const ids = modules.map((m) => m.id)
    const named = ids.length > 4 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`
    const looked = modules[0]!.looked.map((l) => l.replace(new RegExp(`/${modules[0]!.id}$`), ''))
    const where = looked.length > 3 ? [...looked.slice(0, 3), `${looked.length - 3} more`] : looked
    clauses.push(`package ${pkg} is not installed, so its ${modules.length} enabled modules (${named}) cannot be found; looked in ${where.join(', ')}; install it (npm install ${pkg}) or disable them`)
  }
  return `${head}${clauses.join(' | ')}; nothing was generated`
}
