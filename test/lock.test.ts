import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { createNodeFileSystem, type FileSystem } from '../dist/index.js'
import { cli, hashTree, starterApp } from './helpers.ts'

const noSpace = (path: string) => Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' })
const leftovers = (app: string) => readdirSync(join(app, '.mercato'), { recursive: true, encoding: 'utf8' }).filter((p) => p === 'lock' || p.endsWith('.tmp') || p === 'journal.json')

describe('the app lock', () => {
  it('two runs in one process at once (an MCP server answering two calls) wait for each other: both land', async (t) => {
    const app = await starterApp(t)
    process.env.CMM_LOCK_WAIT_MS = '600000'
    t.after(() => { delete process.env.CMM_LOCK_WAIT_MS })
    const [one, two] = await Promise.all([cli(['module', 'one', '--cwd', app]), cli(['module', 'two', '--cwd', app])])
    assert.equal(one.code, 0, one.stderr)
    assert.equal(two.code, 0, two.stderr)
    const modules = readFileSync(join(app, 'src/modules.ts'), 'utf8')
    assert.match(modules, /id: 'one'/)
    assert.match(modules, /id: 'two'/)
    assert.equal((await cli(['generate', '--check', '--cwd', app])).code, 0)
  })

  it('a lock another run of this process could not remove (its disk failed) is taken over', async (t) => {
    const app = await starterApp(t)
    writeFileSync(join(app, '.mercato/lock'), JSON.stringify({ pid: process.pid, command: 'module', since: 'then' }))
    const r = await cli(['module', 'visits', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(existsSync(join(app, '.mercato/lock')), false)
  })

  it('a stale lock that another run replaced meanwhile is not removed: the run waits for the new holder', async (t) => {
    const app = await starterApp(t)
    const lock = join(app, '.mercato/lock')
    writeFileSync(lock, JSON.stringify({ pid: spawnSync('true').pid, command: 'module', since: 'then' }))
    const holder = spawn('sleep', ['30'])
    t.after(() => holder.kill())
    const real = createNodeFileSystem()
    let replaced = false
    // right after this run reads the dead holder, a second run takes the stale lock over
    const fs: FileSystem = {
      ...real,
      async readText(path) {
        const text = await real.readText(path)
        if (path === lock && !replaced) {
          replaced = true
          writeFileSync(lock, JSON.stringify({ pid: holder.pid, command: 'page', since: 'now' }))
        }
        return text
      },
    }
    process.env.CMM_LOCK_WAIT_MS = '200'
    t.after(() => { delete process.env.CMM_LOCK_WAIT_MS })
    const r = await cli(['module', 'visits', '--cwd', app], { fs })
    assert.ok(replaced)
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stderr, new RegExp(`^error: another create-mercato-module \\(pid ${holder.pid}, page\\) is working in .*; nothing was changed`))
    assert.match(readFileSync(lock, 'utf8'), new RegExp(`"pid":${holder.pid}`), 'the new holder keeps its lock')
    assert.equal(existsSync(join(app, 'src/modules/visits')), false)
  })

  it('a run that waits says whom it waits for, then fails with one error line naming the holder, nothing changed', async (t) => {
    const app = await starterApp(t)
    const holder = spawn('sleep', ['60'])
    t.after(() => holder.kill())
    writeFileSync(join(app, '.mercato/lock'), JSON.stringify({ pid: holder.pid, command: 'undo', since: 'now' }))
    const before = hashTree(app)
    // long enough past the 1 s after which the wait is announced for a poll to fall in between, even under load
    process.env.CMM_LOCK_WAIT_MS = '5000'
    t.after(() => { delete process.env.CMM_LOCK_WAIT_MS })
    const r = await cli(['module', 'visits', '--cwd', app])
    assert.equal(r.code, 1)
    assert.match(r.stderr, new RegExp(`^waiting for another create-mercato-module \\(pid ${holder.pid}, undo\\) to finish in .*\nerror: another create-mercato-module \\(pid ${holder.pid}, undo\\) is working in .*; nothing was changed; try again when it ends`))
    assert.equal(hashTree(app), before)
  })

  it('an empty lock (an older version on a full disk left one) is taken over', async (t) => {
    const app = await starterApp(t)
    writeFileSync(join(app, '.mercato/lock'), '')
    const r = await cli(['module', 'visits', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(existsSync(join(app, '.mercato/lock')), false)
  })
})

describe('a full disk', () => {
  it('while taking the lock: exit 1, one line saying the disk is full and nothing was changed, no lock left', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const fs: FileSystem = { ...createNodeFileSystem(), async createExclusive(path) { throw noSpace(path) } }
    const r = await cli(['module', 'visits', '--cwd', app], { fs })
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^error: could not take the lock .*\.mercato\/lock: the disk is full; nothing was changed; free space/)
    assert.equal(hashTree(app), before)
    assert.deepEqual(leftovers(app), [])
  })

  it('at every write of an apply: exit 1, the message says every file was restored, no lock, journal or temp file left', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const real = createNodeFileSystem()
    let writes = 0
    const counting: FileSystem = { ...real, async writeNew(path, content, mode) { writes += 1; return real.writeNew(path, content, mode) } }
    const probe = await starterApp(t, 'probe')
    assert.equal((await cli(['module', 'visits', '--with-page', '--cwd', probe], { fs: counting })).code, 0)
    assert.ok(writes > 5)
    for (let n = 1; n <= writes; n++) {
      let calls = 0
      // the disk fills at the nth file written; removing files (the rollback) still works, as on a real full disk
      const full: FileSystem = {
        ...real,
        async writeNew(path, content, mode) {
          if (++calls >= n) throw noSpace(path)
          return real.writeNew(path, content, mode)
        },
        async writeAtomic(path, content) {
          if (calls >= n) throw noSpace(path)
          return real.writeAtomic(path, content)
        },
      }
      const r = await cli(['module', 'visits', '--with-page', '--cwd', app], { fs: full })
      assert.equal(r.code, 1, `full at write ${n}: ${r.stderr}`)
      assert.match(r.stderr, /^error: apply failed: ENOSPC: no space left on device, write .*; every file was restored\n$/, `full at write ${n}`)
      assert.equal(hashTree(app), before, `full at write ${n}: nothing changed`)
      assert.deepEqual(leftovers(app), [], `full at write ${n}`)
    }
  })
})

