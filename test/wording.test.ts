/** Wording rules that hold across every message, checked on the sources. */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { ACTIONS, fieldsOf } from '../dist/index.js'
import { cli, ROOT, starterApp, tempDir } from './helpers.ts'

const sources = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f)).map((f) => join(dir, f))

// "(s)" followed by a word or the end of a string, so calls such as names(s) are not counted
it('counts read as English ("1 module", "3 modules", through count()), never "module(s)"', () => {
  const found = sources(join(ROOT, 'src')).flatMap((file) =>
    readFileSync(file, 'utf8').split('\n').filter((line) => /[a-z]\(s\)(?: [a-z]|['"`])/.test(line) && !/^\s*(\/\/|\*)/.test(line)).map((line) => `${file}: ${line.trim()}`))
  assert.deepEqual(found, [])
})

it('a dry run says what it would do: doctor --fix "would add", undo --force "would revert"', async (t) => {
  const app = await starterApp(t)
  assert.equal((await cli(['module', 'visits', '--cwd', app, '--quiet'])).code, 0)
  writeFileSync(join(app, 'src/modules/visits/i18n/pl.json'), '{}\n')
  const fix = await cli(['doctor', '--fix', '--dry-run', '--cwd', app])
  assert.match(fix.stdout, /^doctor --fix: would add \d+ missing translation keys?\n/)
  assert.doesNotMatch(fix.stdout, /added/)
  assert.match((await cli(['doctor', '--fix', '--cwd', app])).stdout, /^done: doctor --fix: \d+ missing translation keys? added/)
  assert.match((await cli(['doctor', '--fix', '--cwd', app])).stdout, /^nothing to change: doctor --fix: no missing translation keys$/m)

  assert.equal((await cli(['page', 'visits', 'reports', '--cwd', app, '--quiet'])).code, 0)
  writeFileSync(join(app, 'src/modules/visits/backend/visits/reports/page.tsx'), '// mine\n')
  const undo = await cli(['undo', '--dry-run', '--force', '--cwd', app])
  assert.equal(undo.code, 0, undo.stderr)
  assert.match(undo.stderr, /note: src\/modules\/visits\/backend\/visits\/reports\/page\.tsx had changed since; --force would revert it anyway/)
  assert.doesNotMatch(`${undo.stdout}${undo.stderr}`, /reverted/)
})

it('an empty or missing value of any flag of any command is answered with a real example or none, never "<value>"', async (t) => {
  const dir = tempDir(t)
  const placeholders: string[] = []
  for (const spec of ACTIONS) {
    for (const field of fieldsOf(spec).filter((f) => !f.positional && f.kind !== 'boolean')) {
      for (const args of [[`--${field.flag}=`], [`--${field.flag}`, '--cwd', dir]]) {
        const r = await cli([...spec.name.split(' '), ...args, '--cwd', dir])
        if (r.stderr.includes('<')) placeholders.push(`${spec.name} ${args.join(' ')}: ${r.stderr.trim()}`)
      }
    }
  }
  assert.deepEqual(placeholders, [])
})
