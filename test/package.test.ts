import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { ROOT, tempDir } from './helpers.ts'

// installs resolve from the local cache, as a user's would after a first install
const env = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' }
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const npx = (args: string[], cwd: string) => spawnSync('npx', ['--no-install', ...args], { cwd, env, encoding: 'utf8' })

it('from a packed tarball, `new-app` installs the app itself and points its devDependency at the tarball, so the app\'s own scripts run', async (t) => {
  const work = tempDir(t)
  const tarball = join(work, npm(['pack', '--silent', '--pack-destination', work], ROOT).trim().split('\n').at(-1)!)
  npm(['init', '-y'], work)
  npm(['install', tarball], work)
  const help = npx(['create-mercato-module', '--help'], work)
  assert.equal(help.status, 0, help.stderr)
  assert.match(help.stdout, /module <id>/)

  const created = npx(['create-mercato-module', 'new-app', 'shop'], work)
  assert.equal(created.status, 0, created.stderr)
  assert.match(created.stderr, /installing dependencies with npm/)
  assert.match(created.stdout, /installed dependencies with npm/)
  assert.match(created.stderr, /next: cd shop && npx create-mercato-module module <id>/)

  const app = join(work, 'shop')
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'))
  assert.equal(pkg.devDependencies['create-mercato-module'], `file:${tarball}`)
  assert.ok(existsSync(join(app, 'node_modules/.bin/create-mercato-module')), 'the tool is installed in the app')
  for (const args of [['module', 'visits'], ['data-entity', 'visits', 'Visit', '--field', 'at:date:required', '--crud']]) {
    const r = npx(['create-mercato-module', ...args], app)
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
  }
  for (const script of ['db:generate', 'db:migrate', 'typecheck']) npm(['run', script], app)
  assert.ok(existsSync(join(app, '.mercato/generated/modules.generated.ts')))
  assert.match(npm(['run', 'db:status'], app), /visits +1 +0 +no/)
})
