/**
 * The app's .env is read as dotenv (17) reads it, because Open Mercato's CLI loads it with dotenv
 * before it evaluates src/modules.ts: a value read differently would enable different modules.
 * Each case is a module pushed only when the variable holds exactly the value dotenv gives.
 */
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, tempDir } from './helpers.ts'

/** [.env line, variable, the value dotenv gives]. */
const CASES: Array<[string, string, string]> = [
  ['CMM_DATABASE_URL=postgres://x/db # local', 'CMM_DATABASE_URL', 'postgres://x/db'],
  ['UNQUOTED_HASH=abc#def', 'UNQUOTED_HASH', 'abc'],
  ['DOUBLE="a # b" # trailing', 'DOUBLE', 'a # b'],
  ["SINGLE='a#b'", 'SINGLE', 'a#b'],
  ['BACKTICK=`a # b`', 'BACKTICK', 'a # b'],
  ['SPACED =  padded value  ', 'SPACED', 'padded value'],
  ['export EXPORTED=yes', 'EXPORTED', 'yes'],
  ['COLON: value', 'COLON', 'value'],
  ['EMPTY=', 'EMPTY', ''],
  ['ONLY_COMMENT= # nothing', 'ONLY_COMMENT', ''],
  ['NEWLINE="a\\nb"', 'NEWLINE', 'a\nb'],
  ["RAW='a\\nb'", 'RAW', 'a\\nb'],
  ['OPEN="never closed', 'OPEN', '"never closed'],
  ['TRAILING="quoted" then text', 'TRAILING', '"quoted" then text'],
  ['MULTI="line one\nline two"', 'MULTI', 'line one\nline two'],
  ['CRLF=windows\r', 'CRLF', 'windows'],
]

describe(".env as dotenv reads it (Open Mercato's CLI loads it with dotenv)", () => {
  it('strips inline comments from unquoted values and keeps # inside quotes, as dotenv does', async (t) => {
    const app = tempDir(t)
    mkdirSync(join(app, 'src'), { recursive: true })
    writeFileSync(join(app, 'package.json'), '{ "name": "shop", "private": true }\n')
    writeFileSync(join(app, '.env'), `# a comment line\n${CASES.map(([line]) => line).join('\n')}\n`)
    const pushes = CASES.map(([, key, value], i) => `if (process.env.${key} === ${JSON.stringify(value)}) enabledModules.push({ id: 'case${i}', from: '@app' })`)
    writeFileSync(join(app, 'src/modules.ts'), `export const enabledModules: Array<{ id: string; from?: string }> = []\n${pushes.join('\n')}\n`)
    const r = await cli(['list', '--json', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    const data = JSON.parse(r.stdout).data as { modules: Array<{ id: string }>; missing: Array<{ id: string }> }
    const enabled = new Set([...data.modules, ...data.missing].map((m) => m.id))
    const wrong = CASES.filter((_, i) => !enabled.has(`case${i}`)).map(([line, , value]) => `${JSON.stringify(line)} should give ${JSON.stringify(value)}`)
    assert.deepEqual(wrong, [])
  })
})
