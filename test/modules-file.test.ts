import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addModuleEntry, enabledModules, readModulesFile, removeModuleEntry, UsageError } from '../dist/index.js'

const TRICKY = `// Modules of the backoffice. Order matters: later registrars override earlier ones.
import type { ModuleEntry } from '@open-mercato/shared/modules/registry'
import { parseBooleanWithDefault } from '@open-mercato/shared/lib/boolean'
import { coreModules } from './core-modules'

const enterprise = parseBooleanWithDefault(process.env.OM_ENTERPRISE, false)

export const enabledModules: ModuleEntry[] = [
    ...coreModules,
    { id: 'auth' },   // defaults to @open-mercato/core
    /* the shop */
    { id:"catalog",from:'@open-mercato/core' },
    { id: 'example', from: '@open-mercato/example' } // trailing note
]

if (enterprise) {
  enabledModules.push({ id: 'sso', from: '@open-mercato/enterprise' })
}

if (process.env.SEARCH === 'on' && !enterprise) enabledModules.push({ id: 'search', from: '@open-mercato/search' })

for (const extra of ['a', 'b']) enabledModules.push({ id: extra })

export const other = [ { id: 'not_a_module' } ]
`

describe('reading src/modules.ts', () => {
  it('follows the Open Mercato rules: string literals only, missing from = core, decidable if-pushes, no for loops', () => {
    const file = readModulesFile(TRICKY, { SEARCH: 'on' })
    assert.deepEqual(enabledModules(file), [
      { id: 'auth', from: '@open-mercato/core' },
      { id: 'catalog', from: '@open-mercato/core' },
      { id: 'example', from: '@open-mercato/example' },
      { id: 'search', from: '@open-mercato/search' },
    ])
    const sso = file.entries.find((e) => e.id === 'sso')
    assert.equal(sso?.active, false, 'push under a false condition is read but inactive')
  })

  it('evaluates env flags, parseBooleanWithDefault, .some() and local consts', () => {
    const source = `const features = ['x', 'y']
const on = parseBooleanWithDefault(process.env.FLAG, true)
export const enabledModules = [] as const
if (on && features.some((f) => f === 'y')) enabledModules.push({ id: 'one', from: '@app' })
if (process.env['MODE'] !== 'lite') { enabledModules.push({ id: 'two', from: '@app' }, { id: 'three', from: '@app' }) } else { enabledModules.push({ id: 'lite', from: '@app' }) }
if (someRuntimeCall()) enabledModules.push({ id: 'unknown', from: '@app' })
`
    assert.deepEqual(enabledModules(readModulesFile(source, {})).map((m) => m.id), ['one', 'two', 'three'])
    assert.deepEqual(enabledModules(readModulesFile(source, { FLAG: 'no', MODE: 'lite' })).map((m) => m.id), ['lite'])
  })

  it('refuses a file that does not parse, or has no enabledModules array', () => {
    assert.throws(() => readModulesFile('export const enabledModules = [\n  { id: "a" ,,, \n'), (e: Error) => e instanceof UsageError && /src\/modules.ts:\d+:\d+ does not parse/.test(e.message))
    assert.throws(() => readModulesFile('export const modules = []\n'), /has no "export const enabledModules/)
    assert.throws(() => readModulesFile('export const enabledModules = build()\n'), /must be an array literal/)
  })
})

describe('editing src/modules.ts', () => {
  it('appends the entry and keeps every other byte of a tricky file', () => {
    const result = addModuleEntry(readModulesFile(TRICKY, {}), { id: 'visits', from: '@app' })
    const expected = TRICKY.replace(
      `    { id: 'example', from: '@open-mercato/example' } // trailing note\n]`,
      `    { id: 'example', from: '@open-mercato/example' }, // trailing note\n    { id: 'visits', from: '@app' },\n]`,
    )
    assert.equal(result.changed, true)
    assert.equal(result.text, expected)
  })

  it('handles an empty array, a one-line array and a bracket on the last element line', () => {
    const add = (text: string) => addModuleEntry(readModulesFile(text, {}), { id: 'visits', from: '@app' }).text
    assert.equal(add('export const enabledModules = []\n'), "export const enabledModules = [\n  { id: 'visits', from: '@app' },\n]\n")
    assert.equal(add("export const enabledModules = [{ id: 'auth' }]\n"), "export const enabledModules = [{ id: 'auth' }, { id: 'visits', from: '@app' }]\n")
    assert.equal(add("export const enabledModules = [{ id: 'auth' },]\n"), "export const enabledModules = [{ id: 'auth' }, { id: 'visits', from: '@app' },]\n")
    assert.equal(
      add("export const enabledModules = [\n\t{ id: 'auth' },\n\t{ id: 'b' }]\n"),
      "export const enabledModules = [\n\t{ id: 'auth' },\n\t{ id: 'b' },\n\t{ id: 'visits', from: '@app' }]\n",
    )
    assert.equal(
      add('export const enabledModules = [\n  { id: "auth" }\n]\n'),
      'export const enabledModules = [\n  { id: "auth" },\n  { id: "visits", from: "@app" },\n]\n',
      'keeps the quote style of the file',
    )
  })

  it('is a no-op for an identical entry and an error for the same id from elsewhere', () => {
    const file = readModulesFile(TRICKY, {})
    const same = addModuleEntry(file, { id: 'auth', from: '@open-mercato/core' })
    assert.equal(same.changed, false)
    assert.equal(same.text, TRICKY)
    assert.throws(() => addModuleEntry(file, { id: 'catalog', from: '@app' }), (e: Error) => e instanceof UsageError && /already registered from "@open-mercato\/core" at src\/modules.ts:12/.test(e.message))
    assert.throws(() => addModuleEntry(file, { id: 'sso', from: '@app' }), /already registered from "@open-mercato\/enterprise"/, 'conditional pushes count as registrations')
  })

  it('removes an element or a push and nothing else', () => {
    const file = readModulesFile(TRICKY, {})
    assert.equal(removeModuleEntry(file, 'catalog').text, TRICKY.replace(`    /* the shop */\n    { id:"catalog",from:'@open-mercato/core' },\n`, '    /* the shop */\n'))
    assert.equal(removeModuleEntry(file, 'sso').text, TRICKY.replace(`  enabledModules.push({ id: 'sso', from: '@open-mercato/enterprise' })\n`, ''))
    assert.equal(removeModuleEntry(file, 'nope').changed, false)
    const oneLine = readModulesFile("export const enabledModules = [{ id: 'a' }, { id: 'b' }]\n", {})
    assert.equal(removeModuleEntry(oneLine, 'b').text, "export const enabledModules = [{ id: 'a' }]\n")
    assert.equal(removeModuleEntry(oneLine, 'a').text, "export const enabledModules = [{ id: 'b' }]\n")
  })
})
