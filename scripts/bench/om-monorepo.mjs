// The generator on a synthetic monorepo that follows Open Mercato's real one (figures in
// om-shape.mjs: module count, files of each kind and which modules have them, file sizes, page.meta
// forms, import styles), from apps/mercato, against the floor of a plain Node script that reads
// every file of the enabled modules once. Every file is written here from our own shapes.
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeMonorepo } from '../../test/fixtures/monorepo.ts'
import { OM_SHAPE, spread } from './om-shape.mjs'

/** Sizes around a kind's median with its mean: three files in five at the median, the rest larger. */
const sizeOf = (kind, k) => (k % 5 < 3 ? kind.median : Math.round((kind.mean - 0.6 * kind.median) / 0.4))

/** Code that pads a TypeScript file to `bytes`: small functions, as module code is (not comments, which cost a parser nothing). */
function padTs(text, bytes, tag) {
  let out = text
  for (let n = 0; out.length < bytes; n++) {
    out += `\nexport function ${tag}Helper${n}(input: Record<string, unknown>, limit = ${n + 3}): string[] {\n  const keys = Object.keys(input).filter((key) => key.length > ${n % 7})\n  return keys.slice(0, limit).map((key) => \`\${key}:\${String(input[key] ?? '')}\`)\n}\n`
  }
  return out
}

function padJson(entries, bytes, id) {
  const obj = { ...entries }
  for (let n = 0; JSON.stringify(obj, null, 2).length < bytes; n++) obj[`${id}.labels.item${n}`] = `Label ${n} of ${id}, shown in lists and forms`
  return `${JSON.stringify(obj, null, 2)}\n`
}

/** n imports in Open Mercato's mix of @open-mercato/*, relative and other packages. */
function imports(mix, n, k) {
  const total = mix.pkg + mix.rel + mix.ext
  const lines = []
  for (let i = 0; i < n; i++) {
    const r = ((i * 7 + k) % 10) / 10
    if (r < mix.pkg / total) lines.push(`import { shared${i} } from '@open-mercato/shared/lib/part${i}'`)
    else if (r < (mix.pkg + mix.rel) / total) lines.push(`import { local${i} } from '../../lib/local${i}'`)
    else lines.push(i % 2 ? `import { z as z${i} } from 'zod'` : `import type { ReactNode as Node${i} } from 'react'`)
  }
  return `${lines.join('\n')}\n`
}

let pageMetaSeen = 0
function pageMeta(id, k) {
  const g = pageMetaSeen++
  const form = g % 227
  const asConst = g % 19 < 5 ? ' as const' : ''
  const base = `  requireAuth: true,\n  requireFeatures: ['${id}.view'],\n  pageTitle: '${id} ${k}',\n  pageTitleKey: '${id}.nav.p${k}',\n  pageGroup: '${id}',\n  pageGroupKey: '${id}.nav.group',\n  pageOrder: ${100 + k},\n  breadcrumb: [{ label: '${id}', labelKey: '${id}.nav.p${k}' }],\n`
  const { plain, reactIcon, visible } = OM_SHAPE.pageMeta
  if (form < visible) return `export const metadata = {\n${base}  visible: (ctx: { features?: string[] }) => Boolean(ctx.features?.includes('${id}.p${k}')),\n}\n`
  if (form < visible + reactIcon) {
    return `import React from 'react'\n\nconst icon = React.createElement(\n  'svg',\n  { width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor' },\n  React.createElement('path', { d: 'M4 4h16v16H4z' }),\n)\n\nexport const metadata = {\n${base}  icon,\n}${asConst}\n`
  }
  if (form < 227 - plain + visible) return `import type { PageMetadata } from '@open-mercato/shared/modules/registry'\n\nexport const metadata: PageMetadata = {\n${base}}\n`
  return `export const metadata = {\n${base}}${asConst}\n`
}

const page = (id, k, bytes) => padTs(`${imports(OM_SHAPE.pageImports, 12, k)}\nexport default function Page${k}(): null {\n  return null\n}\n`, bytes, `${id}Page${k}`)

