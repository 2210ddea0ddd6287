import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree, read, starterApp } from './helpers.ts'
import pkg from '../package.json' with { type: 'json' }

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const manifests = (app: string) => readdirSync(join(app, '.mercato/history')).filter((f) => f.endsWith('.json')).sort()
const latest = (app: string) => join(app, '.mercato/history', manifests(app).at(-1)!)

describe('manifests that can be re-rendered', () => {
  it('version 2 keeps the tool version, the templates rendered (with hashes) and what each file was left with', async (t) => {
    const app = await starterApp(t)
    mkdirSync(join(app, '.mercato/templates/module'), { recursive: true })
    const override = '// ours\nexport const metadata = { id: {{ts id}} }\n'
    writeFileSync(join(app, '.mercato/templates/module/index.ts.hbs'), override)
    assert.equal((await cli(['module', 'visits', '--cwd', app])).code, 0)
    const manifest = JSON.parse(readFileSync(latest(app), 'utf8'))
    assert.equal(manifest.version, 2)
    assert.equal(manifest.toolVersion, pkg.version)
    assert.equal(manifest.input.id, 'visits')
    assert.deepEqual(manifest.templates['module/index.ts.hbs'], { hash: sha(override), overridden: true })
    const acl = readFileSync(join(import.meta.dirname, '../templates/module/acl.ts.hbs'), 'utf8')
    assert.deepEqual(manifest.templates['module/acl.ts.hbs'], { hash: sha(acl), overridden: false })
    for (const change of manifest.changes) assert.equal(change.after, read(app, change.path), change.path)
    assert.ok(manifest.changes.some((c: { path: string }) => c.path === 'src/modules/visits/index.ts'))
  })

  it('a version 1 manifest (0.1.0 kept no contents after) is still read: undo reverses it', async (t) => {
    const app = await starterApp(t)
    const src = hashTree(join(app, 'src'))
    assert.equal((await cli(['module', 'visits', '--cwd', app])).code, 0)
    const path = latest(app)
    const { toolVersion: _v, templates: _t, changes, ...rest } = JSON.parse(readFileSync(path, 'utf8'))
    writeFileSync(path, JSON.stringify({ ...rest, version: 1, changes: changes.map(({ after: _a, ...c }: { after: unknown }) => c) }))
    const undo = await cli(['undo', '--cwd', app])
    assert.equal(undo.code, 0, undo.stderr)
    assert.equal(hashTree(join(app, 'src')), src)
  })

  it('a manifest whose "after" does not match its hash, or from a newer tool, is refused (exit 2), nothing changed', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'visits', '--cwd', app])).code, 0)
    const path = latest(app)
    const good = readFileSync(path, 'utf8')
    const tampered = JSON.parse(good)
    tampered.changes[0].after = 'tampered\n'
    writeFileSync(path, JSON.stringify(tampered))
    const src = hashTree(join(app, 'src'))
    const bad = await cli(['undo', '--cwd', app])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /is not a valid manifest at changes\.0: its "after" does not match its afterHash; nothing was changed/)
    writeFileSync(path, JSON.stringify({ ...JSON.parse(good), version: 3 }))
    const newer = await cli(['undo', '--cwd', app])
    assert.equal(newer.code, 2)
    assert.match(newer.stderr, /written by a newer create-mercato-module \(manifest version 3\)/)
    assert.equal(hashTree(join(app, 'src')), src)
  })
})
