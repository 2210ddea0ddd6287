import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { ROOT, tempDir } from './helpers.ts'

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const npx = (args: string[], cwd: string) => spawnSync('npx', ['--no-install', ...args], { cwd, encoding: 'utf8' })

it('runs as `npx create-mercato-module` from a packed tarball, and a starter app installs and migrates with its own dependencies', async (t) => {
  const work = tempDir(t)
  const tarball = join(work, npm(['pack', '--silent', '--pack-destination', work], ROOT).trim().split('\n').at(-1)!)
  npm(['init', '-y'], work)
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], work)
  const help = npx(['create-mercato-module', '--help'], work)
  assert.equal(help.status, 0, help.stderr)
  assert.match(help.stdout, /module <id>/)
  const created = npx(['create-mercato-module', 'new-app', 'shop'], work)
  assert.equal(created.status, 0, created.stderr)

  // the app as a user has it after `npm install` (the tool comes from the tarball, not yet from the registry)
  const app = join(work, 'shop')
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'))
  pkg.devDependencies['create-mercato-module'] = `file:${tarball}`
  writeFileSync(join(app, 'package.json'), JSON.stringify(pkg, null, 2))
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund'], app)
  for (const args of [['module', 'visits'], ['data-entity', 'visits', 'Visit', '--field', 'at:date:required', '--crud'], ['db', 'generate'], ['db', 'migrate']]) {
    const r = npx(['create-mercato-module', ...args], app)
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
  }
  assert.ok(existsSync(join(app, '.mercato/generated/modules.generated.ts')))
  assert.match(npm(['run', 'db:status'], app), /visits +1 +0 +no/)
  const tsc = npx(['tsc', '--noEmit'], app)
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr)
})
