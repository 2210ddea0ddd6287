import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { describe, it, type TestContext } from 'node:test'
import { createNodeFileSystem, main } from '../dist/index.js'
import { db, pglite, postgres, type Db } from './db-helpers.ts'
import { BIN, cli, hashTree, starterApp } from './helpers.ts'

const MODULES = ['alpha', 'beta', 'gamma']

/** An app with three modules, each with one entity. */
async function threeModules(t: TestContext) {
  const app = await starterApp(t)
  for (const id of MODULES) {
    await cli(['module', id, '--cwd', app, '--quiet'])
    await cli(['data-entity', id, 'Item', '--table', `${id}_items`, '--field', 'name:text', '--cwd', app, '--quiet'])
  }
  return app
}

const migrationsOf = (app: string, id: string) => {
  try {
    return readdirSync(join(app, 'src/modules', id, 'migrations')).filter((f) => f.startsWith('Migration'))
  } catch {
    return []
  }
}

/**
 * The CLI in-process with Ctrl+C pressed at a chosen moment: the signal is aborted from the progress
 * line that matches `when`, so the cancel point does not depend on timing.
 */
async function cancelled(args: string[], when: RegExp) {
  const controller = new AbortController()
  const progress: string[] = []
  const line = (text: string) => {
    progress.push(text)
    if (when.test(text)) controller.abort()
  }
  let stderr = ''
  const sink = new Writable({ write(chunk, _enc, done) { stderr += chunk.toString(); done() } })
  const code = await main(args, {
    stdout: sink,
    stderr: sink,
    isTTY: false,
    signal: controller.signal,
    overrides: { reporter: { out: line, info: line, warn: line, error: line } },
  })
  assert.ok(controller.signal.aborted, `never reached ${when}: ${progress.join('\n')}`)
  return { code, stderr, progress }
}