let routesSeen = 0
function route(id, k, bytes) {
  const crud = routesSeen++ % Math.round(1 / OM_SHAPE.crudShare) === 0
  const head = `${imports(OM_SHAPE.routeImports, 9 + (k % 2), k)}import { makeCrudRoute } from '@open-mercato/shared/lib/crud/factory'\n\n`
  const openApi = `\nexport const openApi = {\n  tag: '${id}',\n  summary: 'Items of ${id}',\n  methods: { GET: { summary: 'List' }, POST: { summary: 'Create' } },\n}\n`
  const body = crud
    ? `export const { metadata, GET, POST, PUT, DELETE } = makeCrudRoute({\n  metadata: {\n    GET: { requireAuth: true, requireFeatures: ['${id}.view'] },\n    POST: { requireAuth: true, requireFeatures: ['${id}.manage'] },\n  },\n  orm: { entity: '${id}:item', idField: 'id', orgField: 'organizationId', tenantField: 'tenantId' },\n})\n`
    : `export const metadata = {\n  GET: { requireAuth: true, requireFeatures: ['${id}.view'] },\n  POST: { requireAuth: true, requireFeatures: ['${id}.manage'] },\n}\n\nexport async function GET(req: Request) {\n  return Response.json({ url: req.url, items: [] })\n}\n\nexport async function POST(req: Request) {\n  return Response.json(await req.json(), { status: 201 })\n}\n`
  return padTs(head + body + openApi, bytes, `${id}Route${k}`)
}

const subscriber = (id, k, bytes) => padTs(`${imports(OM_SHAPE.routeImports, 3, k)}\nexport const metadata = { event: '${id}.item.e${k}', id: '${id}:s${k}', persistent: true }\n\nexport default async function handle(payload: unknown) {\n  void payload\n}\n`, bytes, `${id}Sub${k}`)
const worker = (id, k, bytes) => padTs(`${imports(OM_SHAPE.routeImports, 5, k)}\nexport const metadata = { queue: '${id}-q${k}', id: '${id}:w${k}', concurrency: 2 }\n\nexport default async function work(job: unknown) {\n  void job\n}\n`, bytes, `${id}Work${k}`)

/** A module's widget files: an injection table, then injection widgets (widget.ts + client) and dashboard widgets (+ config). */
function widgets(id, n, kind) {
  const files = {}
  let left = n
  if (left >= 4) {
    files['widgets/injection-table.ts'] = `export const injectionTable = {\n  'crud-form:${id}:item': ['${id}.injection.w0'],\n}\n`
    left--
  }
  for (let k = 0; left > 0; k++) {
    const dashboard = k % 3 === 2
    const dir = `widgets/${dashboard ? 'dashboard' : 'injection'}/w${k}`
    files[`${dir}/widget.ts`] = padTs(`export const metadata = { id: '${id}.${dashboard ? 'dashboard' : 'injection'}.w${k}', title: 'Widget ${k}', features: ['${id}.view'] }\n\nconst widget = { metadata }\nexport default widget\n`, kind.median, `${id}W${k}`)
    left--
    if (left > 0) { files[`${dir}/widget.client.tsx`] = padTs(`'use client'\n\nexport default function Widget${k}(): null {\n  return null\n}\n`, kind.median, `${id}Wc${k}`); left-- }
    if (dashboard && left > 0) { files[`${dir}/config.ts`] = padTs(`export const DEFAULT_SETTINGS = { pageSize: ${k + 5} }\n`, kind.median / 2, `${id}Wcfg${k}`); left-- }
  }
  return files
}

const ROOT_FILES = {
  'index.ts': (id) => `export const metadata = {\n  name: '${id}',\n  title: '${id}',\n  version: '0.1.0',\n  description: 'The ${id} module.',\n}\n`,
  'acl.ts': (id) => `export const features = [\n  { id: '${id}.view', title: 'View ${id}', module: '${id}' },\n  { id: '${id}.manage', title: 'Manage ${id}', module: '${id}' },\n]\n`,
  'setup.ts': (id) => `import type { ModuleSetupConfig } from '@open-mercato/shared/modules/setup'\n\nexport const setup: ModuleSetupConfig = {\n  defaultRoleFeatures: { admin: ['${id}.*'], employee: ['${id}.view'] },\n}\n\nexport default setup\n`,
  'di.ts': (id) => `import type { AppContainer } from '@open-mercato/shared/lib/di/container'\n\nexport function register(container: AppContainer) {\n  void container\n}\n`,
  'events.ts': (id) => `import { createModuleEvents } from '@open-mercato/shared/modules/events'\n\nconst events = [\n  { id: '${id}.item.created', label: 'Item created', entity: 'item', category: 'crud' },\n  { id: '${id}.item.updated', label: 'Item updated', entity: 'item', category: 'crud' },\n] as const\n\nexport const eventsConfig = createModuleEvents({ moduleId: '${id}', events })\nexport default eventsConfig\n`,
  'cli.ts': (id) => `const seed = { command: 'seed', async run() {} }\n\nexport default [seed]\n`,
  'notifications.ts': (id) => `export const notificationTypes = [\n  { type: '${id}.item.assigned', module: '${id}', titleKey: '${id}.notifications.assigned' },\n]\n\nexport default notificationTypes\n`,
  'encryption.ts': (id) => `export const defaultEncryptionMaps = [\n  { entityId: '${id}:item', fields: [{ field: 'notes' }] },\n]\n\nexport default defaultEncryptionMaps\n`,
  'ce.ts': (id) => `export const entities = [\n  { id: '${id}:item', label: 'Item', showInSidebar: false, fields: [] },\n]\n\nexport default entities\n`,
  'search.ts': (id) => `export const searchConfig = {\n  entities: [{ entityId: '${id}:item', enabled: true, priority: 5 }],\n}\n\nexport default searchConfig\n`,
  'translations.ts': (id) => `export const translatableFields = { '${id}:item': ['name'] }\n\nexport default translatableFields\n`,
  'notifications.client.ts': (id) => `export const notificationRenderers = {}\n\nexport default notificationRenderers\n`,
  'integration.ts': (id) => `export const integration = { id: '${id}', title: '${id}' }\n\nexport default integration\n`,
  'analytics.ts': (id) => `export const analyticsConfig = { entities: [] }\n\nexport default analyticsConfig\n`,
}

