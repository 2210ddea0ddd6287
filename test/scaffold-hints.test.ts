/**
 * A `try:` line never proposes `--force` over a file that is not an untouched scaffold of the same
 * command: what --force would replace there is someone's work (a CRUD handler, an edit, a file of
 * the user's), so the hint names the safer way instead.
 */
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { assertOneError, cli, hashTree, starterApp, tempDir } from './helpers.ts'

async function run(app: string, args: string[]): Promise<void> {
  const r = await cli([...args, '--cwd', app, '--yes', '--quiet'])
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
}

/** Runs a command that must be refused; returns its try line ('' when there is none). */
async function refusedTry(app: string, args: string[]): Promise<string> {
  const before = hashTree(app)
  const r = await cli([...args, '--cwd', app, '--yes'])
  assert.equal(r.code, 2, r.stderr)
  assertOneError(r.stderr)
  assert.equal(hashTree(app), before, 'nothing changed')
  return r.stderr.split('\n').find((l) => l.startsWith('try: ')) ?? ''
}

describe('try hints over existing files', () => {
  it('api over the CRUD route data-entity wrote names another path, not --force (the issue\'s example)', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'fleet'])
    await run(app, ['data-entity', 'fleet', 'Vehicle', '--field', 'plate:string:required', '--crud'])
    const hint = await refusedTry(app, ['api', 'fleet', 'vehicles'])
    assert.doesNotMatch(hint, /--force/)
    assert.match(hint, /^try: pick another name: src\/modules\/fleet\/api\/vehicles\/route\.ts is what data-entity wrote, and overwriting it would replace that \(undo reverses that data-entity\)$/)
  })

  it('a page over a page edited by hand says edit it by hand, not --force', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing'])
    await run(app, ['page', 'billing', 'reports'])
    const file = join(app, 'src/modules/billing/backend/billing/reports/page.meta.ts')
    writeFileSync(file, '// my own metadata\nexport const metadata = { pageTitle: \'Mine\' }\n')
    const hint = await refusedTry(app, ['page', 'billing', 'reports', '--title', 'Quarterly'])
    assert.doesNotMatch(hint, /--force/)
    assert.match(hint, /^try: pick another name, or edit src\/modules\/billing\/backend\/billing\/reports\/page\.meta\.ts by hand: it was changed after page wrote it$/)
  })

  it('a page over a file the tool never wrote says edit it by hand, not --force', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing'])
    const dir = join(app, 'src/modules/billing/backend/billing/stats')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'page.tsx'), 'export default function Stats() { return null }\n')
    const hint = await refusedTry(app, ['page', 'billing', 'stats'])
    assert.doesNotMatch(hint, /--force/)
    assert.match(hint, /^try: pick another name, or edit src\/modules\/billing\/backend\/billing\/stats\/page\.tsx by hand: create-mercato-module did not write it$/)
  })

  it('a page over its own untouched scaffold still offers --force', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing'])
    await run(app, ['page', 'billing', 'reports'])
    const hint = await refusedTry(app, ['page', 'billing', 'reports', '--title', 'Quarterly'])
    assert.match(hint, /^try: --force to overwrite them \(page wrote them and they are unchanged since\), or pick another name$/)
  })

  it('api adding a method to an edited route says add it by hand, with no --force', async (t) => {
    const app = await starterApp(t)
    await run(app, ['module', 'billing'])
    await run(app, ['api', 'billing', 'stats', '--methods', 'GET'])
    const file = join(app, 'src/modules/billing/api/stats/route.ts')
    writeFileSync(file, `// tuned by hand\n${(await import('node:fs')).readFileSync(file, 'utf8')}`)
    const before = hashTree(app)
    const r = await cli(['api', 'billing', 'stats', '--methods', 'POST', '--cwd', app, '--yes'])
    assert.equal(r.code, 2, r.stderr)
    assert.match(r.stderr, /^error: src\/modules\/billing\/api\/stats\/route\.ts was edited after it was scaffolded \(it serves GET\); add POST to it by hand\n$/)
    assert.equal(hashTree(app), before)
  })

  it('new-app into a folder whose files it would overwrite offers no --force', async (t) => {
    const parent = tempDir(t)
    const dir = join(parent, 'shop')
    mkdirSync(dir)
    writeFileSync(join(dir, 'README.md'), '# my notes\n')
    const before = hashTree(dir)
    const r = await cli(['new-app', 'shop', '--cwd', parent, '--no-install'])
    assert.equal(r.code, 2, r.stderr)
    assertOneError(r.stderr)
    assert.doesNotMatch(r.stderr, /--force/)
    assert.match(r.stderr, /^error: .*shop already exists and holds README\.md, which the starter would overwrite; pick a new folder\n$/)
    assert.equal(hashTree(dir), before)
  })

  it('new-app into a folder with only other files still offers --force', async (t) => {
    const parent = tempDir(t)
    const dir = join(parent, 'shop')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'mine\n')
    const r = await cli(['new-app', 'shop', '--cwd', parent, '--no-install'])
    assert.equal(r.code, 2, r.stderr)
    assert.match(r.stderr, /\ntry: --force to write the starter files into it \(notes\.txt stays as it is\)\n$/)
  })
})