describe('Ctrl+C during db generate', () => {
  it('between modules: the migrations and snapshots it wrote are taken back, the tree is as it was (exit 130)', async (t) => {
    const app = await threeModules(t)
    const before = hashTree(app)
    const first = await cancelled(['db', 'generate', '--cwd', app], /^\[1\/3\] alpha: created/)
    assert.equal(first.code, 130)
    assert.match(first.stderr, /^error: cancelled: db generate stopped before beta, gamma; every migration it had written was removed and every snapshot restored: the app is as it was$/m)
    assert.equal(hashTree(app), before)

    // a second migration: the snapshot existed, and is put back as it was
    await cli(['db', 'generate', '--cwd', app, '--quiet'])
    for (const id of MODULES) await cli(['data-entity', id, 'Item', '--field', 'code:text', '--cwd', app, '--quiet'])
    const changed = hashTree(app)
    const second = await cancelled(['db', 'generate', '--cwd', app], /^\[2\/3\] beta: created/)
    assert.equal(second.code, 130)
    assert.equal(hashTree(app), changed)

    // pressed during the last module: the work finished, and is still taken back
    const last = await cancelled(['db', 'generate', '--cwd', app], /^\[3\/3\] gamma: created/)
    assert.equal(last.code, 130)
    assert.match(last.stderr, /db generate stopped; every migration it had written was removed/)
    assert.equal(hashTree(app), changed)
    assert.deepEqual(MODULES.map((id) => migrationsOf(app, id).length), [1, 1, 1])
  })

  it('SIGINT to the real binary exits 130 with one line, and leaves the tree as it was', async (t) => {
    const app = await threeModules(t)
    const before = hashTree(app)
    const child = spawn(process.execPath, [BIN, 'db', 'generate', '--cwd', app], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    // the first line comes before any module's work: the cancel lands at a step boundary
    child.stderr.on('data', (chunk: Buffer) => {
      const seen = stderr.includes('db generate:')
      stderr += chunk.toString()
      if (!seen && stderr.includes('db generate:')) child.kill('SIGINT')
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    assert.equal(code, 130, stderr)
    assert.match(stderr, /^error: cancelled: db generate stopped/m)
    assert.equal(stderr.split('\n').filter((l) => l.startsWith('error')).length, 1)
    assert.equal(hashTree(app), before)
  })
})

async function migrateCancelled(t: TestContext, target: Db) {
  const app = await threeModules(t)
  await db(['generate'], app, target)
  const r = await cancelled(['db', 'migrate', ...target.flags, '--cwd', app], /^\[1\/3\] alpha: applied/)
  assert.equal(r.code, 130)
  assert.match(r.stderr, /^error: cancelled: db migrate stopped; alpha: applied Migration\d{14}_alpha; not migrated: beta, gamma \(run db migrate to apply their pending migrations\)$/m)
  const tables = async () => (await target.query(app, "select table_name from information_schema.tables where table_schema = current_schema() and table_name like '%items' order by 1")).map((row) => row.table_name)
  assert.deepEqual(await tables(), ['alpha_items'])
  assert.deepEqual(await target.query(app, "select 1 from information_schema.tables where table_name = 'mikro_orm_migrations_beta'"), [])
  assert.match(await db(['migrate'], app, target), /alpha: up to date\nbeta: applied Migration\d{14}_beta\ngamma: applied Migration\d{14}_gamma\n2 migrations applied/)
  assert.deepEqual(await tables(), ['alpha_items', 'beta_items', 'gamma_items'])
  return app
}

describe('Ctrl+C during db migrate', () => {
  it('stops before the next module and says which were migrated (PGlite)', async (t) => {
    await migrateCancelled(t, pglite)
  })

  it('the same on a PostgreSQL server', async (t) => {
    const target = postgres(t)
    if (target) await migrateCancelled(t, target)
  })
})

describe('Ctrl+C during db migrate with a module that has nothing to migrate', () => {
  it('names as not migrated only the modules that had pending migrations', async (t) => {
    const app = await threeModules(t)
    // alphabetically between alpha and beta: no entities, no migrations
    await cli(['module', 'bare', '--cwd', app, '--quiet'])
    await db(['generate'], app, pglite)
    const r = await cancelled(['db', 'migrate', '--cwd', app], /^\[1\/4\] alpha: applied/)
    assert.equal(r.code, 130)
    assert.match(r.stderr, /^error: cancelled: db migrate stopped; alpha: applied Migration\d{14}_alpha; not migrated: beta, gamma \(run db migrate to apply their pending migrations\)$/m)
  })
})

describe('Ctrl+C after db migrate had finished', () => {
  it('reports every module it migrated, then one line saying the work had finished (exit 130), never "nothing was changed"', async (t) => {
    const app = await threeModules(t)
    await db(['generate'], app, pglite)
    // pressed once the last module is applied and the step boundary has passed: the first file read
    // after that (the check for entity changes no migration holds) is where the signal arrives
    const controller = new AbortController()
    let lastStepDone = false
    const real = createNodeFileSystem()
    const fs = { ...real, async readText(path: string) {
      if (lastStepDone) controller.abort()
      return real.readText(path)
    } }
    const line = (text: string) => { if (/^\[3\/3\] gamma: applied/.test(text)) lastStepDone = true }
    let stdout = ''
    let stderr = ''
    const sink = (add: (text: string) => void) => new Writable({ write(chunk, _enc, done) { add(chunk.toString()); done() } })
    const code = await main(['db', 'migrate', '--cwd', app], {
      stdout: sink((x) => { stdout += x }),
      stderr: sink((x) => { stderr += x }),
      isTTY: false,
      signal: controller.signal,
      overrides: { fs, reporter: { out: (x) => { stdout += `${x}\n` }, info: line, warn: line, error: line } },
    })
    assert.ok(controller.signal.aborted)
    assert.equal(code, 130)
    assert.match(stdout, /alpha: applied Migration\d{14}_alpha\nbeta: applied Migration\d{14}_beta\ngamma: applied Migration\d{14}_gamma\n3 migrations applied/)
    assert.equal(stderr, 'error: interrupted after the work had finished: everything reported above was done\n')
    assert.match(await db(['migrate'], app, pglite), /0 migrations applied/)
  })
})

describe('Ctrl+C during db greenfield', () => {
  it('says precisely what it left: modules reset so far, or migrations written and applied so far', async (t) => {
    const app = await migrateCancelled(t, pglite)
    const early = await cancelled(['db', 'greenfield', '--yes', '--cwd', app], /^\[1\/10\] drop alpha: dropped alpha_items/)
    assert.equal(early.code, 130)
    assert.match(early.stderr, /^error: cancelled: db greenfield stopped; reset alpha \(tables dropped, migrations and snapshot deleted\); not reset: beta, gamma; run db greenfield --yes again to start over$/m)
    assert.deepEqual(MODULES.map((id) => migrationsOf(app, id).length), [0, 1, 1])
    const items = async () => (await pglite.query(app, "select table_name from information_schema.tables where table_name like '%items' order by 1")).map((row) => row.table_name)
    assert.deepEqual(await items(), ['beta_items', 'gamma_items'])

    const middle = await cancelled(['db', 'greenfield', '--yes', '--cwd', app], /^\[5\/10\] generate alpha: created/)
    assert.equal(middle.code, 130)
    assert.match(middle.stderr, /^error: cancelled: db greenfield stopped; every module was reset and the registry regenerated; no new migration was written \(those this run wrote were removed\): run db generate, then db migrate$/m)
    assert.deepEqual(MODULES.map((id) => migrationsOf(app, id).length), [0, 0, 0])
    assert.deepEqual(await items(), [])

    const late = await cancelled(['db', 'greenfield', '--yes', '--cwd', app], /^\[8\/10\] migrate alpha: applied/)
    assert.equal(late.code, 130)
    assert.match(late.stderr, /^error: cancelled: db greenfield stopped; every module was reset, new migrations were written \(alpha, beta, gamma\); alpha: applied Migration\d{14}_alpha; not migrated: beta, gamma/m)
    assert.deepEqual(await items(), ['alpha_items'])
    assert.deepEqual(MODULES.map((id) => migrationsOf(app, id).length), [1, 1, 1])
    assert.match(await db(['migrate'], app, pglite), /2 migrations applied/)
  })
})
