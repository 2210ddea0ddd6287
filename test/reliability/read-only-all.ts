/**
 * Contract 2, command by command: every dry run (plain, with --diff, with --json), every report in
 * both output forms and every command's help leave the app exactly as it was, `.mercato` and its
 * cache included, and never create the embedded database. One app for all rows, hashed around each.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, hashTree } from '../helpers.ts'
import { arena, ok, tallyMany } from './contract.ts'

// each mutating command with inputs it accepts on the app below
const MUTATING: string[][] = [
  ['module', 'billing', '--with-page'], ['page', 'visits', 'reports'], ['api', 'visits', 'stats', '--methods', 'GET,POST'],
  ['subscriber', 'visits', 'notify', '--event', 'visits.visit.created'], ['event', 'visits', 'visit.closed'],
  ['worker', 'visits', 'sync', '--queue', 'visits-sync'], ['cli', 'visits', 'seed-visits'],
  ['widget', 'visits', 'summary', '--kind', 'dashboard'], ['widget', 'visits', 'notes', '--kind', 'injection', '--spot', 'crud-form:visits.visit'],
  ['entity', 'visits', 'note', '--field', 'body:multiline'], ['data-entity', 'visits', 'Visit', '--field', 'note:text'],
  ['data-entity', 'visits', 'Trip', '--field', 'title:string:required', '--crud', '--events', '--search'],
  ['extension', 'visits', 'CustomerVisit', '--base', 'customers:customer'], ['disable', 'visits'], ['upgrade'],
  ['generate'], ['doctor', '--fix'], ['templates', 'eject'], ['templates', 'eject', 'page'], ['agents'],
  ['db', 'generate'], ['db', 'migrate'], ['db', 'greenfield'],
]

const REPORTS: string[][] = [
  ['list'], ['list', '--json'], ['doctor'], ['doctor', '--json'], ['db', 'status'], ['db', 'status', '--json'], ['generate', '--check'],
  ['generate', '--check', '--json'], ['templates', 'list'], ['templates', 'list', '--json'], ['schema'], ['schema', 'module'], ['schema', 'db', 'migrate'],
]

const COMMANDS = ['new-app', 'module', 'page', 'api', 'subscriber', 'event', 'worker', 'cli', 'widget', 'entity', 'data-entity', 'extension', 'override', 'enable', 'disable', 'add', 'undo', 'upgrade', 'generate', 'list', 'doctor', 'templates list', 'templates eject', 'agents', 'db status', 'db generate', 'db migrate', 'db greenfield', 'schema']

describe('2c. every dry run, report and help changes nothing', () => {
  it('each row on an app with a module, an entity and a migration: exit 0, tree equal with the cache, no database', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits', '--quiet'])
    await ok(a, ['data-entity', 'visits', 'Visit', '--field', 'title:string', '--quiet'])
    await ok(a, ['db', 'generate', '--quiet'])
    const rows = [
      // the database tasks preview what they would run; there is no file diff to show
      ...MUTATING.flatMap((c) => [[...c, '--dry-run'], ...(c[0] === 'db' ? [] : [[...c, '--dry-run', '--diff']]), [...c, '--dry-run', '--json']]),
      ...REPORTS,
      ...COMMANDS.flatMap((c) => [[...c.split(' '), '--help'], ['help', ...c.split(' ')]]),
    ]
    const broken: string[] = []
    for (const args of rows) {
      const before = hashTree(a.app, { withCache: true })
      const outside = hashTree(a.outside)
      const r = await cli([...args, '--cwd', a.app])
      try {
        assert.equal(r.code, 0, r.stderr)
        assert.equal(hashTree(a.app, { withCache: true }), before, 'the app changed')
        assert.equal(hashTree(a.outside), outside, 'outside changed')
        assert.equal(existsSync(join(a.app, '.mercato/db')), false, 'an embedded database was created')
      } catch (error) {
        broken.push(`${args.join(' ')}: ${(error as Error).message.split('\n')[0]}`)
      }
    }
    tallyMany(rows.length, rows.length - broken.length)
    assert.deepEqual(broken, [])
  })
})
