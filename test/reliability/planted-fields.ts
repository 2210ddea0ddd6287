/**
 * Contract 1 for the tool's own state, field by field: a journal, an undo manifest and a generator
 * cache, each with one field given a hostile value (a path outside, `../`, through a link, the app
 * itself, the wrong type) and the rest as the tool writes them. Whatever the field, nothing outside
 * the app changes, the user's files stay, and the command either does its own job or refuses.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { cli, hashTree } from '../helpers.ts'
import { arena, ok, tallyMany, type Arena } from './contract.ts'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const VICTIM = 'a file of the user, outside the app\n'

type Edit = (a: Arena, value: Record<string, unknown>) => void

/** Each row: a name and how it spoils the state file; run on a fresh app, outside and user files checked. */
async function sweep(t: TestContext, rows: Array<[string, Edit]>, plant: (a: Arena, edit: Edit) => Promise<void>, commands: string[][], expect: (code: number) => boolean): Promise<void> {
  const broken: string[] = []
  let attempted = 0
  for (const [name, edit] of rows) {
    for (const args of commands) {
      attempted += 1
      const a = await arena(t)
      symlinkSync(a.outside, join(a.app, 'src/elsewhere'))
      await plant(a, edit)
      const outside = hashTree(a.outside)
      const src = hashTree(join(a.app, 'src'))
      const r = await cli([...args, '--cwd', a.app])
      try {
        assert.ok(expect(r.code), `exit ${r.code}: ${r.stderr}`)
        assert.equal(hashTree(a.outside), outside, 'outside the app changed')
        assert.equal(readFileSync(join(a.outside, 'victim.txt'), 'utf8'), VICTIM)
        if (args[0] !== 'generate' && args[0] !== 'undo') assert.equal(hashTree(join(a.app, 'src')), src, 'the app\'s files changed')
        assert.equal(existsSync(join(a.app, '.mercato/journal.json')), false, 'the journal is not left to act on later')
      } catch (error) {
        broken.push(`${name} / ${args.join(' ')}: ${(error as Error).message.split('\n')[0]}`)
      }
    }
  }
  tallyMany(attempted, attempted - broken.length)
  assert.deepEqual(broken, [])
}

describe('1g. a planted journal, field by field', () => {
  const write = (a: Arena) => ({ path: join(a.app, 'src/new.ts'), before: null, beforeMode: null, afterHash: sha('new\n'), temp: null as string | null })
  const journal = (a: Arena, edit: Edit) => {
    const value: Record<string, unknown> = { version: 1, pid: 1, action: 'module', root: a.app, writes: [write(a)], createdDirs: [] }
    edit(a, value)
    mkdirSync(join(a.app, '.mercato'), { recursive: true })
    writeFileSync(join(a.app, '.mercato/journal.json'), JSON.stringify(value))
    return Promise.resolve()
  }
  const inWrite = (edit: (a: Arena, w: Record<string, unknown>) => void): Edit => (a, v) => edit(a, (v.writes as Array<Record<string, unknown>>)[0]!)
  const victim = (a: Arena) => join(a.outside, 'victim.txt')
  const rows: Array<[string, Edit]> = [
    ['version 2', (_a, v) => { v.version = 2 }], ['version "1"', (_a, v) => { v.version = '1' }], ['no version', (_a, v) => { delete v.version }],
    ['pid a word', (_a, v) => { v.pid = 'x' }], ['action a number', (_a, v) => { v.action = 7 }],
    ['root outside', (a, v) => { v.root = a.outside }], ['root /', (_a, v) => { v.root = '/' }], ['root relative', (_a, v) => { v.root = 'shop' }],
    ['writes an object', (a, v) => { v.writes = { 0: write(a) } }], ['writes of strings', (a, v) => { v.writes = [victim(a)] }],
    ['path outside', inWrite((a, w) => { w.path = victim(a); w.afterHash = sha(VICTIM) })],
    ['path ../', inWrite((_a, w) => { w.path = '../outside/victim.txt'; w.afterHash = sha(VICTIM) })],
    ['path through a link', inWrite((a, w) => { w.path = join(a.app, 'src/elsewhere/victim.txt'); w.afterHash = sha(VICTIM) })],
    ['path the app itself', inWrite((a, w) => { w.path = a.app })], ['path src', inWrite((a, w) => { w.path = join(a.app, 'src') })],
    ['path empty', inWrite((_a, w) => { w.path = '' })], ['path /etc/hostname', inWrite((_a, w) => { w.path = '/etc/hostname' })],
    ['path a user file with its hash and chosen before', inWrite((a, w) => { w.path = join(a.app, 'src/modules.ts'); w.before = 'owned\n'; w.afterHash = sha(readFileSync(join(a.app, 'src/modules.ts'), 'utf8')) })],
    ['temp outside', inWrite((a, w) => { w.temp = victim(a) })], ['temp ../', inWrite((_a, w) => { w.temp = '../outside/victim.txt' })],
    ['temp a user file', inWrite((a, w) => { w.temp = join(a.app, 'src/modules.ts') })], ['temp a folder', inWrite((a, w) => { w.temp = join(a.app, 'src') })],
    ['temp through a link', inWrite((a, w) => { w.temp = join(a.app, 'src/elsewhere/.victim.txt.0123abcd.tmp') })],
    ['before a number', inWrite((_a, w) => { w.before = 7 })], ['beforeMode a word', inWrite((_a, w) => { w.beforeMode = 'x' })],
    ['afterHash a number', inWrite((_a, w) => { w.afterHash = 7 })],
    ['createdDirs outside', (a, v) => { v.createdDirs = [a.outside] }], ['createdDirs /', (_a, v) => { v.createdDirs = ['/'] }],
    ['createdDirs the app', (a, v) => { v.createdDirs = [join(a.app, 'src/modules')] }], ['createdDirs through a link', (a, v) => { v.createdDirs = [join(a.app, 'src/elsewhere')] }],
    ['createdDirs a string', (a, v) => { v.createdDirs = a.outside }],
  ]
  it('list and doctor: the journal is set aside or rolled back inside the app only', (t) => sweep(t, rows, journal, [['list'], ['doctor']], (code) => code === 0 || code === 1))
})

