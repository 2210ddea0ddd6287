import assert from 'node:assert/strict'
import { describe, it, type TestContext } from 'node:test'
import { createNodeFileSystem, createServices } from '../dist/index.js'
import { pglite } from './db-helpers.ts'
import { cli, starterApp } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'

const SPINNER = '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]'

/**
 * Services whose file system holds a module's step until `release`: reading the module's migrations
 * folder waits once `arm` was called, so the screen can be looked at while that module runs.
 */
function gated(module: string) {
  const fs = createNodeFileSystem()
  let armed = false
  let release = () => {}
  const gate = new Promise<void>((resolve) => { release = resolve })
  const services = createServices({
    quiet: true,
    overrides: {
      fs: {
        ...fs,
        async readDir(path: string) {
          if (armed && path.endsWith(`/${module}/migrations`)) await gate
          return fs.readDir(path)
        },
      },
    },
  })
  return { services, arm: () => { armed = true }, release: () => release() }
}

/** An app whose modules with entities have their first migration written, not applied. */
async function appWith(t: TestContext, modules: string[], withEntities: string[]) {
  const app = await starterApp(t)
  for (const id of modules) await cli(['module', id, '--no-generate', '--cwd', app, '--quiet'])
  for (const id of withEntities) await cli(['data-entity', id, 'Item', '--table', `${id}_items`, '--field', 'name:text', '--no-generate', '--cwd', app, '--quiet'])
  const r = await cli(['db', 'generate', '--cwd', app, '--quiet'])
  assert.equal(r.code, 0, r.stderr)
  return app
}

/** Opens db migrate, looks at its preview, and runs it with the gate armed. */
async function startMigrate(tui: ReturnType<typeof startTui>, arm: () => void) {
  await tui.open('db migrate')
  await tui.waitFor(/db migrate: apply pending/)
  await tui.press(KEY.up, KEY.enter)
  await tui.waitFor(/y\/enter run/)
  arm()
  await tui.press('y')
}

const fits = (frame: string) => {
  const rows = frame.split('\n')
  assert.ok(rows.length <= 24, `${rows.length} rows:\n${frame}`)
  for (const row of rows) assert.ok([...row].length <= 80, `wider than 80: ${row}`)
}

describe('TUI step list while db migrate runs', () => {
  it('done modules with ✓ and their outcome, the running one with a spinner, the rest pending; all ✓ at the end', async (t) => {
    const app = await appWith(t, ['alpha', 'beta', 'gamma'], ['alpha', 'beta', 'gamma'])
    const { services, arm, release } = gated('beta')
    const tui = startTui(app, { services }, { columns: 80, rows: 24 })
    t.after(() => { release(); tui.ui.unmount() })
    await startMigrate(tui, arm)
    await tui.waitFor(new RegExp(`${SPINNER} beta`))
    const frame = tui.frame()
    assert.match(frame, /✓ alpha +applied Migration\d{14}_alpha/)
    assert.match(frame, /· gamma\s*$/m)
    assert.doesNotMatch(frame, /gamma +applied/)
    fits(frame)
    release()
    await tui.waitFor(/✓ done/)
    for (const id of ['alpha', 'beta', 'gamma']) assert.match(tui.frame(), new RegExp(`✓ ${id} +applied Migration\\d{14}_${id}`))
    assert.match(tui.frame(), /3 migrations applied/)
    fits(tui.frame())
  })

  it('a long list fits 80x24: scrolled so the running module stays in view, with counts for the rest', async (t) => {
    const ids = Array.from({ length: 24 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`)
    const app = await appWith(t, ids, ['m16'])
    const { services, arm, release } = gated('m16')
    const tui = startTui(app, { services }, { columns: 80, rows: 24 })
    t.after(() => { release(); tui.ui.unmount() })
    await startMigrate(tui, arm)
    await tui.waitFor(new RegExp(`${SPINNER} m16`))
    const frame = tui.frame()
    fits(frame)
    assert.match(frame, /… \d+ done/)
    assert.match(frame, /✓ m15 +skipped/)
    assert.match(frame, /… \d+ more to come/)
    assert.doesNotMatch(frame, /m01/, 'the first modules scrolled away')
    release()
    await tui.waitFor(/✓ done/)
    fits(tui.frame())
  })

  it('once done, every step and the result are a pager: it starts at the result, scrolls to the first step, filters', async (t) => {
    const ids = Array.from({ length: 17 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`)
    const app = await appWith(t, ids, ['m16'])
    const tui = startTui(app, {}, { columns: 80, rows: 24 })
    t.after(() => tui.ui.unmount())
    await startMigrate(tui, () => {})
    await tui.waitFor(/✓ done/)
    const done = tui.frame()
    fits(done)
    assert.doesNotMatch(done, /… \d+ done/, 'no step is left out')
    assert.match(done, /1 migration applied/)
    assert.match(done, /^db migrate · ↑\/↓ PgUp\/PgDn scroll · type to filter · enter: back$/m)
    assert.match(done, /lines \d+-(\d+) of \1/, 'it starts at the end')
    await tui.press(KEY.home)
    await tui.waitFor(/lines 1-/)
    assert.match(tui.frame(), /^✓ m01 +skipped/m)
    await tui.press(KEY.down)
    await tui.waitFor(/lines 2-/)
    assert.match(tui.frame(), /^✓ m02 /m)
    await tui.send('m16')
    await tui.waitFor(/filter: m16/)
    assert.match(tui.frame(), /^✓ m16 +applied Migration\d{14}_m16/m)
    assert.doesNotMatch(tui.frame(), /^✓ m15/m)
    fits(tui.frame())
    // Esc clears the filter first, then goes back
    await tui.press(KEY.escape)
    await tui.waitFor(/lines 1-/)
    await tui.press(KEY.escape)
    await tui.waitFor(/› db migrate/)
  })
})

describe('Ctrl+C on the running screen', () => {
  it('stops before the next module, goes back to the menu and says what was migrated', async (t) => {
    const app = await appWith(t, ['alpha', 'beta', 'gamma'], ['alpha', 'beta', 'gamma'])
    const { services, arm, release } = gated('alpha')
    let code: number | undefined
    const tui = startTui(app, { services, onExitCode: (c: number) => { code = c } }, { columns: 80, rows: 24 })
    t.after(() => { release(); tui.ui.unmount() })
    await startMigrate(tui, arm)
    await tui.waitFor(new RegExp(`${SPINNER} alpha`))
    await tui.press(KEY.ctrlC)
    release()
    await tui.waitFor(/› db migrate/)
    await tui.waitFor(/cancelled: db migrate stopped; alpha: applied/)
    // the line wraps: every word of it is on the screen
    const rows = tui.frame().split('\n')
    const said = rows.slice(rows.findIndex((row) => row.startsWith('cancelled:')), -2).map((row) => row.trim()).join(' ')
    assert.match(said, /cancelled: db migrate stopped; alpha: applied Migration\d{14}_alpha; not migrated: beta, gamma \(run db migrate to apply their pending migrations\)/)
    fits(tui.frame())
    assert.equal(code, undefined, 'back at the menu, not quit')
    // the home screen asks the database again: what the cancelled run applied counts
    await tui.waitFor(/· 2 pending migrations \(beta, gamma\)/)
    const tables = await pglite.query(app, "select table_name from information_schema.tables where table_name like '%items' order by 1")
    assert.deepEqual(tables.map((row) => row.table_name), ['alpha_items'])
  })
})
