import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { BIN, ROOT, tempDir } from './helpers.ts'

const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, encoding: 'utf8' })

it('in a new app under git, the tool\'s own state under .mercato/ is ignored and only the ejected templates show up', (t) => {
  const work = tempDir(t)
  const app = join(work, 'shop')
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args, '--quiet'], { cwd: app, encoding: 'utf8' })
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
  }
  assert.equal(spawnSync(process.execPath, [BIN, 'new-app', 'shop', '--no-install', '--quiet'], { cwd: work }).status, 0)
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir')
  git(['init', '-q'], app)
  // the registry, undo history, the generator's cache and the embedded database, each written by a command
  run('module', 'visits')
  run('data-entity', 'visits', 'Visit', '--field', 'at:date:required')
  run('generate')
  run('db', 'generate')
  run('db', 'migrate')
  run('templates', 'eject', 'worker')

  const untracked = git(['status', '--porcelain', '--untracked-files=all'], app).split('\n').filter(Boolean).map((l) => l.slice(3))
  assert.deepEqual(untracked.filter((p) => p.startsWith('.mercato/') && !p.startsWith('.mercato/templates/')), [])
  assert.ok(untracked.includes('.mercato/templates/worker/worker.ts.hbs'), untracked.join('\n'))
  assert.ok(untracked.includes('src/modules.ts'))
  // the lock and the journal live only while a command runs
  assert.deepEqual(git(['check-ignore', '.mercato/lock', '.mercato/journal.json', '.mercato/cache/generate.json', '.mercato/db/data/x'], app).trim().split('\n'),
    ['.mercato/lock', '.mercato/journal.json', '.mercato/cache/generate.json', '.mercato/db/data/x'])
})
