/**
 * The bundled registry keeps what it cannot read statically: a page.meta.ts with a `visible`
 * function and a route whose metadata comes from a call (`export const { metadata, GET } =
 * makeCrudRoute(...)`) are imported by the registry, as Open Mercato's generator does, instead of
 * being inlined without the function or warned about as having no metadata.
 */
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, read, starterApp, typecheck } from './helpers.ts'

const write = (app: string, path: string, text: string) => {
  mkdirSync(dirname(join(app, path)), { recursive: true })
  writeFileSync(join(app, path), text)
}

describe('registry: metadata that does not read statically', () => {
  it('a page.meta with visible/enabled functions and a route with destructured exports from a call', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'shop', '--cwd', app, '--quiet'])).code, 0)
    write(app, 'src/modules/shop/backend/channels/page.tsx', 'export default function Channels() { return null }\n')
    write(app, 'src/modules/shop/backend/channels/page.meta.ts', [
      "import type { PageMetadata } from '@open-mercato/shared/modules/registry'",
      'export const metadata: PageMetadata = {',
      '  requireAuth: true,',
      "  pageTitle: 'Channels',",
      '  visible: (ctx) => Boolean(ctx.auth),',
      '  pageOrder: 20,',
      '}',
      '',
    ].join('\n'))
    write(app, 'src/modules/shop/api/channels/route.ts', [
      'const makeRoute = () => ({',
      "  metadata: { GET: { requireAuth: true, requireFeatures: ['shop.view'] } },",
      "  GET: async (_req: Request) => new Response('[]'),",
      '})',
      'export const { metadata, GET } = makeRoute()',
      '',
    ].join('\n'))
    const generated = await cli(['generate', '--cwd', app])
    assert.equal(generated.code, 0, generated.stderr)
    assert.doesNotMatch(generated.stderr, /has no metadata export/)
    assert.doesNotMatch(generated.stderr, /cannot be read statically/)

    const routes = read(app, '.mercato/generated/backend-routes.generated.ts')
    const channels = routes.split('\n').find((l) => l.includes("pattern: '/backend/channels'"))
    assert.ok(channels, routes)
    assert.match(channels!, /\.\.\.routeMetadata\(\(M_\w+ as any\)\.metadata\)/, 'the page.meta module is imported, its metadata resolved at run time')
    assert.match(routes, /import \* as M_\w+ from ['"][^'"]*backend\/channels\/page\.meta['"]/)
    assert.match(routes, /visible: m\?\.visible/)
    assert.match(routes, /title: m\?\.pageTitle \?\? m\?\.title/)

    const registry = read(app, '.mercato/generated/modules.generated.ts')
    assert.match(registry, /import \* as R_\w+ from ['"][^'"]*api\/channels\/route['"]/, 'the route is imported for its metadata')
    const check = await cli(['generate', '--check', '--cwd', app])
    assert.equal(check.code, 0, check.stderr)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
  })
})

describe('registry: a route file that does not parse', () => {
  it('left with conflict markers (as upgrade --allow-conflicts writes them) is said so, not warned about as having no metadata', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'shop', '--cwd', app, '--quiet'])).code, 0)
    write(app, 'src/modules/shop/api/orders/route.ts', [
      "export const metadata = { GET: { requireAuth: true, requireFeatures: ['shop.view'] } }",
      '<<<<<<< yours',
      "export async function GET() { return Response.json({ items: [], note: 'mine' }) }",
      '||||||| scaffold as written',
      'export async function GET() { return Response.json({ items: [] }) }',
      '=======',
      'export async function GET() { return Response.json({ items: [], total: 0 }) }',
      '>>>>>>> templates of 0.2.0',
      '',
    ].join('\n'))
    const generated = await cli(['generate', '--cwd', app])
    assert.doesNotMatch(generated.stderr, /has no metadata export/)
    assert.match(generated.stderr, /api\/orders\/route\.ts:2: has conflict markers; resolve them, then run generate again/)
  })
})
