import assert from 'node:assert/strict'
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cli, starterApp } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'

const fits = (frame: string) => {
  const rows = frame.split('\n')
  assert.ok(rows.length <= 24, `${rows.length} rows:\n${frame}`)
  for (const row of rows) assert.ok([...row].length <= 80, `wider than 80: ${row}`)
}
/** The rows from the one matching `first` on, joined back into the text they wrap. */
const joined = (frame: string, first: RegExp, count: number) => {
  const rows = frame.split('\n')
  const at = rows.findIndex((r) => first.test(r))
  assert.notEqual(at, -1, `no row matches ${first}:\n${frame}`)
  return rows.slice(at, at + count).map((r) => r.trim()).join(' ')
}

describe('TUI form messages at 80x24', () => {
  it('a bad value is told in the command line\'s words: "abc" is not a number (e.g. --order 20)', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const cmd = await cli(['page', 'my_sales', 'reports', '--order', 'abc', '--cwd', app])
    assert.match(cmd.stderr, /invalid --order: "abc" is not a number \(e\.g\. --order 20\)/)
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('page')
    await tui.waitFor(/› module\s+my_sales/)
    await tui.press(...['path', 'area', 'title', 'group', 'order'].map(() => KEY.down))
    await tui.waitFor(/› order/)
    await tui.send('abc')
    await tui.waitFor(/✗ "abc" is not a number \(e\.g\. --order 20\)/)
    assert.doesNotMatch(tui.frame(), /Invalid input|NaN/)
    fits(tui.frame())
  })

  it('the focused field\'s description wraps onto at most 3 rows and the form still fits', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('data-entity')
    await tui.waitFor(/› module\s+my_sales/)
    await tui.press(KEY.down, KEY.down)
    await tui.waitFor(/› field/)
    const said = joined(tui.frame(), /^ {2}field: a property/, 3)
    // the types and flags after the 80th column are on screen, in at most three rows
    assert.match(said, /types string, text, textarea, integer, smallint, bigint, .* enum, select, ref /)
    assert.match(tui.frame().split('\n').find((r) => /^ {2}field: /.test(r))!, /^ {2}field: a property/)
    fits(tui.frame())
    assert.match(tui.frame(), /› field/, 'the focused field is still in view')
  })

  it('a refusal on the form wraps instead of being cut', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    appendFileSync(join(app, 'src/modules/my_sales/index.ts'), '// mine\n')
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('undo')
    await tui.waitFor(/✗ src\/modules\/my_sales\/index\.ts changed/)
    assert.match(joined(tui.frame(), /^✗ /, 3), /^✗ src\/modules\/my_sales\/index\.ts changed after "module" was applied; undo would lose that, so nothing was changed/)
    fits(tui.frame())
  })
})

describe('TUI pickers', () => {
  it('enable offers what can be enabled: app module folders not enabled, then Open Mercato modules not enabled', async (t) => {
    const app = await starterApp(t)
    for (const id of ['fleet', 'my_sales']) await cli(['module', id, '--cwd', app, '--quiet'])
    await cli(['disable', 'fleet', '--cwd', app, '--quiet'])
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('enable')
    await tui.waitFor(/› id .*enter: pick from \d+/)
    await tui.press(KEY.enter)
    await tui.waitFor(/enable: pick id/)
    const offered = tui.frame().split('\n').filter((r) => /^[› ] \w+$/.test(r)).map((r) => r.slice(2))
    assert.equal(offered[0], 'fleet', 'the app\'s own folder first')
    assert.ok(offered.includes('api_docs'), `Open Mercato's modules follow: ${offered}`)
    assert.ok(!offered.includes('my_sales'), 'an enabled module is not offered')
    await tui.send('my_sa')
    await tui.waitFor(/no match/)
    await tui.press(KEY.ctrlU, KEY.enter)
    await tui.waitFor(/› id\s+fleet/)
    await tui.press(KEY.down, KEY.down, KEY.enter)
    await tui.waitFor(/y\/enter apply/)
    await tui.press('y')
    await tui.waitFor(/✓ enable fleet from @app/)
  })

  it('a prefilled value is not a change: Esc out of its picker, then Esc on the form goes home without asking', async (t) => {
    const app = await starterApp(t)
    await cli(['module', 'my_sales', '--cwd', app, '--quiet'])
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await tui.open('page')
    await tui.waitFor(/› module\s+my_sales/)
    await tui.press(KEY.enter)
    await tui.waitFor(/page: pick module/)
    await tui.press(KEY.escape)
    await tui.waitFor(/› module\s+my_sales/)
    await tui.press(KEY.escape)
    await tui.waitFor(/› page\s+add a backend/)
    assert.doesNotMatch(tui.frame(), /discard the changes/)
  })
})
