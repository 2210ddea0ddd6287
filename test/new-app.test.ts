import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { Runner } from '../src/services/types.ts'
import { cli, hashTree, ROOT, spawnCli, tempDir } from './helpers.ts'

const devDependency = (app: string) => JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).devDependencies['create-mercato-module']

/** A runner that records what it was asked to run and answers with `exitCode`. */
function recordingRunner(exitCode = 0, stderr = ''): Runner & { calls: Array<{ file: string; args: string[]; cwd: string }> } {
  const calls: Array<{ file: string; args: string[]; cwd: string }> = []
  return { calls, async run(file, args, { cwd }) { calls.push({ file, args, cwd }); return { exitCode, stdout: '', stderr } } }
}

describe('new-app from anywhere', () => {
  it('takes an absolute path, a relative one with "..", and "~"; the app root is the target folder', async (t) => {
    const work = tempDir(t)
    const inner = join(work, 'a', 'b')
    mkdirSync(inner, { recursive: true })
    const absolute = await cli(['new-app', join(work, 'abs-shop'), '--no-install', '--cwd', inner])
    assert.equal(absolute.code, 0, absolute.stderr)
    assert.ok(existsSync(join(work, 'abs-shop', 'src/modules.ts')))
    assert.equal(JSON.parse(readFileSync(join(work, 'abs-shop', 'package.json'), 'utf8')).name, 'abs-shop')

    const relative = await cli(['new-app', '../../rel-shop', '--no-install', '--cwd', inner])
    assert.equal(relative.code, 0, relative.stderr)
    assert.ok(existsSync(join(work, 'rel-shop', 'src/modules.ts')))
    assert.ok(existsSync(join(work, 'rel-shop', '.mercato/history')), 'the undo manifest is kept inside the new app')

    const home = process.env.HOME
    process.env.HOME = work
    t.after(() => { process.env.HOME = home })
    const tilde = await cli(['new-app', '~/home-shop', '--no-install', '--cwd', inner])
    assert.equal(tilde.code, 0, tilde.stderr)
    assert.ok(existsSync(join(work, 'home-shop', 'src/modules.ts')))
  })

  it('run from a checkout, the app depends on the checkout itself (file:), not on an unpublished version', async (t) => {
    const work = tempDir(t)
    assert.equal((await cli(['new-app', 'shop', '--no-install', '--cwd', work])).code, 0)
    assert.equal(devDependency(join(work, 'shop')), `file:${realpathSync(ROOT)}`)
  })

  it('installs with the package manager that started it, or --package-manager, showing what it runs', async (t) => {
    const work = tempDir(t)
    const npm = recordingRunner()
    const result = await cli(['new-app', 'shop', '--cwd', work], { runner: npm })
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(npm.calls, [{ file: 'npm', args: ['install', '--no-audit', '--no-fund'], cwd: join(work, 'shop') }])
    assert.match(result.stderr, /installing dependencies with npm…/)
    assert.match(result.stdout, /installed dependencies with npm/)
    assert.match(result.stderr, /next: cd .*shop && npx create-mercato-module module <id>/)

    const pnpm = recordingRunner()
    assert.equal((await cli(['new-app', 'shop2', '--package-manager', 'pnpm', '--cwd', work], { runner: pnpm })).code, 0)
    assert.deepEqual(pnpm.calls.map((c) => [c.file, ...c.args]), [['pnpm', 'install']])

    const yarn = spawnCli(['new-app', 'shop3', '--dry-run', '--cwd', work], { env: { ...process.env, npm_config_user_agent: 'yarn/1.22.22 npm/? node/v24.0.0 linux x64' } })
    assert.equal(yarn.code, 0, yarn.stderr)
    assert.match(yarn.stdout, /then run install with yarn/)
  })

  it('--no-install runs nothing and says to install in the next step', async (t) => {
    const work = tempDir(t)
    const runner = recordingRunner()
    const result = await cli(['new-app', 'shop', '--no-install', '--cwd', work], { runner })
    assert.equal(result.code, 0)
    assert.deepEqual(runner.calls, [])
    assert.match(result.stderr, /next: cd .*shop && npm install && npx create-mercato-module module <id>/)
  })

  it("comes with its registry, so generate --check passes right after it, installed or not", async (t) => {
    const work = tempDir(t)
    for (const args of [['--no-install'], []]) {
      const name = `shop${args.length}`
      const r = await cli(['new-app', name, ...args, '--cwd', work], { runner: recordingRunner() })
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /\+ create \.mercato\/generated\/modules\.generated\.ts \(registry\)/)
      const check = await cli(['generate', '--check', '--cwd', join(work, name)])
      assert.equal(check.code, 0, check.stderr)
      assert.match(check.stdout, /registry up to date/)
    }
  })

  it('a failed install exits 1, keeps the app files, and says what to run', async (t) => {
    const work = tempDir(t)
    const result = await cli(['new-app', 'shop', '--cwd', work], { runner: recordingRunner(1, 'npm warn something\nnpm error code E404\n') })
    assert.equal(result.code, 1)
    assert.match(result.stderr, /error: npm install failed in .*shop: npm error code E404; the app's files are written, so fix that and run "npm install" there/)
    assert.ok(existsSync(join(work, 'shop', 'src/modules.ts')))
  })

  it('refuses a target that is a file, changing nothing', async (t) => {
    const work = tempDir(t)
    assert.equal((await cli(['new-app', 'shop', '--no-install', '--cwd', work])).code, 0)
    const before = hashTree(work)
    const result = await cli(['new-app', 'package.json', '--no-install', '--cwd', join(work, 'shop')])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /package\.json is a file; pick a folder for the app/)
    assert.equal(hashTree(work), before)
  })
})
