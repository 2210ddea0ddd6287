import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, starterApp } from './helpers.ts'
import { writeRelease } from './upgrade-versions.ts'

const MODULES = ['fleet', 'visits', 'invoices', 'payments', 'tickets', 'assets', 'contracts', 'drivers', 'routes', 'depots', 'orders', 'returns', 'vendors', 'stock', 'shifts', 'audits', 'leads', 'quotes', 'parcels', 'claims']

interface DevEdit { file: (m: string) => string; apply: (text: string, m: string) => string; mark: (m: string) => string }

/** What a developer does to a fresh module: the same kinds of edit, each module a different mix. */
const EDITS: DevEdit[] = [
  { file: (m) => `src/modules/${m}/backend/${m}/reports/page.tsx`, apply: (s, m) => s.replace(/(<h1[^\n]*\n)/, `$1      <p>{translate('${m}.reports.intro', 'Monthly figures')}</p>\n`), mark: (m) => `'${m}.reports.intro'` },
  { file: (m) => `src/modules/${m}/backend/${m}/reports/page.tsx`, apply: (s) => s.replace(/^(import[^\n]*\n)/, "$1import { formatMoney } from '../../../lib/money'\n"), mark: () => 'formatMoney' },
  { file: (m) => `src/modules/${m}/backend/page.tsx`, apply: (s) => s.replace('<h1>', '<h1 className="text-xl">'), mark: () => 'className="text-xl"' },
  { file: (m) => `src/modules/${m}/api/${m}-records/route.ts`, apply: (s) => s.replace(/\bsortFieldMap\b/g, 'sortByField'), mark: () => '    sortByField,' },
  { file: (m) => `src/modules/${m}/api/${m}-records/route.ts`, apply: (s) => s.replace("{ status: 404, description: 'Not found' }", "{ status: 404, description: 'No such record' }"), mark: () => 'No such record' },
  { file: (m) => `src/modules/${m}/api/${m}-records/route.ts`, apply: (s) => s.replace(/(\nexport const metadata)/, '\n// records are tenant-scoped; see docs/records.md\n$1'), mark: () => 'see docs/records.md' },
  { file: (m) => `src/modules/${m}/acl.ts`, apply: (s, m) => s.replace('\n]\n', `\n  { id: '${m}.export', title: 'Export', module: '${m}' },\n]\n`), mark: (m) => `'${m}.export'` },
  { file: (m) => `src/modules/${m}/index.ts`, apply: (s, m) => s.replace("description: ''", `description: 'The ${m} of the company'`), mark: (m) => `The ${m} of the company` },
  { file: (m) => `src/modules/${m}/setup.ts`, apply: (s, m) => s.replace(/(\n\s*employee: [^\n]*\n)/, `$1    auditor: ['${m}.view'],\n`), mark: (m) => `auditor: ['${m}.view']` },
  { file: (m) => `src/modules/${m}/i18n/en.json`, apply: (s, m) => s.replace('{\n', `{\n  "${m}.reports.intro": "Monthly figures",\n`), mark: (m) => `"${m}.reports.intro"` },
  { file: (m) => `src/modules/${m}/di.ts`, apply: (s) => s.replace('  void container\n', "  container.register({ clock: { resolve: () => Date.now } })\n"), mark: () => 'Date.now' },
  { file: (m) => `src/modules/${m}/data/entities.ts`, apply: (s) => s.replace(/(\n@Entity)/, '\n// one row per record; archived rows keep their id\n$1'), mark: () => 'archived rows keep their id' },
]

/** The user's side of every conflict: how a developer in a hurry resolves them. */
const keepYours = (text: string) => text.replace(/^<<<<<<< [^\n]*\n([\s\S]*?)^\|\|\|\|\|\|\| [^\n]*\n[\s\S]*?^=======\n[\s\S]*?^>>>>>>> [^\n]*\n/gm, '$1')

describe('upgrade corpus', () => {
  it(`${MODULES.length} edited modules through three template versions: the clean-merge rate, every edit kept`, async (t) => {
    const app = await starterApp(t)
    const run = async (...args: string[]) => {
      const r = await cli([...args, '--cwd', app, '--quiet'])
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
      return r
    }
    for (const m of MODULES) {
      await run('module', m, '--with-page')
      await run('page', m, 'reports')
      await run('data-entity', m, 'Record', '--field', 'title:text:required', '--field', 'amount:number', '--crud', '--table', `${m}_records`)
    }
    const path = (file: string) => join(app, file)
    const applied: Array<{ file: string; mark: string }> = []
    MODULES.forEach((m, i) => {
      EDITS.forEach((e, k) => {
        if ((i + k) % 3 === 0) return
        const file = e.file(m)
        const before = readFileSync(path(file), 'utf8')
        const after = e.apply(before, m)
        assert.notEqual(after, before, `edit ${k} applies to ${file}`)
        writeFileSync(path(file), after)
        applied.push({ file, mark: e.mark(m) })
      })
    })

    let merged = 0
    let clean = 0
    for (const version of [2, 3] as const) {
      writeRelease(app, version)
      const r = await cli(['upgrade', '--allow-conflicts', '--json', '--cwd', app])
      assert.equal(r.code, 0, r.stderr)
      const notes: string[] = JSON.parse(r.stdout).plan.notes
      for (const note of notes) {
        const conflicted = / (\d+) conflicts? marked$/.exec(note)
        if (note.endsWith(': merged') || conflicted) merged++
        if (note.endsWith(': merged')) clean++
        if (conflicted) {
          t.diagnostic(`release ${version}: ${note}`)
          const file = note.slice(0, note.indexOf(': '))
          writeFileSync(path(file), keepYours(readFileSync(path(file), 'utf8')))
        }
      }
      assert.ok(!notes.some((n) => n.startsWith('cannot be re-rendered')), notes.join('\n'))
    }
    for (const { file, mark } of applied) assert.ok(readFileSync(path(file), 'utf8').includes(mark), `${file} keeps ${mark}`)
    for (const m of MODULES) assert.equal(readFileSync(path(`src/modules/${m}/acl.ts`), 'utf8').split(`'${m}.export'`).length, 2, `${m}.export is declared once, by the developer or by release 3`)
    const rate = clean / merged
    t.diagnostic(`corpus: ${MODULES.length} modules, ${applied.length} edits, 3 template versions: ${clean} of ${merged} edited files merged without a conflict (${(rate * 100).toFixed(1)}%)`)
    assert.ok(merged >= 100, `${merged} merges`)
    assert.ok(rate >= 0.9, `clean-merge rate ${(rate * 100).toFixed(1)}%`)
  })
})