describe('1h. a planted undo manifest, field by field', () => {
  const manifest = (a: Arena, edit: Edit) => {
    const change: Record<string, unknown> = { path: 'src/new.ts', kind: 'create', beforeHash: null, afterHash: sha('new\n'), before: null, after: 'new\n' }
    const value: Record<string, unknown> = { version: 2, toolVersion: '0.2.0', action: 'module', input: {}, appliedAt: '2026-01-01T00:00:00.000Z', templates: {}, changes: [change] }
    edit(a, value)
    mkdirSync(join(a.app, '.mercato/history'), { recursive: true })
    writeFileSync(join(a.app, '.mercato/history/9999-planted.json'), JSON.stringify(value))
    return Promise.resolve()
  }
  const inChange = (edit: (a: Arena, c: Record<string, unknown>) => void): Edit => (a, v) => edit(a, (v.changes as Array<Record<string, unknown>>)[0]!)
  const rows: Array<[string, Edit]> = [
    ['path absolute outside', inChange((a, c) => { c.path = join(a.outside, 'victim.txt'); c.afterHash = sha(VICTIM) })],
    ['path ../', inChange((_a, c) => { c.path = '../outside/victim.txt'; c.afterHash = sha(VICTIM) })],
    ['path through a link', inChange((_a, c) => { c.path = 'src/elsewhere/victim.txt'; c.afterHash = sha(VICTIM) })],
    ['path .', inChange((_a, c) => { c.path = '.' })], ['path empty', inChange((_a, c) => { c.path = '' })],
    ['path the lock', inChange((_a, c) => { c.path = '.mercato/lock' })], ['path the journal', inChange((_a, c) => { c.path = '.mercato/journal.json' })],
    ['kind unknown', inChange((_a, c) => { c.kind = 'explode' })], ['before a number', inChange((_a, c) => { c.before = 7 })],
    ['afterHash a number', inChange((_a, c) => { c.afterHash = 7 })], ['version 99', (_a, v) => { v.version = 99 }],
    ['changes a string', (_a, v) => { v.changes = 'src/modules.ts' }], ['action a number', (_a, v) => { v.action = 7 }],
    ['a path twice', (_a, v) => { v.changes = [...(v.changes as unknown[]), ...(v.changes as unknown[])] }],
  ]
  it('undo and undo --force: refused (exit 2), nothing outside touched', (t) => sweep(t, rows, manifest, [['undo'], ['undo', '--force']], (code) => code === 2))
})

describe('1i. a planted generator cache, field by field', () => {
  const cache = async (a: Arena, edit: Edit) => {
    await ok(a, ['generate', '--quiet'])
    const file = join(a.app, '.mercato/cache/generate.json')
    const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    edit(a, value)
    writeFileSync(file, JSON.stringify(value))
  }
  const rows: Array<[string, Edit]> = [
    ['key a number', (_a, v) => { v.key = 7 }], ['outputs an array', (_a, v) => { v.outputs = ['../outside/victim.txt'] }],
    ['an output through a link', (_a, v) => { (v.outputs as Record<string, string>)['src/elsewhere/victim.txt'] = 'x' }],
    ['an output the journal', (_a, v) => { (v.outputs as Record<string, string>)['.mercato/journal.json'] = 'x' }],
    ['warnings a string', (_a, v) => { v.warnings = 'x' }], ['modulesKey a number', (_a, v) => { v.modulesKey = 7 }],
    ['enabled a string', (_a, v) => { v.enabled = 'visits' }], ['an enabled module from outside', (a, v) => { v.enabled = [{ id: 'victim', from: a.outside }] }],
  ]
  it('generate and generate --check: exit 0, nothing outside touched', (t) => sweep(t, rows, cache, [['generate'], ['generate', '--check']], (code) => code === 0))
})
