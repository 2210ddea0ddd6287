import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { applyAction, createNodeFileSystem, createServices, findAction, planAction, validateInput, type FileSystem } from '../dist/index.js'
import { hashTree, read, starterApp } from './helpers.ts'

/** The real file system, except that the nth file written (the journal is the first) fails. */
function failingOnWrite(n: number): FileSystem & { writes: number; failAt: number } {
  const real = createNodeFileSystem()
  const fail = (path: string) => {
    fs.writes += 1
    if (fs.writes === fs.failAt) throw new Error(`disk full while writing ${path}`)
  }
  const fs = {
    ...real,
    writes: 0,
    failAt: n,
    async writeAtomic(path: string, content: string) {
      fail(path)
      return real.writeAtomic(path, content)
    },
    async writeNew(path: string, content: string, mode?: number) {
      fail(path)
      return real.writeNew(path, content, mode)
    },
  }
  return fs
}

async function modulePlan(app: string, fs: FileSystem, id = 'visits') {
  const services = createServices({ overrides: { fs }, quiet: true })
  const spec = findAction('module')!
  const plan = await planAction(spec, validateInput(spec, { id, withPage: true }), services, { cwd: app })
  return { plan, services }
}

describe('apply is all-or-nothing', () => {
  it('restores every file when a write fails mid-apply', async (t) => {
    const app = await starterApp(t)
    const modulesBefore = read(app, 'src/modules.ts')
    const before = hashTree(app)
    for (const n of [1, 2, 5, 8, 12, 19]) {
      const fs = failingOnWrite(n)
      const { plan, services } = await modulePlan(app, fs)
      // 7 files of the module and src/modules.ts, then the registry files regenerated in the same plan
      assert.equal(plan.changes.filter((c) => !c.generated).length, 8)
      assert.ok(plan.changes.filter((c) => c.generated).length > 5)
      await assert.rejects(applyAction(plan, services), (e: Error & { exitCode?: number }) => {
        assert.match(e.message, /^apply failed: disk full while writing .*; every file was restored$/)
        assert.equal(e.exitCode, 1)
        return true
      })
      assert.equal(read(app, 'src/modules.ts'), modulesBefore, `after failing write ${n}`)
      assert.equal(existsSync(join(app, 'src/modules/visits')), false)
      assert.equal(hashTree(app), before, `tree unchanged after failing write ${n}`)
    }
  })

  it('fails when the manifest, the last write, fails, and restores the edit of src/modules.ts', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const fs = failingOnWrite(Number.POSITIVE_INFINITY)
    const { plan, services } = await modulePlan(app, fs)
    // the journal, each change, then the manifest
    fs.failAt = plan.changes.length + 2
    await assert.rejects(applyAction(plan, services), /apply failed/)
    assert.equal(hashTree(app), before)
  })

  it('records a manifest with paths, hashes and the edit for undo', async (t) => {
    const app = await starterApp(t)
    const modulesBefore = read(app, 'src/modules.ts')
    const { plan, services } = await modulePlan(app, createNodeFileSystem())
    const { manifestPath } = await applyAction(plan, services)
    assert.ok(manifestPath && manifestPath.startsWith(join(app, '.mercato', 'history')))
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    assert.equal(manifest.action, 'module')
    assert.equal(manifest.input.id, 'visits')
    const sha = (text: string) => createHash('sha256').update(text).digest('hex')
    const edit = manifest.changes.find((c: { path: string }) => c.path === 'src/modules.ts')
    assert.deepEqual(edit, { path: 'src/modules.ts', kind: 'edit', beforeHash: sha(modulesBefore), afterHash: sha(read(app, 'src/modules.ts')), before: modulesBefore, after: read(app, 'src/modules.ts') })
    for (const change of manifest.changes) assert.equal(change.afterHash, sha(read(app, change.path)), change.path)
    assert.deepEqual(readdirSync(join(app, '.mercato', 'history')).filter((f) => f.endsWith('-module.json')).length, 1)
    assert.ok(!readdirSync(join(app, 'src/modules/visits')).some((f) => f.endsWith('.tmp')), 'no temp files left')
  })
})

describe('apply after the files moved on', () => {
  it('refuses to write over a file changed between plan and apply, and keeps that change', async (t) => {
    const app = await starterApp(t)
    const { plan, services } = await modulePlan(app, createNodeFileSystem())
    const edited = `${read(app, 'src/modules.ts')}// saved in an editor while the preview was open\n`
    writeFileSync(join(app, 'src/modules.ts'), edited)
    await assert.rejects(applyAction(plan, services), /src\/modules.ts changed after the plan was made; nothing was changed; run the command again/)
    assert.equal(read(app, 'src/modules.ts'), edited)
    assert.equal(existsSync(join(app, 'src/modules/visits')), false)
  })
})
