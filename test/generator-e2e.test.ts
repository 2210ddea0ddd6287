import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { appWithMercato, BIN, cli, hashTree, read, starterApp, tempDir } from './helpers.ts'
import { waitUntil } from './wait.ts'
import './registry-hooks.ts'

async function appWithEverything(t: import('node:test').TestContext) {
  const app = await starterApp(t)
  for (const args of [
    ['module', 'my_sales', '--with-page'],
    ['api', 'my_sales', 'stats'],
    ['api', 'my_sales', 'orders/[id]', '--methods', 'GET,PUT'],
    ['subscriber', 'my_sales', 'notify-warehouse', '--event', 'my_sales.order.created', '--persistent'],
    ['page', 'my_sales', 'reports'],
  ]) {
    const r = await cli([...args, '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
  }
  return app
}

/** Matches a URL against a registry pattern the way Open Mercato's router does. */
function match(pattern: string, url: string): Record<string, string | string[]> | null {
  const p = pattern.split('/').filter(Boolean)
  const u = url.split('/').filter(Boolean)
  const params: Record<string, string | string[]> = {}
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!
    const catchAll = /^\[\[?\.\.\.(\w+)\]\]?$/.exec(seg)
    if (catchAll) {
      params[catchAll[1]!] = u.slice(i)
      return params
    }
    const param = /^\[(\w+)\]$/.exec(seg)
    if (param) params[param[1]!] = u[i]!
    else if (seg.toLowerCase() !== u[i]?.toLowerCase()) return null
  }
  return p.length === u.length ? params : null
}

describe('the generated registry works end to end', () => {
  it('API: import the registry in Node, find the route for a URL, call GET with a real Request', async (t) => {
    const app = await appWithEverything(t)
    const { apiRoutes } = await import(pathToFileURL(join(app, '.mercato/generated/api-routes.generated.ts')).href)
    const url = 'http://localhost/api/my_sales/orders/42?expand=lines'
    const path = new URL(url).pathname.replace(/^\/api/, '')
    const route = apiRoutes.find((r: { path: string; methods: string[] }) => r.methods.includes('GET') && match(r.path, path))
    assert.equal(route.path, '/my_sales/orders/[id]')
    const handlers = await route.load()
    const response: Response = await handlers.GET(new Request(url), { params: match(route.path, path) })
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), { ok: true, method: 'GET', params: { id: '42' }, query: { expand: 'lines' } })
    assert.deepEqual(handlers.metadata.GET, { requireAuth: true, requireFeatures: ['my_sales.view'] })

    const bad = await handlers.PUT(new Request(url, { method: 'PUT', body: '{}' }), { params: { id: '42' } })
    assert.equal(bad.status, 400, 'the zod body schema rejects an empty payload')
  })

  it('subscribers: moduleSubscribers lists the subscriber under its event, and its lazy handler runs the file', async (t) => {
    const app = await appWithEverything(t)
    writeFileSync(join(app, 'src/modules/my_sales/subscribers/notify-warehouse.ts'), [
      "export const metadata = { event: 'my_sales.order.created', id: 'my_sales:notify-warehouse', persistent: true }",
      'export default async function handle(payload: { id: string }) { (globalThis as any).__notified = payload.id }',
      '',
    ].join('\n'))
    const { moduleSubscribers } = await import(pathToFileURL(join(app, '.mercato/generated/subscribers.generated.ts')).href)
    const onCreated = moduleSubscribers.filter((s: { event: string }) => s.event === 'my_sales.order.created')
    assert.deepEqual(onCreated.map(({ id, persistent }: { id: string; persistent: boolean }) => ({ id, persistent })), [{ id: 'my_sales:notify-warehouse', persistent: true }])
    await onCreated[0].handler({ id: 'o-1' }, { resolve: () => null })
    assert.equal((globalThis as { __notified?: string }).__notified, 'o-1')
  })

  it('pages: a URL leads to its component (load resolves the component itself), with the guards from page.meta.ts', async (t) => {
    const app = await appWithEverything(t)
    const { backendRoutes } = await import(pathToFileURL(join(app, '.mercato/generated/backend-routes.generated.ts')).href)
    const route = backendRoutes.find((r: { pattern: string }) => match(r.pattern, '/backend/my_sales/reports'))
    const Component = await route.load()
    assert.equal(typeof Component, 'function', 'the app renders what load() returns')
    assert.deepEqual([route.requireAuth, route.requireFeatures, route.title, route.titleKey], [true, ['my_sales.view'], 'Reports', 'my_sales.page.reports.title'])
    assert.ok(backendRoutes.some((r: { pattern: string }) => r.pattern === '/backend/my_sales'))
    const { modules, modulesInfo } = await import(pathToFileURL(join(app, '.mercato/generated/modules.bootstrap.generated.ts')).href)
    assert.equal(modules[0].info.title, 'My Sales')
    assert.equal(modulesInfo[0].title, 'My Sales')
    assert.ok(modules[0].features.some((f: { id: string }) => f.id === 'my_sales.manage'))
  })
})

