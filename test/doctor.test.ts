import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp, tempDir } from './helpers.ts'
import { writeFiles, writeMonorepo } from './fixtures/monorepo.ts'

it('doctor names each broken convention with its file and line, exits 1, and changes nothing', async (t) => {
  const app = await starterApp(t)
  for (const args of [['module', 'my_sales', '--locales', 'en,pl'], ['module', 'clients'], ['data-entity', 'clients', 'Customer', '--field', 'name:text']]) {
    assert.equal((await cli([...args, '--cwd', app, '--quiet'])).code, 0)
  }
  const clean = await cli(['doctor', '--cwd', app])
  assert.equal(clean.code, 0, clean.stdout)
  assert.match(clean.stdout, /doctor: 2 modules, no findings/)

  const m = join(app, 'src/modules/my_sales')
  mkdirSync(join(m, 'lib'), { recursive: true })
  writeFileSync(join(m, 'lib/orders.ts'), "import { z } from 'zod'\nimport { Customer } from '../../clients/data/entities'\nimport type { X } from '@/modules/clients/di'\n\nexport const schema = z.object({})\nexport type C = Customer | X\n")
  mkdirSync(join(m, 'backend/my_sales/bare'), { recursive: true })
  writeFileSync(join(m, 'backend/my_sales/bare/page.tsx'), "export default function Bare() { return translate('my_sales.bare.title') }\ndeclare function translate(k: string): string\n")
  writeFileSync(join(m, 'i18n/pl.json'), '{}\n')
  writeFileSync(join(m, 'index.ts'), "export const metadata = { name: 'my_sales', requires: ['billing'] }\n")
  const before = hashTree(app)

  const r = await cli(['doctor', '--cwd', app])
  assert.equal(r.code, 1)
  const lines = r.stdout.trim().split('\n')
  assert.ok(lines.some((l) => /^src\/modules\/my_sales\/lib\/orders\.ts:2: \[isolation\] imports \.\.\/\.\.\/clients\/data\/entities from module clients; modules refer to each other by id/.test(l)), r.stdout)
  assert.ok(lines.some((l) => /^src\/modules\/my_sales\/lib\/orders\.ts:3: \[isolation\] imports @\/modules\/clients\/di from module clients/.test(l)), r.stdout)
  assert.ok(lines.some((l) => /^src\/modules\/my_sales\/backend\/my_sales\/bare\/page\.tsx: \[page-metadata\] \/backend\/my_sales\/bare has no page\.meta\.ts/.test(l)), r.stdout)
  assert.ok(lines.some((l) => /^src\/modules\/my_sales\/i18n\/pl\.json: \[i18n\] locale pl lacks 2 keys: my_sales\.module\.title, my_sales\.bare\.title/.test(l)), r.stdout)
  assert.ok(lines.some((l) => /^src\/modules\/my_sales\/i18n\/en\.json: \[i18n\] locale en lacks 1 key: my_sales\.bare\.title/.test(l)), r.stdout)
  assert.ok(lines.some((l) => /\[registry\] module "my_sales" requires "billing", which is not enabled/.test(l)), r.stdout)
  assert.match(lines.at(-1)!, /^doctor: 6 findings$/)
  assert.equal(hashTree(app), before)
  assert.equal(JSON.parse((await cli(['doctor', '--json', '--cwd', app])).stdout).data.findings.length, 6)

  const preview = await cli(['doctor', '--fix', '--dry-run', '--diff', '--cwd', app])
  assert.equal(preview.code, 0, preview.stderr)
  assert.match(preview.stdout, /\+  "my_sales.module.title": "My Sales",/)
  assert.equal(hashTree(app), before)
  const fixed = await cli(['doctor', '--fix', '--cwd', app])
  assert.equal(fixed.code, 0, fixed.stderr)
  assert.match(fixed.stdout, /doctor --fix: 3 missing translation keys added/)
  assert.deepEqual(JSON.parse(read(m, 'i18n/pl.json')), { 'my_sales.module.title': 'My Sales', 'my_sales.bare.title': 'my_sales.bare.title' })
  const after = await cli(['doctor', '--cwd', app])
  assert.equal(after.code, 1)
  assert.doesNotMatch(after.stdout, /\[i18n\]/)
  assert.match(after.stdout, /doctor: 4 findings\n$/)
})

