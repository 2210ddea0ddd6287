import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { cli, hashTree, read, starterApp } from './helpers.ts'

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
