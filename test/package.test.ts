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

/** What `npm pack` would publish: every file with its size. */
function packed(): Array<{ path: string; size: number }> {
  const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json', '--silent'], ROOT)) as Array<{ files: Array<{ path: string; size: number }> }>
  return pack!.files
}

it('the package ships the code and not the repo\'s own: no source maps, no test entry, and every chunk the entries load', (t) => {
  const files = packed()
  const paths = new Set(files.map((f) => f.path))
  t.diagnostic(`${files.length} files, ${(files.reduce((n, f) => n + f.size, 0) / 1e6).toFixed(1)} MB unpacked`)
  assert.deepEqual(files.filter((f) => f.path.endsWith('.map')).map((f) => f.path), [], 'source maps stay in the repo')
  assert.ok(!paths.has('dist/testing.js'), 'the test entry (ink-testing-library, the docs generator) stays in the repo')
  assert.ok(existsSync(join(ROOT, 'dist/testing.js')) && existsSync(join(ROOT, 'dist/cli.js.map')), 'the build still writes both for the repo')
  for (const path of ['bin/create-mercato-module.js', 'dist/cli.js', 'dist/index.js', 'dist/tui.js', 'templates/new-app/gitignore.hbs', 'docs/commands.md', 'README.md']) {
    assert.ok(paths.has(path), `${path} is published`)
  }
  assert.deepEqual(files.filter((f) => f.path.includes('node_trace') || f.path.startsWith('test/') || f.path.startsWith('src/')).map((f) => f.path), [])

  // what the published entries load, statically or lazily: all of it is packed, and nothing else in dist/
  // `new URL("./x", import.meta.url)`: the command index (src/cli/start.ts) and the worker threads' entries
  const imports = (path: string) => [...readFileSync(join(ROOT, path), 'utf8').matchAll(/(?:from|import\(|new URL\()\s*"\.\/([^"]+\.js(?:on)?)"/g)].map(([, f]) => `dist/${f}`)
  const reached = new Set<string>()
  const visit = (path: string) => {
    if (reached.has(path)) return
    reached.add(path)
    assert.ok(paths.has(path), `${path} is loaded by the published code but not published`)
    imports(path).forEach(visit)
  }
  ;['dist/cli.js', 'dist/index.js'].forEach(visit)
  assert.deepEqual([...paths].filter((p) => p.startsWith('dist/') && !reached.has(p)), [], 'published files no entry loads')
})

it('MikroORM, which the tool loads from the app, is an optional peer dependency over the releases it supports (7.1 and 7.2)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const peers = ['core', 'decorators', 'migrations', 'pglite', 'postgresql'].map((p) => `@mikro-orm/${p}`)
  assert.deepEqual(Object.keys(pkg.peerDependencies).sort(), peers)
  for (const peer of peers) {
    assert.equal(pkg.peerDependencies[peer], '>=7.1.0 <8', peer)
    assert.deepEqual(pkg.peerDependenciesMeta[peer], { optional: true }, peer)
    assert.ok(!pkg.dependencies?.[peer], `${peer} is never installed with the tool`)
  }
})