/** The real disk, with every write, flush, rename and delete recorded in order. */
function tracing(): { fs: FileSystem; calls: string[] } {
  const real = createNodeFileSystem()
  const calls: string[] = []
  const fs: FileSystem = {
    ...real,
    async writeNew(path, content, mode) { calls.push(`write ${path}`); return real.writeNew(path, content, mode) },
    async sync(path) { calls.push(`sync ${path}`); return real.sync(path) },
    async rename(from, to) { calls.push(`rename ${from} ${to}`); return real.rename(from, to) },
    async removeFile(path) { calls.push(`remove ${path}`); return real.removeFile(path) },
  }
  return { fs, calls }
}

/** Asserts the durability order of one apply's calls: returns how many files it replaced or deleted. */
function assertDurable(calls: string[], app: string): number {
  const journal = join(app, '.mercato/journal.json')
  const at = (line: string) => calls.indexOf(line)
  const journalRemoved = calls.findIndex((c) => c === `remove ${journal}`)
  assert.ok(journalRemoved > 0, 'the journal is removed at the end')
  const journalRename = calls.findIndex((c) => c.startsWith('rename ') && c.endsWith(` ${journal}`))
  const journalTemp = calls[journalRename]!.split(' ')[1]!
  assert.ok(at(`write ${journalTemp}`) < at(`sync ${journalTemp}`) && at(`sync ${journalTemp}`) < journalRename, 'the journal is flushed before it is renamed in')
  assert.ok(calls.indexOf(`sync ${join(app, '.mercato')}`, journalRename) > journalRename, 'and its folder after')
  const firstChange = calls.findIndex((c, i) => i > journalRename && (c.startsWith('rename ') || (c.startsWith('remove ') && !c.includes('.tmp'))))
  assert.ok(calls.indexOf(`sync ${join(app, '.mercato')}`, journalRename) < firstChange, 'the journal is on the disk before the first file is replaced')
  let changed = 0
  for (const [i, call] of calls.entries()) {
    if (i <= journalRename || i >= journalRemoved) continue
    const [verb, a, b] = call.split(' ')
    if (verb === 'write') {
      const synced = calls.indexOf(`sync ${a}`, i)
      assert.ok(synced > i && synced < calls.findIndex((c) => c.startsWith(`rename ${a} `)), `${a} is flushed before it is renamed in`)
    }
    const target = verb === 'rename' ? b! : verb === 'remove' && !a!.endsWith('.tmp') ? a! : null
    if (!target) continue
    changed += 1
    const dirSync = calls.indexOf(`sync ${dirname(target)}`, i)
    assert.ok(dirSync > i && dirSync < journalRemoved, `the folder of ${target} is flushed after the change and before the journal is removed`)
  }
  return changed
}