const entities = (id, bytes) => padTs(`import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy'\n\n@Entity({ tableName: '${id}_items' })\nexport class ${id.replace(/(^|_)(\w)/g, (_, __, c) => c.toUpperCase())}Item {\n  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })\n  id!: string\n\n  @Property({ type: 'text' })\n  name!: string\n}\n`, bytes, `${id}Data`)
const migration = (id, k, bytes) => {
  let sql = ''
  for (let n = 0; sql.length < bytes - 300; n++) sql += `    this.addSql(\`alter table "${id}_items" add column if not exists "c${k}_${n}" text null;\`)\n`
  return `import { Migration } from '@mikro-orm/migrations'\n\nexport class Migration2025010100${String(k).padStart(4, '0')} extends Migration {\n  override async up(): Promise<void> {\n${sql}  }\n}\n`
}

/** Every file of the n-th module, kind by kind as counted in Open Mercato (`counts[kind][n]`). */
function moduleFiles(id, n, counts) {
  const K = OM_SHAPE.kinds
  const files = {}
  for (const [name, make] of Object.entries(ROOT_FILES)) {
    if (n < OM_SHAPE.roots[name]) files[name] = padTs(make(id), n % 5 < 3 ? OM_SHAPE.rootMedian : OM_SHAPE.rootMean, `${id}${name.replace(/\W/g, '')}`)
  }
  for (let k = 0; k < counts.page[n]; k++) {
    files[`backend/${id}/p${k}/page.tsx`] = page(id, k, sizeOf(K.page, k))
    if (k < counts.pageMeta[n]) files[`backend/${id}/p${k}/page.meta.ts`] = pageMeta(id, k)
  }
  for (let k = 0; k < counts.route[n]; k++) files[`api/r${k}/route.ts`] = route(id, k, sizeOf(K.route, k))
  for (let k = 0; k < counts.apiOther[n]; k++) files[`api/r${k % Math.max(1, counts.route[n])}/schema${k}.ts`] = padTs(imports(OM_SHAPE.routeImports, 4, k), sizeOf(K.apiOther, k), `${id}Api${k}`)
  for (let k = 0; k < counts.subscriber[n]; k++) files[`subscribers/s${k}.ts`] = subscriber(id, k, sizeOf(K.subscriber, k))
  for (let k = 0; k < counts.worker[n]; k++) files[`workers/w${k}.ts`] = worker(id, k, sizeOf(K.worker, k))
  Object.assign(files, widgets(id, counts.widget[n], K.widget))
  const locales = ['en', 'pl', 'es', 'de', 'fr', 'it']
  for (let k = 0; k < counts.i18n[n]; k++) files[`i18n/${locales[k % 6]}${k >= 6 ? k : ''}.json`] = padJson({ [`${id}.title`]: id }, sizeOf(K.i18n, k), id)
  if (counts.entities[n] > 0) files['data/entities.ts'] = entities(id, sizeOf(K.entities, n))
  for (let k = 0; k < counts.migration[n]; k++) files[`migrations/Migration2025010100${String(k).padStart(4, '0')}.ts`] = migration(id, k, sizeOf(K.migration, k))
  for (let k = 0; k < counts.test[n]; k++) files[`__tests__/t${k}.test.ts`] = padTs(imports(OM_SHAPE.routeImports, 4, k), sizeOf(K.test, k), `${id}Test${k}`)
  for (let k = 0; k < counts.other[n]; k++) {
    files[k % 3 === 0 ? `components/Part${k}.tsx` : `lib/part${k}.ts`] = padTs(imports(OM_SHAPE.pageImports, 6, k), sizeOf(K.other, k), `${id}Lib${k}`)
  }
  return files
}

