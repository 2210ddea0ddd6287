import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { ROOT, tempDir } from './helpers.ts'

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

it('runs as `npx create-mercato-module` from a packed tarball', async (t) => {
  const work = tempDir(t)
  const tarball = npm(['pack', '--silent', '--pack-destination', work], ROOT).trim().split('\n').at(-1)!
  npm(['init', '-y'], work)
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], work)
  const run = (args: string[]) => spawnSync('npx', ['--no-install', 'create-mercato-module', ...args], { cwd: work, encoding: 'utf8' })
  const help = run(['--help'])
  assert.equal(help.status, 0, help.stderr)
  assert.match(help.stdout, /module <id>/)
  const created = run(['new-app', 'shop'])
  assert.equal(created.status, 0, created.stderr)
  const scaffold = run(['module', 'visits', '--cwd', join(work, 'shop')])
  assert.equal(scaffold.status, 0, scaffold.stderr)
  assert.ok(existsSync(join(work, 'shop/src/modules/visits/index.ts')))
  assert.ok(existsSync(join(work, 'shop/.mercato/generated/modules.generated.ts')))
})
