/** Contract 7: an edit changes only the bytes it adds; what was there keeps its line endings, escapes and order. */
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe } from 'node:test'
import { arena, attack, ok, refused } from './contract.ts'

const crlf = (path: string) => writeFileSync(path, readFileSync(path, 'utf8').replace(/\r?\n/g, '\r\n'))
const bareLf = (text: string) => text.split('\n').length - text.split('\r\n').length

describe('7. byte fidelity', () => {
  attack('lines inserted into CRLF files (src/modules.ts, acl.ts, i18n/en.json) end in CRLF; the old lines are untouched', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    const files = ['src/modules.ts', 'src/modules/visits/acl.ts', 'src/modules/visits/i18n/en.json'].map((f) => join(a.app, f))
    for (const f of files) crlf(f)
    const before = files.map((f) => readFileSync(f, 'utf8'))
    await ok(a, ['module', 'my_sales'])
    await ok(a, ['page', 'visits', 'reports', '--require-features', 'visits.reports.view'])
    files.forEach((f, i) => {
      const after = readFileSync(f, 'utf8')
      assert.notEqual(after, before[i], `${f} was edited`)
      assert.equal(bareLf(after), 0, `${f} has no bare LF:\n${JSON.stringify(after)}`)
    })
    assert.ok(readFileSync(files[0]!, 'utf8').startsWith(before[0]!.slice(0, before[0]!.indexOf('\r\n') + 2)), 'the first line is kept')
  })

  attack('entity fields merged into a CRLF ce.ts, and data-entity into CRLF validators, keep CRLF', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    await ok(a, ['entity', 'visits', 'note', '--field', 'title:text'])
    await ok(a, ['data-entity', 'visits', 'Vehicle', '--field', 'plate:text'])
    const ce = join(a.app, 'src/modules/visits/ce.ts')
    const validators = join(a.app, 'src/modules/visits/data/validators.ts')
    for (const f of [ce, validators]) crlf(f)
    const before = [ce, validators].map((f) => readFileSync(f, 'utf8'))
    await ok(a, ['entity', 'visits', 'note', '--field', 'body:multiline'])
    await ok(a, ['data-entity', 'visits', 'Driver', '--field', 'name:text'])
    ;[ce, validators].forEach((f, i) => {
      const after = readFileSync(f, 'utf8')
      assert.notEqual(after, before[i], `${f} was edited`)
      assert.equal(bareLf(after), 0, `${f} has no bare LF:\n${JSON.stringify(after)}`)
    })
  })

  attack('an i18n edit inserts its keys into the text: escapes, number formats, key order and duplicates stay byte-identical', async (t) => {
    const a = await arena(t)
    await ok(a, ['module', 'visits'])
    const path = join(a.app, 'src/modules/visits/i18n/en.json')
    const mine = '{\n  "zeta": "Caf\\u00e9 \\/ \\"quoted\\"",\n  "count": 1.50,\n  "big": 1e3,\n  "dup": "first",\n  "dup": "second",\n  "alpha": "a"\n}\n'
    writeFileSync(path, mine)
    await ok(a, ['page', 'visits', 'reports', '--title', 'Reports'])
    const after = readFileSync(path, 'utf8')
    const kept = mine.slice(0, mine.lastIndexOf('"a"') + 3)
    assert.ok(after.startsWith(`${kept},\n  "`), after)
    assert.ok(after.endsWith(': "Reports"\n}\n'), after)
  })

  for (const [content, found] of [['null', 'null'], ['[]', 'an array'], ['"text"', 'a string'], ['42', 'a number']] as const) {
    attack(`an i18n file holding ${content}: one clear line, exit 2, nothing changed`, async (t) => {
      const a = await arena(t)
      await ok(a, ['module', 'visits'])
      writeFileSync(join(a.app, 'src/modules/visits/i18n/en.json'), `${content}\n`)
      await refused(a, ['page', 'visits', 'reports'], 2, new RegExp(`^error: src/modules/visits/i18n/en\\.json holds ${found}, not an object of translations`))
    })
  }
})
