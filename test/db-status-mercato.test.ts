import assert from 'node:assert/strict'
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { db, postgres } from './db-helpers.ts'
import { cli, hashTree, starterApp } from './helpers.ts'

const quiet = (app: string) => ['--cwd', app, '--quiet']
async function ok(args: string[]) {
  const r = await cli(args)
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  return r
}

/**
 * An app that looks like an Open Mercato app to the engine resolution: Open Mercato's `mercato` CLI
 * is installed above it (as a workspace hoists it), so `auto` is the mercato engine. The stand-in CLI
 * records any call: db status must answer without it (Open Mercato's CLI has no status command).
 */
async function omLikeApp(t: TestContext): Promise<{ app: string; called: string }> {
  const app = await starterApp(t)
  await ok(['module', 'fleet', ...quiet(app)])
  await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', ...quiet(app)])
  await ok(['db', 'generate', '--engine', 'bundled', ...quiet(app)])
  const bin = join(dirname(app), 'node_modules/.bin/mercato')
  const called = join(dirname(app), 'mercato-called')
  mkdirSync(dirname(bin), { recursive: true })
  writeFileSync(bin, `#!/bin/sh\necho "$@" >> "${called}"\nexit 1\n`)
  chmodSync(bin, 0o755)
  return { app, called }
}

describe('db status under the mercato engine', () => {
  it('reads the migration tables itself, read-only, and says which engine applies what (no database yet)', async (t) => {
    const { app, called } = await omLikeApp(t)
    const before = hashTree(app, { withCache: true })
    const r = await cli(['db', 'status', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^on embedded PGlite in \.mercato\/db\/data \(not created yet; db migrate creates it\):\n/)
    assert.match(r.stdout, /\nfleet +0 +1 +no\n/)
    assert.match(r.stdout, /\nengine: mercato \(Open Mercato's CLI\): db migrate runs mercato db migrate, which applies fleet's 1 pending migration; db generate runs mercato db generate \(--engine bundled for this tool's driver\)$/m)
    assert.equal(existsSync(called), false, 'mercato was not called')
    assert.equal(hashTree(app, { withCache: true }), before, 'db status changed the app')
    assert.equal(existsSync(join(app, '.mercato/db')), false, 'no embedded database was created')

    const json = await cli(['db', 'status', '--json', '--cwd', app])
    assert.equal(json.code, 0, json.stderr)
    const data = JSON.parse(json.stdout).data
    assert.equal(data.engine, 'mercato')
    assert.deepEqual(data.modules.map((m: { id: string; pending: string[] }) => [m.id, m.pending.length]), [['fleet', 1]])
  })

  it('on PostgreSQL: what the bundled driver applied shows as applied, nothing pending', async (t) => {
    const target = postgres(t)
    if (!target) return
    const { app, called } = await omLikeApp(t)
    await db(['migrate', '--engine', 'bundled'], app, target)
    const status = await db(['status'], app, target)
    assert.match(status, /\nfleet +1 +0 +no\n/)
    assert.match(status, /\nengine: mercato \(Open Mercato's CLI\): nothing pending for mercato db migrate; db generate runs mercato db generate \(--engine bundled for this tool's driver\)$/m)
    assert.equal(existsSync(called), false, 'mercato was not called')
  })
})
