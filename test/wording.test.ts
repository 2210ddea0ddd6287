/** Wording rules that hold across every message, checked on the sources. */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'node:test'
import { ROOT } from './helpers.ts'

const sources = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f)).map((f) => join(dir, f))

// "(s)" followed by a word or the end of a string, so calls such as names(s) are not counted
it('counts read as English ("1 module", "3 modules", through count()), never "module(s)"', () => {
  const found = sources(join(ROOT, 'src')).flatMap((file) =>
    readFileSync(file, 'utf8').split('\n').filter((line) => /[a-z]\(s\)(?: [a-z]|['"`])/.test(line) && !/^\s*(\/\/|\*)/.test(line)).map((line) => `${file}: ${line.trim()}`))
  assert.deepEqual(found, [])
})