describe('doctor on an Open Mercato monorepo reports what the app can fix', () => {
  // the registry imports a route for metadata it cannot read, but its path override it must know: it is the route's key
  const unknowable = (what: string) => `import { meta } from '../../lib/meta'\nexport const metadata = { path: meta('${what}').path }\nexport async function GET() { return Response.json({}) }\n`

  it("a package module's id is the package's business; the app's own ids are checked", async (t) => {
    const repo = writeMonorepo(tempDir(t), {
      packages: { core: [{ id: 'auth' }], events: [{ id: 'events' }] },
      appModules: [{ id: 'example' }, { id: 'db' }],
    })
    const r = await cli(['doctor', '--cwd', repo.app])
    assert.doesNotMatch(r.stdout, /module id "events"/)
    assert.match(r.stdout, /^src\/modules\.ts: \[naming\] module id "db" is reserved by the mercato CLI/m)
    assert.equal(r.code, 1)
  })

  it("a key the app's src/i18n/<locale>.json or another module defines for that locale is not missing, and --fix leaves it there", async (t) => {
    const repo = writeMonorepo(tempDir(t), {
      packages: { core: [{ id: 'notifications', files: { 'i18n/en.json': '{ "notifications.dismiss": "Dismiss" }\n' } }] },
      appModules: [{ id: 'example', files: { 'backend/example/page.tsx': "export default function P() { return t('common.open', 'Open') + t('notifications.dismiss') + t('example.nowhere', 'Nowhere') }\ndeclare function t(k: string, f?: string): string\n", 'backend/example/page.meta.ts': 'export const metadata = { requireAuth: true }\n' } }],
      files: { 'apps/mercato/src/i18n/en.json': '{ "common.open": "Open" }\n' },
    })
    const r = await cli(['doctor', '--cwd', repo.app])
    assert.match(r.stdout, /^src\/modules\/example\/i18n\/en\.json: \[i18n\] locale en lacks 1 key: example\.nowhere /m)
    const before = hashTree(repo.root)
    const fix = await cli(['doctor', '--fix', '--cwd', repo.app])
    assert.equal(fix.code, 0, fix.stderr)
    assert.match(fix.stdout, /doctor --fix: 1 missing translation key added/)
    assert.notEqual(hashTree(repo.root), before)
    assert.deepEqual(Object.keys(JSON.parse(read(repo.app, 'src/modules/example/i18n/en.json'))), ['example.title', 'example.nowhere'])
  })

  it("notes on package files name those files once each and fail nothing; the app's own are findings on their file", async (t) => {
    const repo = writeMonorepo(tempDir(t), {
      packages: { core: [{ id: 'auth', files: { 'lib/meta.ts': 'export const meta = (x: string) => ({ requireAuth: x !== "" })\n', 'api/a/route.ts': unknowable('a'), 'api/b/route.ts': unknowable('b'), 'api/b/more/route.ts': "import { metadata as b } from '../route'\nexport const metadata = b\nexport async function GET() { return Response.json({}) }\n", 'frontend/login.tsx': 'export default function Login() { return null }\n' } }] },
      appModules: [{ id: 'example' }],
    })
    const clean = await cli(['doctor', '--cwd', repo.app])
    assert.equal(clean.code, 0, clean.stdout)
    assert.match(clean.stdout, /^doctor: 2 modules, no findings\nnote: 3 notes on files of packages, not yours to fix, left out \(doctor --json lists them\)\n$/)
    const { data } = JSON.parse((await cli(['doctor', '--json', '--cwd', repo.app])).stdout)
    assert.deepEqual(data.findings, [])
    assert.deepEqual(data.notes.map((n: { file: string; line?: number; check: string }) => [n.file, n.line, n.check]), [
      ['../../packages/core/src/modules/auth/api/a/route.ts', 2, 'registry'],
      ['../../packages/core/src/modules/auth/api/b/route.ts', 2, 'registry'],
      ['../../packages/core/src/modules/auth/frontend/login.tsx', undefined, 'page-metadata'],
    ])
    const listed: string[] = JSON.parse((await cli(['list', '--json', '--cwd', repo.app])).stdout).data.warnings
    assert.equal(listed.filter((w) => w.includes('api/b/route.ts:2:')).length, 1, 'two routes sharing one unknowable value: list and generate say it once too')
    const generated = await cli(['generate', '--engine', 'bundled', '--dry-run', '--cwd', repo.app])
    assert.equal(generated.code, 0, generated.stderr)
    assert.match(generated.stderr, /note: 2 notes on files of packages, not yours to fix, left out \(list shows them\)/)
    assert.doesNotMatch(generated.stdout + generated.stderr, /\.\.\/packages\//, 'generate leaves them to list')

    writeFiles(join(repo.app, 'src/modules/example'), { 'lib/meta.ts': 'export const meta = (x: string) => ({ requireAuth: x !== "" })\n', 'api/c/route.ts': unknowable('c') })
    const r = await cli(['doctor', '--cwd', repo.app])
    assert.equal(r.code, 1)
    assert.match(r.stdout, /^src\/modules\/example\/api\/c\/route\.ts:2: \[registry\] the route path override cannot be read statically/m)
    assert.doesNotMatch(r.stdout, /^src\/modules\.ts: \[registry\]/m)
  })
})
