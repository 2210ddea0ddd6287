/**
 * Contract 3 with real processes: the CLI is killed with SIGKILL before each of its calls that
 * change the disk (test/reliability/kill-child.ts), then any command runs; the app is exactly as
 * before or exactly as after a clean run, with no journal and no temp file left. Where the kill
 * left the lock of the dead process, the next command that writes takes it over (4. one run at a
 * time), so it is not counted as a change.
 */
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe } from 'node:test'
import { cli, hashTree, tempDir } from '../helpers.ts'
import { arena, attack, tallyMany } from './contract.ts'

const CHILD = join(import.meta.dirname, 'kill-child.ts')

const childEnv = (args: string[], app: string, killAt?: number, countFile?: string) =>
  ({ ...process.env, CMM_KILL_ARGS: JSON.stringify([...args, '--cwd', app, '--yes']), ...(killAt ? { CMM_KILL_AT: String(killAt) } : {}), ...(countFile ? { CMM_KILL_COUNT: countFile } : {}) })

/** The child killed before its call `killAt`: how it ended, and its pid (the lock it may leave names it). */
function killedChild(args: string[], app: string, killAt: number): Promise<{ signal: string | null; pid: number | undefined; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CHILD], { env: childEnv(args, app, killAt), stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => { stderr += chunk })
    child.on('exit', (_code, signal) => done({ signal, pid: child.pid, stderr }))
  })
}

const tempFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tmp') && !p.includes('node_modules'))

/** A lock the killed process left: its pid is dead. Removed so the hash compares the app's content. */
function dropDeadLock(app: string, pid: number | undefined): void {
  const lock = join(app, '.mercato/lock')
  if (!existsSync(lock)) return
  const holder = (() => {
    try {
      return JSON.parse(readFileSync(lock, 'utf8')).pid
    } catch {
      return null
    }
  })()
  // an empty or half-written lock is what a kill inside its write leaves; a whole one names the dead child
  assert.ok(holder === null || holder === pid, `the lock left is the killed process's (${holder} vs ${pid})`)
  rmSync(lock)
}

async function sigkillSweep(t: Parameters<typeof arena>[0], args: string[], prepare: (app: string) => Promise<void>) {
  const a = await arena(t)
  await prepare(a.app)
  const work = tempDir(t, 'cmm-sigkill-')
  const base = join(work, 'base')
  cpSync(a.app, base, { recursive: true, verbatimSymlinks: true })
  const before = hashTree(base)
  const clean = join(work, 'clean')
  cpSync(base, clean, { recursive: true, verbatimSymlinks: true })
  const countFile = join(work, 'count')
  const first = spawnSync(process.execPath, [CHILD], { env: childEnv(args, clean, undefined, countFile), encoding: 'utf8' })
  assert.equal(first.status, 0, `${args.join(' ')}: ${first.stderr}`)
  const total = Number(readFileSync(countFile, 'utf8'))
  const after = hashTree(clean)
  assert.notEqual(after, before, `${args.join(' ')} changes the app`)
  let held = 0
  const broken: string[] = []
  const sweepOne = async (n: number) => {
    const app = join(work, `kill-${n}`)
    cpSync(base, app, { recursive: true, verbatimSymlinks: true })
    const killed = await killedChild(args, app, n)
    try {
      assert.equal(killed.signal, 'SIGKILL', `killed before call ${n}: ${killed.stderr}`)
      const next = await cli(['list', '--cwd', app])
      assert.equal(next.code, 0, next.stderr)
      dropDeadLock(app, killed.pid)
      const now = hashTree(app)
      assert.ok(now === before || now === after, `as before or as after (${next.stderr.trim()})`)
      assert.deepEqual(tempFiles(app), [], 'no temp file')
      assert.equal(existsSync(join(app, '.mercato/journal.json')), false, 'no journal')
      held += 1
    } catch (error) {
      broken.push(`kill before call ${n} of ${total}: ${(error as Error).message.split('\n')[0]}`)
    }
    rmSync(app, { recursive: true, force: true })
  }
  // two children at a time: each spends most of its life starting node, not on the disk
  let next = 1
  const lane = async () => {
    while (next <= total) await sweepOne(next++)
  }
  await Promise.all([lane(), lane()])
  tallyMany(total, held)
  assert.deepEqual(broken, [])
  assert.ok(total > 3, `${args.join(' ')} makes more than 3 calls that write (${total})`)
}

describe('3c. a real SIGKILL between creating a temp file and writing it', () => {
  attack('module visits killed between creating the temp of src/modules.ts and writing it: the next command removes the empty temp and rolls back', async (t) => {
    const a = await arena(t)
    const before = hashTree(a.app)
    const killed = spawnSync(process.execPath, [CHILD], { env: { ...childEnv(['module', 'visits'], a.app), CMM_KILL_ON: 'writeSync:3' }, encoding: 'utf8' })
    assert.equal(killed.signal, 'SIGKILL', killed.stderr)
    assert.equal(tempFiles(a.app).length, 1, 'the kill left an empty temp file')
    const next = await cli(['list', '--cwd', a.app])
    assert.equal(next.code, 0, next.stderr)
    dropDeadLock(a.app, killed.pid)
    assert.deepEqual(tempFiles(a.app), [], 'no temp file')
    assert.equal(hashTree(a.app), before)
  })
})

const withModule = (id: string) => async (app: string) => {
  assert.equal((await cli(['module', id, '--cwd', app, '--quiet'])).code, 0)
}

describe('3b. a real SIGKILL before every call that writes', () => {
  // the commands the simulated kills (3.) do not sweep; each kill point costs a process start, so
  // one command of each shape: a merge into an existing file, new files, the whole CRUD slice (133
  // writes: merges into the module's files and a dozen new ones), an undo, the registry alone
  const sweeps: Array<[string[], (app: string) => Promise<void>]> = [
    [['event', 'visits', 'visit.closed'], withModule('visits')],
    [['cli', 'visits', 'seed-visits'], withModule('visits')],
    [['undo'], async (app) => {
      await withModule('visits')(app)
      assert.equal((await cli(['event', 'visits', 'visit.closed', '--cwd', app, '--quiet'])).code, 0)
    }],
    [['data-entity', 'visits', 'Visit', '--field', 'title:text:required', '--crud'], withModule('visits')],
    [['generate'], async (app) => {
      assert.equal((await cli(['module', 'visits', '--no-generate', '--cwd', app, '--quiet'])).code, 0)
    }],
  ]
  for (const [args, prepare] of sweeps) {
    attack(`${args.join(' ')}: SIGKILL before each call that writes, then list`, (t) => sigkillSweep(t, args, prepare), 0)
  }
})
