import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { wrapLine } from '../dist/testing.js'
import { cli, starterApp } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'

const noSpace = (text: string) => text.replace(/\s+/g, '')

describe('TUI previews at 80 columns', () => {
  it('a long CREATE TABLE wraps onto indented rows: every character is on screen, and scrolling counts rows', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--no-generate', '--cwd', app, '--quiet'])
    const fields = Array.from({ length: 40 }, (_, i) => ['--field', `field_number_${i}:text`]).flat()
    const added = await cli(['data-entity', 'my_sales', 'Order', ...fields, '--no-generate', '--cwd', app, '--quiet'])
    assert.equal(added.code, 0, added.stderr)
    const dry = await cli(['db', 'generate', '--dry-run', '--cwd', app])
    const sql = dry.stdout.split('\n').find((l) => l.startsWith('create table "orders"'))!
    assert.ok(sql.length > 800, `a long line: ${sql.length}`)

    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('db generate')
    await tui.waitFor(/db generate: create a migration/)
    await tui.press(KEY.up, KEY.enter)
    await tui.waitFor(/y\/enter run/)
    const rows = tui.frame().split('\n')
    assert.ok(rows.length <= 24, `${rows.length} rows:\n${tui.frame()}`)
    for (const row of rows) assert.ok([...row].length <= 80, `wider than 80: ${row}`)
    const total = Number(/lines 1-\d+ of (\d+)/.exec(tui.frame())?.[1])
    assert.ok(total > 20, `the rows are counted, not the lines: ${tui.frame()}`)

    // page through the preview: its rows, by their place in the text, hold the whole statement
    const seen = new Map<number, string>()
    for (;;) {
      const [, from, to] = /lines (\d+)-(\d+) of/.exec(tui.frame())!.map(Number)
      // a full window of rows sits right above the position line
      const frame = tui.frame().split('\n')
      const position = frame.findIndex((r) => /^lines \d+-\d+ of/.test(r))
      frame.slice(position - (to! - from! + 1), position).forEach((row, i) => seen.set(from! + i, row))
      if (to === total) break
      await tui.press(' ')
      await tui.waitFor(new RegExp(`lines (?!${from}-)\\d+-`))
    }
    assert.equal(seen.size, total, 'every row was seen')
    const ordered = [...seen.entries()].sort(([a], [b]) => a - b).map(([, row]) => row)
    const at = ordered.findIndex((r) => r.startsWith('create table "orders"'))
    const statement = [ordered[at]!]
    for (const row of ordered.slice(at + 1)) {
      if (!row.startsWith('  ')) break
      statement.push(row)
    }
    assert.ok(statement.length > 8, `wrapped over many rows: ${statement.length}`)
    assert.equal(noSpace(statement.join('')), noSpace(sql))
    for (const row of statement.slice(1)) assert.match(row, /^ {2}\S/, 'continuation rows are indented')

    await tui.press(KEY.end)
    await tui.waitFor(new RegExp(`lines ${total - 18}-${total} of ${total}`))
    assert.ok(tui.frame().split('\n').length <= 24)
  })
})

describe('prose and tables at 80 columns', () => {
  it('prose breaks after a space, not inside a path, when the row has a space', () => {
    const line = '  ✗ my_sales: src/modules/my_sales/backend/my_sales/reports/monthly/by-region/page.tsx imports src/modules/fleet/lib/rates.ts'
    const rows = wrapLine(line, 80)
    assert.deepEqual(rows, [
      '  ✗ my_sales: ',
      '  src/modules/my_sales/backend/my_sales/reports/monthly/by-region/page.tsx ',
      '  imports src/modules/fleet/lib/rates.ts',
    ])
    // a word wider than a row is cut: nothing else can be done
    assert.deepEqual(wrapLine(`  ${'x'.repeat(100)}`, 80).map((r) => r.length), [80, 24])
  })

  it('list is tables: a long row is cut at the edge, not wrapped into what looks like a row, and ←/→ scroll it', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--no-generate', '--cwd', app, '--quiet'])
    const path = 'reports/monthly/by-region/[regionId]/details'
    assert.equal((await cli(['page', 'my_sales', path, '--cwd', app, '--quiet'])).code, 0)
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('list')
    await tui.waitFor(/^Pages$/m)
    const rows = tui.frame().split('\n')
    for (const row of rows) assert.ok([...row].length <= 80, `wider than 80: ${row}`)
    const pages = rows.indexOf('Pages')
    assert.match(rows[pages + 1]!, /^ {2}url +guards/)
    assert.match(rows[pages + 2]!, /^ {2}\/backend\/my_sales\/reports\/monthly\/by-region\/\[regionId\]\/details +auth; .*…$/, "one row, cut")
    assert.equal(rows[pages + 3]!.trim(), '', 'the next row is the blank before the next table')
    assert.match(tui.frame(), /columns 1-80 of \d+ \(←\/→\)/)
    await tui.press(KEY.right, KEY.right, KEY.right)
    await tui.waitFor(/columns (?!1-)\d+-/)
    assert.match(tui.frame(), /details\/page\.tsx$/m, 'the end of the row scrolled into view')
    await tui.press(KEY.left, KEY.left, KEY.left)
    await tui.waitFor(/columns 1-80/)
  })
})