describe('generate --check and --watch', () => {
  it('--check is green right after generate, red (exit 1, nothing written) after a new page', async (t) => {
    const app = await appWithEverything(t)
    const green = await cli(['generate', '--check', '--cwd', app])
    assert.equal(green.code, 0, green.stderr)
    mkdirSync(join(app, 'src/modules/my_sales/backend/my_sales/extra'), { recursive: true })
    writeFileSync(join(app, 'src/modules/my_sales/backend/my_sales/extra/page.tsx'), 'export default function Extra() { return null }\n')
    const before = hashTree(app)
    const red = await cli(['generate', '--check', '--cwd', app])
    assert.equal(red.code, 1)
    assert.match(red.stderr, /the generated registry is stale \(\.mercato\/generated\/backend-routes\.generated\.ts, .*\); run: create-mercato-module generate/)
    assert.equal(hashTree(app), before)
    assert.equal((await cli(['generate', '--cwd', app])).code, 0)
    assert.equal((await cli(['generate', '--check', '--cwd', app])).code, 0)
    const noop = await cli(['generate', '--cwd', app])
    assert.match(noop.stdout, /^nothing to change/)
  })

  it('--watch regenerates on a real change, ignores a touch, and stops on Ctrl+C', async (t) => {
    const app = await appWithEverything(t)
    const child = spawn(process.execPath, [BIN, 'generate', '--watch', '--cwd', app], { stdio: ['ignore', 'pipe', 'pipe'] })
    t.after(() => child.kill('SIGKILL'))
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { out += d })
    const waitFor = (pattern: RegExp) => waitUntil(() => pattern.test(out), String(pattern), () => out)
    await waitFor(/watching for changes/)
    const routes = join(app, '.mercato/generated/backend-routes.generated.ts')
    const meta = join(app, 'src/modules/my_sales/backend/my_sales/reports/page.meta.ts')
    utimesSync(meta, new Date(), new Date())
    writeFileSync(meta, readFileSync(meta))
    await new Promise((r) => setTimeout(r, 800))
    const writesBefore = (out.match(/wrote/g) ?? []).length
    assert.equal(writesBefore, 0, `a touch changed nothing: ${out}`)
    mkdirSync(join(app, 'src/modules/my_sales/backend/my_sales/live'), { recursive: true })
    writeFileSync(join(app, 'src/modules/my_sales/backend/my_sales/live/page.tsx'), 'export default function Live() { return null }\n')
    await waitFor(/wrote \.mercato\/generated\/backend-routes\.generated\.ts/)
    assert.match(read(routes), /\/backend\/my_sales\/live/)
    child.kill('SIGINT')
    const code = await new Promise((r) => child.on('exit', r))
    assert.equal(code, 130, 'stopped by Ctrl+C: the shell convention 128 + SIGINT')
  })
})

describe('generate engines', () => {
  it('auto runs the app\'s own mercato CLI when it is installed; --engine bundled does not', async (t) => {
    const app = appWithMercato(t)
    const auto = await cli(['generate', '--cwd', app])
    assert.equal(auto.code, 0, auto.stderr)
    assert.match(auto.stderr, /mercato generated 1 module/, 'its output streams as progress')
    assert.match(auto.stdout, /mercato generate: done/)
    assert.equal(read(app, 'mercato-called').trim(), 'generate')
    assert.equal(existsSync(join(app, '.mercato/generated')), false)
    const bundled = await cli(['generate', '--engine', 'bundled', '--cwd', app])
    assert.equal(bundled.code, 0, bundled.stderr)
    assert.ok(existsSync(join(app, '.mercato/generated/modules.generated.ts')))
  })

  it('--engine mercato without the CLI is bad input', async (t) => {
    const app = await starterApp(t)
    const r = await cli(['generate', '--engine', 'mercato', '--cwd', app])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /--engine mercato needs Open Mercato's CLI/)
  })
})

describe('list', () => {
  it('prints modules, pages (URL, guards, file), API routes (method, URL, guards) and subscribers, or JSON', async (t) => {
    const app = await appWithEverything(t)
    const r = await cli(['list', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Modules\n  id +from +pages +api +subscribers +workers\n  my_sales +@app +2 +2 +1 +0/)
    assert.match(r.stdout, /\/backend\/my_sales\/reports +auth; features: my_sales.view +src\/modules\/my_sales\/backend\/my_sales\/reports\/page.tsx/)
    assert.match(r.stdout, /PUT +\/api\/my_sales\/orders\/\[id\] +auth; features: my_sales.manage/)
    assert.match(r.stdout, /my_sales.order.created +my_sales:notify-warehouse +persistent/)
    const json = JSON.parse((await cli(['list', '--json', '--cwd', app])).stdout).data
    assert.deepEqual(json.api.map((a: { method: string; url: string }) => `${a.method} ${a.url}`), ['GET /api/my_sales/orders/[id]', 'PUT /api/my_sales/orders/[id]', 'GET /api/my_sales/stats'])
    assert.deepEqual(json.subscribers.map((s: { event: string; id: string }) => [s.event, s.id]), [['my_sales.order.created', 'my_sales:notify-warehouse']])
  })
})
