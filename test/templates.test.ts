import assert from 'node:assert/strict'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, ROOT, starterApp, typecheck } from './helpers.ts'

const stateOf = async (app: string, template: string) => {
  const r = await cli(['templates', 'list', '--json', '--cwd', app])
  const data = JSON.parse(r.stdout)
  return (data.data.templates as Array<{ template: string; state: string }>).find((t) => t.template === template)?.state
}

describe('templates eject and list', () => {
  it('ejects a kind, the app\'s edited copy is what scaffolds use, list tells edits from upgrades, undo removes the copies', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const before = hashTree(app)
    assert.equal(await stateOf(app, 'worker/worker.ts.hbs'), 'built-in')

    const r = await cli(['templates', 'eject', 'worker', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    const copy = join(app, '.mercato/templates/worker/worker.ts.hbs')
    assert.equal(readFileSync(copy, 'utf8'), read(ROOT, 'templates/worker/worker.ts.hbs'))
    assert.equal(await stateOf(app, 'worker/worker.ts.hbs'), 'ejected')
    assert.equal(await stateOf(app, 'page/page.tsx.hbs'), 'built-in')

    writeFileSync(copy, readFileSync(copy, 'utf8').replace('export const metadata = {', '// house style: every worker logs its queue\nexport const metadata = {'))
    assert.equal(await stateOf(app, 'worker/worker.ts.hbs'), 'changed')
    const again = await cli(['templates', 'eject', 'worker', '--cwd', app])
    assert.match(again.stdout, /kept 1 template you changed \(--force replaces them\)/)
    assert.equal((await cli(['worker', 'my_sales', 'sync', '--queue', 'my_sales-sync', '--cwd', app, '--quiet'])).code, 0)
    assert.match(read(app, 'src/modules/my_sales/workers/sync.ts'), /\/\/ house style: every worker logs its queue\nexport const metadata = \{\n  queue: 'my_sales-sync',/)
    assert.ok(typecheck(app).ok)
    await cli(['undo', '--yes', '--cwd', app])

    // as if the tool was upgraded after the eject: the record holds another built-in's hash
    const record = join(app, '.mercato/templates/.ejected.json')
    writeFileSync(record, readFileSync(record, 'utf8').replace(/"worker\/worker\.ts\.hbs": "[0-9a-f]+"/, `"worker/worker.ts.hbs": "${'0'.repeat(64)}"`))
    assert.equal(await stateOf(app, 'worker/worker.ts.hbs'), 'changed, upgraded')
    assert.match((await cli(['templates', 'list', '--cwd', app])).stdout, /worker\/worker\.ts\.hbs\s+changed, upgraded/)

    const undone = await cli(['undo', '--yes', '--force', '--cwd', app])
    assert.equal(undone.code, 0, undone.stderr)
    assert.equal(hashTree(app), before)
  })

  it('the fragments the tool adds to existing files come from templates too: entity properties, zod properties, ce.ts fields, acl entries, api schemas', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const override = (path: string, text: string) => {
      mkdirSync(join(app, '.mercato/templates', dirname(path)), { recursive: true })
      writeFileSync(join(app, '.mercato/templates', path), text)
    }
    override('data-entity/property.ts.hbs', '/** {{name}} */\n@{{decorator}}({{{options}}})\n{{name}}{{#if required}}!: {{{type}}}{{else}}?: {{{type}}} | null{{/if}}\n')
    override('data-entity/zod-property.ts.hbs', '{{name}}: {{{zod}}}{{#unless required}}.optional(){{/unless}}\n')
    override('entity/field.ts.hbs', '{ key: {{ts key}}, kind: {{ts kind}}, label: {{ts (names key \'title\')}} }\n')
    override('acl/feature.ts.hbs', '{ id: {{ts id}}, title: {{ts title}}, module: {{ts module}}, dependsOn: [] }\n')
    override('api/query-schema.ts.hbs', 'export const {{name}} = z.object({ page: z.string().optional() })\n')
    for (const args of [
      ['data-entity', 'my_sales', 'Order', '--field', 'total:decimal:required', '--field', 'note:text'],
      ['entity', 'my_sales', 'order_note', '--field', 'due_on:date'],
      ['page', 'my_sales', 'reports', '--require-features', 'my_sales.reports.view'],
      ['api', 'my_sales', 'stats'],
    ]) assert.equal((await cli([...args, '--cwd', app, '--quiet'])).code, 0, args.join(' '))
    const m = join(app, 'src/modules/my_sales')
    assert.match(read(m, 'data/entities.ts'), /\/\*\* total \*\/\n  @Property\(\{ type: 'decimal', precision: 10, scale: 2 \}\)\n  total!: string/)
    assert.match(read(m, 'data/validators.ts'), /note: z\.string\(\)\.optional\(\),/)
    assert.match(read(m, 'data/validators.ts'), /export const mySalesStatsQuerySchema = z\.object\(\{ page: z\.string\(\)\.optional\(\) \}\)/)
    assert.match(read(m, 'ce.ts'), /\{ key: 'due_on', kind: 'date', label: 'Due On' \}/)
    assert.match(read(m, 'acl.ts'), /\{ id: 'my_sales\.reports\.view', title: 'My sales reports view', module: 'my_sales', dependsOn: \[\] \}/)
    const tsc = typecheck(app)
    assert.ok(tsc.ok, tsc.output)
  })

  it('ejects every kind at once, and refuses an unknown kind with exit 2, nothing changed', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const bad = await cli(['templates', 'eject', 'nope', '--cwd', app])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /no templates of kind "nope"; kinds are acl, agents, api, cli, data-entity/)
    assert.equal(hashTree(app), before)
    const all = await cli(['templates', 'eject', '--cwd', app])
    assert.equal(all.code, 0, all.stderr)
    const list = JSON.parse((await cli(['templates', 'list', '--json', '--cwd', app])).stdout)
    // every built-in template outside new-app/ (which serves no app yet) is listed, and each one ejected
    const builtIn = readdirSync(join(ROOT, 'templates'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs') && !f.startsWith('new-app')).map((f) => f.split(sep).join('/')).sort()
    const templates = list.data.templates as Array<{ template: string; state: string }>
    assert.ok(builtIn.length > 20)
    assert.deepEqual(templates.map((t) => t.template).sort(), builtIn)
    assert.deepEqual(templates.filter((t) => t.state !== 'ejected'), [])
  })
})
