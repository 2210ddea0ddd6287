import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp } from './helpers.ts'

const PAGE = 'src/modules/fleet/backend/fleet/reports/page.tsx'
const ROOT_PAGE = 'src/modules/fleet/backend/page.tsx'
const ACL = 'src/modules/fleet/acl.ts'

/** The app's override of a package template, made from the package's text by `change`. */
function override(app: string, name: string, change: (text: string) => string) {
  const path = join(app, '.mercato/templates', name)
  const text = existsSync(path) ? readFileSync(path, 'utf8') : readFileSync(join(import.meta.dirname, '../templates', name), 'utf8')
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, change(text))
}
const edit = (app: string, path: string, change: (text: string) => string) => writeFileSync(join(app, path), change(read(app, path)))

async function fleet(t: Parameters<typeof starterApp>[0]) {
  const app = await starterApp(t)
  for (const args of [['module', 'fleet', '--with-page'], ['page', 'fleet', 'reports'], ['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--crud']]) {
    const r = await cli([...args, '--cwd', app, '--quiet'])
    assert.equal(r.code, 0, r.stderr)
  }
  return app
}

async function ok(args: string[]) {
  const r = await cli(args)
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  return r
}

describe('upgrade', () => {
  it('with unchanged templates changes nothing', async (t) => {
    const app = await fleet(t)
    const before = hashTree(join(app, 'src'))
    const r = await ok(['upgrade', '--cwd', app])
    assert.match(r.stdout, /3 scaffolds re-rendered; every file is up to date with the templates/)
    assert.equal(hashTree(join(app, 'src')), before)
  })

  it('replaces an unedited file, merges an edited one keeping the edits, and undo puts both back', async (t) => {
    const app = await fleet(t)
    override(app, 'page/page.tsx.hbs', (s) => s.replace('    <section>\n', '    <section className="page">\n').replace('    </section>\n', "      <footer>{translate('fleet.footer', 'Fleet')}</footer>\n    </section>\n"))
    edit(app, PAGE, (s) => s.replace('export default', '// reports for managers\nexport default').replace('<h1>', '<h1 className="title">'))
    const edited = read(app, PAGE)
    const before = hashTree(join(app, 'src'))

    const preview = await ok(['upgrade', '--dry-run', '--diff', '--cwd', app])
    assert.match(preview.stdout, /\+      <footer>\{translate\('fleet\.footer', 'Fleet'\)\}<\/footer>/)
    assert.match(preview.stderr + preview.stdout, /page\.tsx: merged/)
    assert.equal(hashTree(join(app, 'src')), before, 'a dry run writes nothing')

    await ok(['upgrade', '--cwd', app])
    const merged = read(app, PAGE)
    assert.match(merged, /\/\/ reports for managers\nexport default/)
    assert.match(merged, /<section className="page">\n {6}<h1 className="title">/)
    assert.match(merged, /<footer>/)
    assert.match(read(app, ROOT_PAGE), /<section className="page">/)
    assert.match((await ok(['upgrade', '--cwd', app])).stdout, /every file is up to date/, 'a second upgrade has nothing to do')

    await ok(['undo', '--cwd', app])
    assert.equal(read(app, PAGE), edited)
    assert.equal(hashTree(join(app, 'src')), before)
  })

  it('overlapping changes: exit 1 naming the file, nothing written; --allow-conflicts writes git-style markers', async (t) => {
    const app = await fleet(t)
    override(app, 'page/page.tsx.hbs', (s) => s.replace('<h1>', '<h1 className="heading">'))
    edit(app, PAGE, (s) => s.replace('<h1>', '<h1 className="title">'))
    const before = hashTree(join(app, 'src'))
    const refused = await cli(['upgrade', '--cwd', app])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /overlap in src\/modules\/fleet\/backend\/fleet\/reports\/page\.tsx; nothing was changed/)
    assert.match(refused.stderr, /--allow-conflicts/)
    assert.equal(hashTree(join(app, 'src')), before)

    await ok(['upgrade', '--allow-conflicts', '--cwd', app])
    const text = read(app, PAGE)
    assert.match(text, /<<<<<<< yours\n {6}<h1 className="title">.*\n\|\|\|\|\|\|\| scaffold as written\n {6}<h1>.*\n=======\n {6}<h1 className="heading">.*\n>>>>>>> templates of /)
    assert.match(read(app, ROOT_PAGE), /<h1 className="heading">/, 'the unedited page is replaced')
  })

  it('acl.ts edited by hand: the feature the templates add now is merged in, the hand edits kept, an entry added on both sides once', async (t) => {
    const app = await fleet(t)
    const exportLine = "  { id: 'fleet.export', title: 'Export Fleet', module: 'fleet' },\n"
    override(app, 'module/acl.ts.hbs', (s) => s.replace(/(dependsOn: \['\{\{id\}\}\.view'\] \},\n)/, `$1${exportLine.replace(/fleet/g, '{{id}}').replace('Export Fleet', 'Export {{title}}')}`))
    edit(app, ACL, (s) => s.replace('export const features = [\n', "// features of the fleet module\nexport const features = [\n  { id: 'fleet.audit', title: 'Audit fleet', module: 'fleet' }, // ours\n"))
    const hand = read(app, ACL)
    await ok(['upgrade', '--cwd', app])
    const merged = read(app, ACL)
    assert.match(merged, /^\/\/ features of the fleet module\nexport const features = \[\n  \{ id: 'fleet\.audit', title: 'Audit fleet', module: 'fleet' \}, \/\/ ours\n/)
    assert.ok(merged.includes(exportLine), merged)
    assert.equal(merged.split('\n').length, hand.split('\n').length + 1)

    await ok(['undo', '--cwd', app])
    edit(app, ACL, (s) => s.replace('\n]\n', `\n${exportLine}]\n`))
    const twice = read(app, ACL)
    assert.equal(twice.split("'fleet.export'").length, 2, twice)
    assert.match(twice, /'fleet\.export'.*\n\]\n/, 'the hand-added entry is the last of the list')
    await ok(['upgrade', '--cwd', app])
    assert.equal(read(app, ACL).split("'fleet.export'").length, 2, `not added twice:\n${read(app, ACL)}`)
  })

  it('a file the scaffold wrote and the templates no longer make goes when unedited and stays when edited; a file they make now is created', async (t) => {
    const app = await fleet(t)
    const history = join(app, '.mercato/history')
    const pageManifest = join(history, readdirSync(history).find((f) => f.endsWith('-page.json'))!)
    const manifest = JSON.parse(readFileSync(pageManifest, 'utf8'))
    // as if an older version wrote two more files, and not page.meta.ts
    for (const [path, text] of [['src/modules/fleet/backend/fleet/reports/old.ts', 'export const old = 1\n'], ['src/modules/fleet/backend/fleet/reports/kept.ts', 'export const kept = 1\n']]) {
      writeFileSync(join(app, path), text)
      manifest.changes.push({ path, kind: 'create', beforeHash: null, afterHash: createHash('sha256').update(text).digest('hex'), before: null, after: text })
    }
    const meta = 'src/modules/fleet/backend/fleet/reports/page.meta.ts'
    const metaText = read(app, meta)
    manifest.changes = manifest.changes.filter((c: { path: string }) => c.path !== meta)
    writeFileSync(pageManifest, JSON.stringify(manifest))
    rmSync(join(app, meta))
    edit(app, 'src/modules/fleet/backend/fleet/reports/kept.ts', (s) => `${s}// mine\n`)

    const r = await ok(['upgrade', '--cwd', app])
    assert.ok(!existsSync(join(app, 'src/modules/fleet/backend/fleet/reports/old.ts')), 'unedited: removed')
    assert.equal(read(app, 'src/modules/fleet/backend/fleet/reports/kept.ts'), 'export const kept = 1\n// mine\n')
    assert.match(r.stderr + r.stdout, /kept\.ts: the templates no longer make it; kept because you edited it/)
    assert.equal(read(app, meta), metaText, 'the file the templates make now is created')
    assert.match(r.stderr, /reports\/page\.meta\.ts: created \(the templates make it now\)/, 'said as created, not as replaced')
  })

  it('a version 1 manifest (0.1.0): an unedited file is its own base, an edited one is based on 0.1.0\'s templates when they render what it wrote, else left and said so', async (t) => {
    const app = await fleet(t)
    const history = join(app, '.mercato/history')
    for (const file of readdirSync(history)) {
      const { toolVersion: _v, templates: _t, changes, ...rest } = JSON.parse(readFileSync(join(history, file), 'utf8'))
      writeFileSync(join(history, file), JSON.stringify({ ...rest, version: 1, changes: changes.map(({ after: _a, ...c }: { after: unknown }) => c) }))
    }
    override(app, 'page/page.tsx.hbs', (s) => s.replace('    </section>\n', "      <footer />\n    </section>\n"))
    override(app, 'data-entity/crud-route.ts.hbs', (s) => `// generated by the CRUD scaffold\n${s}`)
    edit(app, PAGE, (s) => s.replace('export default', '// mine\nexport default'))
    const route = 'src/modules/fleet/api/vehicles/route.ts'
    edit(app, route, (s) => `${s}// mine\n`)
    const routeBefore = read(app, route)

    const r = await ok(['upgrade', '--cwd', app])
    const out = r.stdout + r.stderr
    assert.match(read(app, ROOT_PAGE), /<footer \/>/, 'unedited: replaced')
    assert.match(read(app, PAGE), /\/\/ mine\nexport default[\s\S]*<footer \/>/, 'edited: merged from 0.1.0\'s page templates (unchanged since)')
    assert.match(out, /page\.tsx: merged \(base: its 0\.1\.0 output re-rendered from 0\.1\.0's templates\)/)
    assert.equal(read(app, route), routeBefore, 'the route 0.1.0 rendered differently is left as it is')
    assert.match(out, /cannot be re-rendered: src\/modules\/fleet\/api\/vehicles\/route\.ts: edited since data-entity fleet/)
  })

  it('module arguments limit it to those modules\' scaffolds', async (t) => {
    const app = await fleet(t)
    await ok(['module', 'visits', '--with-page', '--cwd', app, '--quiet'])
    override(app, 'page/page.tsx.hbs', (s) => s.replace('<section>', '<section data-upgraded>'))
    await ok(['upgrade', 'visits', '--cwd', app])
    assert.match(read(app, 'src/modules/visits/backend/page.tsx'), /data-upgraded/)
    assert.doesNotMatch(read(app, ROOT_PAGE), /data-upgraded/)
    assert.match(read(app, 'src/modules.ts'), /id: 'fleet'[\s\S]*id: 'visits'/, 'src/modules.ts keeps both, once each')
    assert.equal(read(app, 'src/modules.ts').split("id: 'visits'").length, 2)
  })
})