describe('durable applies', () => {
  it('temp files and the journal are flushed, and their folders after the renames and deletes, before the journal is removed', async (t) => {
    const app = await starterApp(t)
    const made = tracing()
    assert.equal((await cli(['module', 'visits', '--with-page', '--cwd', app], { fs: made.fs })).code, 0)
    assert.ok(assertDurable(made.calls, app) > 10)
    const undone = tracing()
    assert.equal((await cli(['undo', '--cwd', app], { fs: undone.fs })).code, 0)
    assert.ok(undone.calls.some((c) => c === `remove ${join(app, 'src/modules/visits/index.ts')}`))
    assert.ok(assertDurable(undone.calls, app) > 10)
  })

  it('a rollback flushes what it puts back, and its folders, before the journal is removed', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'visits', '--cwd', app])).code, 0)
    const before = hashTree(app)
    const traced = tracing()
    let renames = 0
    // the fifth file to be replaced fails: the page's two files, its en.json edit and a registry edit are in place
    const fs: FileSystem = {
      ...traced.fs,
      async rename(from, to) {
        if (!to.endsWith('journal.json') && ++renames === 5) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' })
        return traced.fs.rename(from, to)
      },
    }
    const r = await cli(['page', 'visits', 'reports', '--cwd', app], { fs })
    assert.equal(r.code, 1)
    assert.match(r.stderr, /every file was restored/)
    assert.equal(hashTree(app), before)
    const calls = traced.calls
    const journalRemoved = calls.indexOf(`remove ${join(app, '.mercato/journal.json')}`)
    const restores = calls.filter((c) => c.startsWith('write ') && c.endsWith('.rollback.tmp'))
    assert.ok(restores.length > 0, 'an edited file was put back')
    for (const write of restores) {
      const temp = write.slice('write '.length)
      const i = calls.indexOf(write)
      const renamed = calls.findIndex((c, j) => j > i && c.startsWith(`rename ${temp} `))
      assert.ok(calls.indexOf(`sync ${temp}`, i) < renamed, `${temp} is flushed before it is renamed back`)
      const target = calls[renamed]!.split(' ')[2]!
      const dirSync = calls.indexOf(`sync ${dirname(target)}`, renamed)
      assert.ok(dirSync > renamed && dirSync < journalRemoved, `the folder of ${target} is flushed before the journal is removed`)
    }
  })

  it('the recovery every command runs first removes stray temp files of the cache and of dead runs\' locks', async (t) => {
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'visits', '--cwd', app])).code, 0)
    const before = hashTree(app)
    mkdirSync(join(app, '.mercato/cache'), { recursive: true })
    writeFileSync(join(app, '.mercato/cache/generate.json.tmp'), '{"key":')
    const dead = spawnSync('true').pid
    writeFileSync(join(app, `.mercato/.lock.${dead}.0badf00d.tmp`), '{"pid":')
    const live = join(app, `.mercato/.lock.${process.ppid}.0badf00d.tmp`)
    writeFileSync(live, '{"pid":')
    const r = await cli(['list', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(existsSync(join(app, '.mercato/cache/generate.json.tmp')), false)
    assert.equal(existsSync(join(app, `.mercato/.lock.${dead}.0badf00d.tmp`)), false)
    assert.equal(existsSync(live), true, 'a live process\'s lock temp is its own to link or remove')
    rmSync(live)
    assert.equal(hashTree(app), before)
  })
})
