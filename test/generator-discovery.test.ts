import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { createNodeFileSystem, createTree, discover, warningText } from '../dist/index.js'
import { tempDir } from './helpers.ts'

/** A fixture app written from a map of files; `src/modules.ts` lists the enabled modules. */
function fixture(t: TestContext, modules: string, files: Record<string, string>): string {
  const dir = tempDir(t, 'cmm-fixture-')
  for (const [path, content] of Object.entries({ 'package.json': '{"name":"fixture"}', 'src/modules.ts': modules, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

const model = (dir: string, options = {}) => discover(createTree(dir, createNodeFileSystem()), options)
const page = 'export default function Page() { return null }\n'
const one = (id: string) => `export const enabledModules = [{ id: '${id}', from: '@app' }]\n`

describe('discovery follows the conventions, one fixture per rule', () => {
  it('API: route files, plain files, legacy per-method files, metadata.path, skipped folders', async (t) => {
    const dir = fixture(t, one('shop'), {
      'src/modules/shop/api/orders/route.ts': 'export async function GET() {}\nexport const POST = async () => {}\n',
      'src/modules/shop/api/orders/[id]/route.ts': 'const PUT = () => {}\nconst handler = () => {}\nexport { PUT, handler as DELETE }\n',
      'src/modules/shop/api/crud/route.ts': 'export const { GET, PATCH } = makeCrudRoute({})\n',
      'src/modules/shop/api/empty/route.ts': 'export const metadata = {}\n',
      'src/modules/shop/api/login.ts': 'export async function POST() {}\n',
      'src/modules/shop/api/openapi.ts': 'export const spec = {}\n',
      'src/modules/shop/api/get/items/list.ts': 'export default async function handler() {}\n',
      'src/modules/shop/api/reports/post/run.ts': 'export async function POST() {}\n',
      'src/modules/shop/api/get/legacy/route.ts': 'export async function GET() {}\n',
      'src/modules/shop/api/moved/route.ts': "export const metadata = { path: '/elsewhere/moved', GET: { requireAuth: false } }\nexport async function GET() {}\n",
      'src/modules/shop/api/guarded/route.ts': "export const metadata = { requireFeatures: ['shop.view'] }\nexport async function GET() {}\n",
      'src/modules/shop/api/__tests__/x/route.ts': 'export async function GET() {}\n',
      'src/modules/shop/api/orders/route.test.ts': 'export async function GET() {}\n',
    })
    const routes = (await model(dir)).modules[0]!.api.map((r) => `${r.kind} ${r.methods.join(',')} ${r.path}`)
    assert.deepEqual(routes.sort(), [
      'legacy GET /shop/items/list',
      'legacy GET /shop/legacy/route',
      'route-file GET /elsewhere/moved',
      'route-file GET /shop/get/legacy',
      'route-file GET /shop/guarded',
      'route-file GET,PATCH /shop/crud',
      'route-file GET,POST /shop/orders',
      'route-file POST /shop/login',
      'route-file PUT,DELETE /shop/orders/[id]',
    ])
    const api = (await model(dir)).modules[0]!.api
    assert.deepEqual(api.find((r) => r.path === '/elsewhere/moved')!.guards, { GET: { requireAuth: false, requireFeatures: [] } })
    assert.deepEqual(api.find((r) => r.path === '/shop/guarded')!.guards, { GET: { requireAuth: true, requireFeatures: ['shop.view'] } })
  })

  it('pages: every path rule, default export required, uppercase and meta files excluded', async (t) => {
    const dir = fixture(t, one('blog'), {
      'src/modules/blog/frontend/page.tsx': page,
      'src/modules/blog/frontend/posts/[id]/page.tsx': page,
      'src/modules/blog/frontend/docs/[...slug]/page.tsx': page,
      'src/modules/blog/frontend/login.tsx': page,
      'src/modules/blog/frontend/Widget.tsx': page,
      'src/modules/blog/frontend/helpers.tsx': 'export const x = 1\n',
      'src/modules/blog/backend/page.tsx': page,
      'src/modules/blog/backend/todos/page.tsx': page,
      'src/modules/blog/backend/reports/summary.tsx': page,
      'src/modules/blog/backend/blog/settings.tsx': page,
      'src/modules/blog/backend/page.meta.ts': 'export const metadata = { requireAuth: true }\n',
      'src/modules/blog/backend/meta.ts': 'export const metadata = {}\n',
      'src/modules/blog/backend/__mocks__/page.tsx': page,
    })
    const pages = (await model(dir)).modules[0]!.pages.map((p) => `${p.area} ${p.url} ${p.file.replace('src/modules/blog/', '')}`)
    assert.deepEqual(pages.sort(), [
      'backend /backend/blog backend/page.tsx',
      'backend /backend/blog/reports/summary backend/reports/summary.tsx',
      'backend /backend/blog/settings backend/blog/settings.tsx',
      'backend /backend/todos backend/todos/page.tsx',
      'frontend / frontend/page.tsx',
      'frontend /docs/[...slug] frontend/docs/[...slug]/page.tsx',
      'frontend /login frontend/login.tsx',
      'frontend /posts/[id] frontend/posts/[id]/page.tsx',
    ])
  })

  it('page metadata precedence: page.meta.*, then meta.*, then inline; <name>.meta.* for direct files', async (t) => {
    const inline = (title: string) => `export const metadata = { pageTitle: '${title}' }\nexport default function P() { return null }\n`
    const meta = (title: string) => `export const metadata = { pageTitle: '${title}', requireAuth: true, requireFeatures: ['m.view'] }\n`
    const dir = fixture(t, one('m'), {
      'src/modules/m/backend/a/page.tsx': inline('inline a'),
      'src/modules/m/backend/a/page.meta.ts': meta('page.meta a'),
      'src/modules/m/backend/a/meta.ts': meta('meta a'),
      'src/modules/m/backend/b/page.tsx': inline('inline b'),
      'src/modules/m/backend/b/meta.ts': meta('meta b'),
      'src/modules/m/backend/c/page.tsx': inline('inline c'),
      'src/modules/m/backend/d/report.tsx': inline('inline d'),
      'src/modules/m/backend/d/report.meta.ts': meta('report.meta d'),
    })
    const titles = Object.fromEntries((await model(dir)).modules[0]!.pages.map((p) => [p.url, p.guards.title]))
    assert.deepEqual(titles, { '/backend/a': 'page.meta a', '/backend/b': 'meta b', '/backend/c': 'inline c', '/backend/m/d/report': 'report.meta d' })
    const a = (await model(dir)).modules[0]!.pages.find((p) => p.url === '/backend/a')!
    assert.deepEqual(a.guards, { requireAuth: true, requireFeatures: ['m.view'], requireRoles: [], title: 'page.meta a' })
    assert.equal(a.meta!.file, 'src/modules/m/backend/a/page.meta.ts')
  })

  it('subscribers and workers: default ids, metadata, skipped files', async (t) => {
    const dir = fixture(t, one('mail'), {
      'src/modules/mail/subscribers/welcome.ts': "export const metadata = { event: 'auth.user.created', persistent: true }\nexport default async function h() {}\n",
      'src/modules/mail/subscribers/audit/log.ts': "export const metadata = { event: 'mail.message.sent', id: 'mail:audit', sync: true, priority: 3 }\nexport default async function h() {}\n",
      'src/modules/mail/subscribers/bare.ts': 'export default async function h() {}\n',
      'src/modules/mail/subscribers/bare.test.ts': 'test()\n',
      'src/modules/mail/workers/send.ts': "export const metadata = { queue: 'mail' }\nexport default async function w() {}\n",
      'src/modules/mail/workers/nested/fast.ts': "export const metadata = { queue: 'mail', concurrency: 4, id: 'mail:fast' }\nexport default async function w() {}\n",
      'src/modules/mail/workers/noqueue.ts': 'export default async function w() {}\n',
    })
    const m = await model(dir)
    const mail = m.modules[0]!
    assert.deepEqual(mail.subscribers.map(({ id, event, persistent, sync, priority }) => ({ id, event, persistent, sync, priority })), [
      { id: 'mail:audit', event: 'mail.message.sent', persistent: false, sync: true, priority: 3 },
      { id: 'mail:bare', event: '', persistent: false, sync: false, priority: undefined },
      { id: 'mail:welcome', event: 'auth.user.created', persistent: true, sync: false, priority: undefined },
    ])
    assert.deepEqual(mail.workers.map(({ id, queue, concurrency }) => ({ id, queue, concurrency })), [
      { id: 'mail:fast', queue: 'mail', concurrency: 4 },
      { id: 'mail:workers:send', queue: 'mail', concurrency: 1 },
    ])
    assert.ok(m.warnings.map(warningText).some((w) => w.includes('workers/noqueue.ts: has no metadata.queue')))
  })

  it('a node_modules package with app overrides: app files replace package files, i18n merges package then app', async (t) => {
    const pkg = 'node_modules/@acme/shop'
    const dir = fixture(t, "export const enabledModules = [{ id: 'catalog', from: '@acme/shop' }]\n", {
      [`${pkg}/package.json`]: '{"name":"@acme/shop"}',
      [`${pkg}/dist/modules/catalog/index.js`]: "export const metadata = { title: 'dist' }\n",
      [`${pkg}/src/modules/catalog/index.ts`]: "export const metadata = { title: 'package' }\n",
      [`${pkg}/src/modules/catalog/acl.ts`]: 'export const features = []\n',
      [`${pkg}/src/modules/catalog/api/items/route.ts`]: 'export async function GET() {}\n',
      [`${pkg}/src/modules/catalog/api/stock/route.ts`]: 'export async function GET() {}\n',
      [`${pkg}/src/modules/catalog/backend/page.tsx`]: page,
      [`${pkg}/src/modules/catalog/i18n/en.json`]: '{"a":"package"}',
      [`${pkg}/src/modules/catalog/data/entities.ts`]: 'export class Item {}\n',
      'src/modules/catalog/index.ts': "export const metadata = { title: 'app' }\n",
      'src/modules/catalog/api/items/route.ts': 'export async function GET() {}\nexport async function POST() {}\n',
      'src/modules/catalog/i18n/en.json': '{"a":"app"}',
    })
    const catalog = (await model(dir)).modules[0]!
    assert.deepEqual(catalog.roots, [`${pkg}/src/modules/catalog`, 'src/modules/catalog'])
    assert.deepEqual(catalog.files.index, { file: 'src/modules/catalog/index.ts', import: '@/modules/catalog/index' })
    assert.deepEqual(catalog.files.acl, { file: `${pkg}/src/modules/catalog/acl.ts`, import: '@acme/shop/modules/catalog/acl' })
    assert.deepEqual(catalog.api.map((r) => `${r.methods.join(',')} ${r.path} ${r.import}`), [
      'GET,POST /catalog/items @/modules/catalog/api/items/route',
      'GET /catalog/stock @acme/shop/modules/catalog/api/stock/route',
    ])
    assert.deepEqual(catalog.i18n.en!.map((f) => f.import), ['@acme/shop/modules/catalog/i18n/en.json', '@/modules/catalog/i18n/en.json'])
    assert.equal(catalog.entities!.import, '@acme/shop/modules/catalog/data/entities')
    assert.equal(catalog.pages[0]!.url, '/backend/catalog')
  })

  it('a monorepo package (packages/<dir>/src/modules) with an app override; entities: app data/ first', async (t) => {
    const dir = fixture(t, "export const enabledModules = [{ id: 'auth' }]\n", {
      'package.json': '{"name":"legacy-root-app","workspaces":["packages/*"]}',
      'packages/core/package.json': '{"name":"@open-mercato/core"}',
      'packages/core/src/modules/auth/index.ts': 'export const metadata = {}\n',
      'packages/core/src/modules/auth/data/entities.ts': 'export class User {}\n',
      'packages/core/src/modules/auth/frontend/login.tsx': page,
      'src/modules/auth/data/entities.ts': 'export class User {}\n',
      'src/modules/auth/frontend/login.tsx': page,
    })
    const auth = (await model(dir)).modules[0]!
    assert.equal(auth.from, '@open-mercato/core', 'a missing from means @open-mercato/core')
    assert.deepEqual(auth.roots, ['packages/core/src/modules/auth', 'src/modules/auth'])
    assert.equal(auth.entities!.file, 'src/modules/auth/data/entities.ts')
    assert.deepEqual(auth.pages.map((p) => `${p.url} ${p.file}`), ['/login src/modules/auth/frontend/login.tsx'])
  })

  it('fails on a missing required module, and on two modules claiming one page or API path, naming both', async (t) => {
    const two = "export const enabledModules = [{ id: 'a', from: '@app' }, { id: 'b', from: '@app' }]\n"
    const requires = fixture(t, two, { 'src/modules/a/index.ts': "export const metadata = { requires: ['billing'] }\n", 'src/modules/b/index.ts': '' })
    await assert.rejects(model(requires), (e: Error & { exitCode: number }) => e.exitCode === 1 && /module "a" requires "billing", which is not enabled/.test(e.message))
    const pages = fixture(t, two, { 'src/modules/a/backend/todos/page.tsx': page, 'src/modules/b/backend/todos/page.tsx': page })
    await assert.rejects(model(pages), /\/backend\/todos is served by both src\/modules\/a\/backend\/todos\/page.tsx and src\/modules\/b\/backend\/todos\/page.tsx/)
    const apis = fixture(t, two, {
      'src/modules/a/api/x/route.ts': "export const metadata = { path: '/shared' }\nexport async function GET() {}\n",
      'src/modules/b/api/y/route.ts': "export const metadata = { path: '/shared' }\nexport async function GET() {}\n",
    })
    await assert.rejects(model(apis), /GET \/api\/shared is handled by both src\/modules\/a\/api\/x\/route.ts and src\/modules\/b\/api\/y\/route.ts/)
    assert.ok((await model(apis, { lenient: true })).warnings.length > 0, 'scaffolds read the same model leniently')
  })
})
