import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { lstatSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, tempDir } from './helpers.ts'
import { writeMonorepo, writeStandalone } from './fixtures/monorepo.ts'

describe('the Open Mercato-shaped fixtures', () => {
  it('monorepo: hoisted symlinks into packages/, the app in apps/mercato, a stub mercato that records its runs', (t) => {
    const repo = writeMonorepo(tempDir(t))
    const core = join(repo.root, 'node_modules', '@open-mercato', 'core')
    assert.ok(lstatSync(core).isSymbolicLink())
    assert.equal(realpathSync(core), realpathSync(join(repo.root, 'packages', 'core')))
    const run = spawnSync(join(repo.root, 'node_modules', '.bin', 'mercato'), ['generate'], { cwd: repo.app, encoding: 'utf8' })
    assert.equal(run.status, 0)
    assert.match(run.stdout, /stub mercato generate: done/)
    assert.deepEqual(JSON.parse(readFileSync(repo.mercatoLog, 'utf8')), { args: ['generate'], cwd: realpathSync(repo.app) })
    assert.deepEqual(repo.expected.map((m) => m.id), ['auth', 'directory', 'customers', 'sales', 'search', 'example', 'example_customers_sync'])
  })

  it('pnpm: the package is a symlink into node_modules/.pnpm', (t) => {
    const { app } = writeStandalone(tempDir(t), { layout: 'pnpm', packages: { '@open-mercato/core': [{ id: 'auth', apis: 1 }] }, modulesTs: "export const enabledModules = [{ id: 'auth' }]\n" })
    const real = realpathSync(join(app, 'node_modules', '@open-mercato', 'core'))
    assert.match(real, /node_modules\/\.pnpm\/@open-mercato\+core@1\.0\.0\/node_modules\/@open-mercato\/core$/)
    assert.ok(readFileSync(join(real, 'dist', 'modules', 'auth', 'api', 'r0', 'route.js'), 'utf8').includes('export async function GET(req)'))
  })
})

describe('enable without --from', () => {
  it('registers a module Open Mercato ships from the package that ships it, not always from core', async (t) => {
    const { app } = writeStandalone(tempDir(t), { layout: 'npm', packages: { '@open-mercato/core': [{ id: 'auth', apis: 1 }], '@open-mercato/search': [{ id: 'search', apis: 1 }] }, modulesTs: "export const enabledModules = [{ id: 'auth', from: '@open-mercato/core' }]\n" })
    const r = await cli(['enable', 'search', '--no-generate', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(readFileSync(join(app, 'src/modules.ts'), 'utf8'), /\{ id: 'search', from: '@open-mercato\/search' \}/)
  })
})