describe('template-history', () => {
  it("holds 0.1.0's text of every template changed since 0.1.0 (commit 1567b312e159), and nothing else", (t) => {
    const root = join(import.meta.dirname, '..')
    const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' })
    if (git('cat-file', '-e', '1567b312e159^{commit}').status !== 0) return t.skip('not a git checkout with 0.1.0 in its history')
    const kept = new Set<string>()
    for (const file of git('ls-tree', '-r', '--name-only', '1567b312e159', 'templates').stdout.trim().split('\n')) {
      const old = git('show', `1567b312e159:${file}`).stdout
      const name = file.slice('templates/'.length)
      const now = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : null
      if (now === old) continue
      kept.add(name)
      assert.equal(readFileSync(join(root, 'template-history/0.1.0', name), 'utf8'), old, name)
    }
    const listed = git('ls-files', 'template-history/0.1.0').stdout.trim().split('\n').filter(Boolean).map((f) => f.slice('template-history/0.1.0/'.length))
    assert.deepEqual(listed.sort(), [...kept].sort())
  })
})

describe('upgrading 0.1.0 scaffolds to this release', () => {
  it("a module and a CRUD entity made by 0.1.0, edited by hand in the route, the page and acl.ts, take this release's slice: the rewritten route conflicts where it was edited, the rest merges", async (t) => {
    const app = await starterApp(t)
    // the module as 0.1.0 scaffolded it, then edited by hand (this starter's own manifest goes)
    rmSync(join(app, '.mercato/history'), { recursive: true })
    cpSync(join(import.meta.dirname, 'fixtures/shop-0.1.0'), app, { recursive: true })
    const route = 'src/modules/fleet/api/vehicles/route.ts'
    const before = hashTree(join(app, 'src'))
    const refused = await cli(['upgrade', '--cwd', app])
    assert.equal(refused.code, 1, refused.stderr)
    assert.match(refused.stderr, /overlap in src\/modules\/fleet\/api\/vehicles\/route\.ts; nothing was changed/)
    assert.equal(hashTree(join(app, 'src')), before)

    const r = await ok(['upgrade', '--allow-conflicts', '--cwd', app])
    const out = r.stdout + r.stderr
    assert.match(out, /route\.ts: \d+ conflicts? marked \(base: its 0\.1\.0 output re-rendered from 0\.1\.0's templates\)/)
    const merged = read(app, route)
    assert.match(merged, /^<<<<<<< yours\n\/\/ Vehicles of the fleet: every handler is tenant-scoped\.\n/m)
    assert.match(merged, /^<<<<<<< yours\n[\s\S]*\{ error: 'No such vehicle' \}[\s\S]*^=======\n/m)
    assert.match(merged, /makeCrudRoute/, "the slice's route is on the templates' side")
    const acl = read(app, ACL)
    assert.match(acl, /\{ id: 'fleet\.export', title: 'Export fleet data', module: 'fleet' \}, \/\/ for the finance team/)
    assert.match(acl, /'fleet\.vehicle\.view'[\s\S]*'fleet\.vehicle\.manage'/)
    assert.match(read(app, ROOT_PAGE), /<h1 className="text-2xl font-semibold">/)
    assert.match(out, /entities\.ts: replaced \(unedited\)/)
    await ok(['undo', '--cwd', app])
    assert.equal(hashTree(join(app, 'src')), before)
  })

})