/** The synthetic monorepo: 49 modules in packages (36 in core, one each in 13 more), two in the app. */
export function writeOmShapedMonorepo(root) {
  const n = OM_SHAPE.modules
  const counts = Object.fromEntries(Object.entries(OM_SHAPE.kinds).map(([name, kind], i) => [name, spread(kind, n, name === 'pageMeta' ? Object.keys(OM_SHAPE.kinds).indexOf('page') * 7 : i * 7)]))
  const ids = Array.from({ length: n }, (_, i) => `mod_${String(i).padStart(2, '0')}`)
  const singles = ['content', 'onboarding', 'search', 'events', 'ai-assistant', 'scheduler', 'checkout', 'gateway-stripe', 'channel-imap', 'channel-gmail', 'sync-akeneo', 'webhooks', 'storage-s3']
  const packages = { core: [] }
  for (const dir of singles) packages[dir] = []
  ids.slice(0, n - 2).forEach((id, i) => {
    const dir = i < 36 ? 'core' : singles[i - 36]
    packages[dir].push({ id, files: moduleFiles(id, i, counts) })
  })
  const appModules = [
    { id: 'example', files: moduleFiles('example', n - 2, counts) },
    { id: 'example_customers_sync', files: moduleFiles('example_customers_sync', n - 1, counts) },
  ]
  return writeMonorepo(root, { packages, appModules })
}

function sizeOfTree(dirs) {
  let files = 0
  let bytes = 0
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else { files++; bytes += statSync(path).size }
    }
  }
  for (const dir of dirs) walk(dir)
  return { files, bytes }
}

export function benchOmMonorepo({ bin, root, work, measure, runs }) {
  const repo = writeOmShapedMonorepo(join(work, 'om-monorepo'))
  const moduleRoots = [
    ...readdirSync(join(repo.root, 'packages')).flatMap((pkg) => {
      try {
        return readdirSync(join(repo.root, 'packages', pkg, 'src', 'modules')).map((id) => join(repo.root, 'packages', pkg, 'src', 'modules', id))
      } catch {
        return []
      }
    }),
    ...readdirSync(join(repo.app, 'src', 'modules')).map((id) => join(repo.app, 'src', 'modules', id)),
  ]
  const size = sizeOfTree(moduleRoots)
  const readAll = measure('read every module file', [join(root, 'scripts', 'bench', 'read-modules.mjs'), ...moduleRoots], { runs })
  const state = join(repo.app, '.mercato')
  const args = [bin, 'generate', '--engine', 'bundled', '--quiet', '--cwd', repo.app]
  const cold = measure('cold', args, { runs, prepare: () => { rmSync(state, { recursive: true, force: true }); return work } })
  const noop = measure('no-op', args, { runs })
  const x = (a, b) => (a / b).toFixed(2)
  console.log(`\ngenerate on a monorepo shaped like Open Mercato's (${moduleRoots.length} modules, ${size.files} files, ${(size.bytes / 1e6).toFixed(1)} MB; real: ${OM_SHAPE.modules}, ${OM_SHAPE.files}, ${(OM_SHAPE.bytes / 1e6).toFixed(1)} MB), from apps/mercato, --engine bundled, ${runs} runs each (median)\n`)
  console.log('| run | ms | × read all | peak RSS MB | × read-all RSS | target |')
  console.log('|---|---:|---:|---:|---:|---|')
  console.log(`| read every file of the ${moduleRoots.length} enabled modules | ${readAll.ms.toFixed(0)} | 1.00 | ${readAll.rssMb.toFixed(0)} | 1.00 | |`)
  console.log(`| cold generate | ${cold.ms.toFixed(0)} | ${x(cold.ms, readAll.ms)} | ${cold.rssMb.toFixed(0)} | ${x(cold.rssMb, readAll.rssMb)} | ≤ 2.5× time, ≤ 2× RSS |`)
  console.log(`| no-op generate (stat-keyed cache) | ${noop.ms.toFixed(0)} | ${x(noop.ms, readAll.ms)} | ${noop.rssMb.toFixed(0)} | ${x(noop.rssMb, readAll.rssMb)} | ≤ 1.2× time, ≤ 2× RSS |`)
  console.log("| Open Mercato's own `mercato generate` on its monorepo (its figures, not measured here) | about 8,000 | | about 730 | | |")
  rmSync(repo.root, { recursive: true, force: true })
}
