import assert from 'node:assert/strict'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp, typecheck } from './helpers.ts'

const MODULE_FILES = ['acl.ts', 'di.ts', 'i18n/en.json', 'index.ts', 'setup.ts']

describe('new-app then module visits', () => {
  it('scaffolds, registers, generates, and the app type-checks with the real tsc', async (t) => {
    const app = await starterApp(t)
    const result = await cli(['module', 'visits', '--yes', '--cwd', app])
    assert.equal(result.code, 0, result.stderr)
    for (const file of MODULE_FILES) assert.ok(existsSync(join(app, 'src/modules/visits', file)), file)
    assert.match(read(app, 'src/modules.ts'), /\{ id: 'visits', from: '@app' \},\n\]/)
    assert.match(read(app, 'src/modules/visits/acl.ts'), /id: 'visits.view'[\s\S]*id: 'visits.manage'/)
    assert.match(read(app, 'src/modules/visits/index.ts'), /name: 'visits',\n  title: 'Visits',\n  version: '0.1.0'/)
    assert.match(read(app, '.mercato/generated/modules.generated.ts'), /from '\.\.\/\.\.\/src\/modules\/visits\/index'/)
    assert.equal(readdirSync(join(app, '.mercato/history')).filter((f) => f.endsWith('-module.json')).length, 1)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)

    const before = hashTree(app)
    const again = await cli(['module', 'visits', '--yes', '--cwd', app])
    assert.equal(again.code, 0)
    assert.match(again.stdout, /^nothing to change: module visits/)
    assert.equal(hashTree(app), before, 'the second run writes nothing')
  })

  it('takes every metadata flag, locales, requires and a backend page; the result type-checks', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'clients', '--cwd', app, '--quiet'])
    const result = await cli([
      'init', 'sales_orders', '--cwd', join(app, 'src'), '--name', 'orders', '--title', "Sales' orders", '--description', 'Orders placed by clients',
      '--version', '1.2.3', '--author', 'Ada', '--license', 'Apache-2.0', '--requires', 'clients', '--locales', 'en, pl,de', '--with-page',
    ])
    assert.equal(result.code, 0, result.stderr)
    const dir = join(app, 'src/modules/sales_orders')
    const index = read(dir, 'index.ts')
    assert.match(index, /name: 'orders',\n  title: 'Sales\\' orders'/)
    assert.match(index, /description: 'Orders placed by clients'/)
    assert.match(index, /version: '1.2.3'/)
    assert.match(index, /author: 'Ada'/)
    assert.match(index, /license: 'Apache-2.0'/)
    assert.match(index, /requires: \['clients'\]/)
    for (const locale of ['en', 'pl', 'de']) {
      assert.deepEqual(Object.keys(JSON.parse(read(dir, `i18n/${locale}.json`))), ['sales_orders.module.title', 'sales_orders.page.title'])
    }
    assert.match(read(dir, 'backend/page.meta.ts'), /requireFeatures: \['sales_orders.view'\]/)
    assert.match(read(dir, 'backend/page.tsx'), /export default async function SalesOrdersPage/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
  })

  it('index.ts declares metadata as a named export only, as Open Mercato\'s modules do', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'visits', '--cwd', app, '--quiet'])).code, 0)
    const index = read(app, 'src/modules/visits/index.ts')
    assert.match(index, /^export const metadata: ModuleInfo = \{$/m)
    assert.doesNotMatch(index, /export default/)
  })

  it('a locale added to an existing module starts with every key the other locales have; doctor is clean; undo restores it', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'visits', '--locales', 'en,de', '--cwd', app, '--quiet'])).code, 0)
    assert.equal((await cli(['page', 'visits', 'reports', '--title', 'Reports', '--group', 'Visits', '--cwd', app, '--quiet'])).code, 0)
    const dir = join(app, 'src/modules/visits/i18n')
    const en = JSON.parse(read(dir, 'en.json'))
    assert.ok(Object.keys(en).length >= 3, JSON.stringify(en))
    const before = hashTree(app)

    const added = await cli(['module', 'visits', '--locales', 'en,de,pl', '--cwd', app])
    assert.equal(added.code, 0, added.stderr)
    assert.deepEqual(JSON.parse(read(dir, 'pl.json')), en, 'pl holds every key, in English until translated')
    assert.match(added.stderr, new RegExp(`pl\\.json seeded with ${Object.keys(en).length} keys the module's other locales have, in their text: translate pl`))
    const doctor = await cli(['doctor', '--cwd', app])
    assert.equal(doctor.code, 0, doctor.stdout)
    assert.doesNotMatch(doctor.stdout, /\[i18n\]/)
    assert.match((await cli(['module', 'visits', '--locales', 'en,de,pl', '--cwd', app])).stdout, /^nothing to change: module visits/)

    assert.equal((await cli(['undo', '--yes', '--cwd', app])).code, 0)
    assert.equal(hashTree(app), before)
  })

  it('--dry-run --diff shows unified diffs of src/modules.ts and every new file, and writes nothing', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const result = await cli(['module', 'visits', '--dry-run', '--diff', '--cwd', app])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(hashTree(app), before)
    assert.match(result.stdout, /--- a\/src\/modules.ts\n\+\+\+ b\/src\/modules.ts\n@@ [^\n]+ @@\n[\s\S]*-export const enabledModules: ModuleEntry\[\] = \[\]\n\+export const enabledModules: ModuleEntry\[\] = \[\n\+  \{ id: 'visits', from: '@app' \},\n\+\]/)
    for (const file of MODULE_FILES) assert.match(result.stdout, new RegExp(`--- /dev/null\\n\\+\\+\\+ b/src/modules/visits/${file}\\n@@ -0,0 \\+1,\\d+ @@`))
    assert.match(result.stdout, /dry run: nothing was written/)
  })

  it('--json prints the plan and the result as one JSON document', async (t) => {
    const app = await starterApp(t)
    const dry = await cli(['module', 'visits', '--dry-run', '--json', '--cwd', app])
    const plan = JSON.parse(dry.stdout)
    assert.equal(plan.ok, true)
    assert.equal(plan.command, 'module')
    assert.equal(plan.exitCode, 0)
    assert.equal(plan.dryRun, true)
    assert.equal(plan.result, null)
    type Change = { path: string; kind: string; generated?: boolean }
    assert.deepEqual(plan.plan.changes.filter((c: Change) => !c.generated).map((c: Change) => `${c.kind} ${c.path}`), [
      'edit src/modules.ts',
      ...MODULE_FILES.map((f) => `create src/modules/visits/${f}`),
    ])
    // the registry is regenerated inside the plan, so it is previewed and applied with it
    assert.ok(plan.plan.changes.some((c: Change) => c.generated && c.path === '.mercato/generated/modules.generated.ts'))
    assert.deepEqual(plan.plan.followUps, [])
    const applied = JSON.parse((await cli(['module', 'visits', '--json', '--no-generate', '--cwd', app])).stdout)
    assert.equal(applied.dryRun, false)
    assert.deepEqual(applied.result.followUps, [])
    assert.doesNotMatch(read(app, '.mercato/generated/modules.generated.ts'), /visits/, '--no-generate skips the generator')
  })

  it('--force rewrites scaffold files that were changed; without it the module folder is refused', async (t) => {
    // acl.ts is merged into rather than rewritten (other scaffolds add features to it): see merge.test.ts
    const app = await starterApp(t)
    await cli(['module', 'visits', '--cwd', app])
    writeFileSync(join(app, 'src/modules/visits/index.ts'), 'export const metadata = {}\n')
    const before = hashTree(app)
    const refused = await cli(['module', 'visits', '--cwd', app])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /src\/modules\/visits\/index.ts already exists and differs from the scaffold\ntry: pick another name, or edit src\/modules\/visits\/index\.ts by hand: it was changed after module wrote it$/m)
    assert.equal(hashTree(app), before)
    const forced = await cli(['module', 'visits', '--force', '--cwd', app])
    assert.equal(forced.code, 0, forced.stderr)
    assert.match(read(app, 'src/modules/visits/index.ts'), /name: 'visits'/)
  })

  it('enable and disable edit src/modules.ts and nothing else', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'visits', '--cwd', app])
    const before = hashTree(app)
    const notInstalled = await cli(['enable', 'auth', '--from', '@open-mercato/core', '--cwd', app])
    assert.equal(notInstalled.code, 2, notInstalled.stderr)
    assert.match(notInstalled.stderr, /module "auth" \(from @open-mercato\/core\) not found; looked in node_modules\/@open-mercato\/core, \.\.\/node_modules\/@open-mercato\/core, .*; install @open-mercato\/core first/)
    assert.equal(hashTree(app), before)
    assert.equal((await cli(['disable', 'visits', '--cwd', app])).code, 0)
    const enabled = await cli(['enable', 'visits', '--cwd', app])
    assert.equal(enabled.code, 0, enabled.stderr)
    assert.match(read(app, 'src/modules.ts'), /\{ id: 'visits', from: '@app' \},\n\]/)
    assert.match((await cli(['enable', 'visits', '--cwd', app])).stdout, /nothing to change: module "visits" is already enabled/)
    const disabled = await cli(['disable', 'visits', '--cwd', app])
    assert.equal(disabled.code, 0, disabled.stderr)
    assert.doesNotMatch(read(app, 'src/modules.ts'), /visits/)
    assert.ok(existsSync(join(app, 'src/modules/visits/index.ts')), 'disable keeps the files')
    assert.doesNotMatch(read(app, '.mercato/generated/enabled-module-ids.generated.ts'), /visits/)
    assert.match((await cli(['disable', 'visits', '--cwd', app])).stdout, /nothing to change: module "visits" is not enabled/)
  })
})
