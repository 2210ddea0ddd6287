import assert from 'node:assert/strict'
import { it } from 'node:test'
import { cli, read, starterApp } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'

it('an error that says what to do offers it on a key: ctrl+r runs the form again with --force', async (t) => {
  const app = await starterApp(t)
  // the scaffold of another title, untouched: the one kind of file a hint may offer to overwrite
  assert.equal((await cli(['module', 'fleet', '--title', 'Vans', '--cwd', app, '--quiet'])).code, 0)
  const scaffolded = read(app, 'src/modules/fleet/index.ts')
  const tui = startTui(app)
  t.after(() => tui.ui.unmount())
  await tui.open('module')
  await tui.waitFor(/module: /)
  await tui.send('fleet')
  // up from the first field wraps to the submit row
  await tui.press(KEY.up)
  await tui.waitFor(/› \[ Preview changes \]/)
  await tui.press(KEY.enter)
  await tui.waitFor(/✗ src\/modules\/fleet\/index\.ts already exists and differs from the scaffold/)
  // the TUI's own words: a key, not a flag to retype the command with
  assert.match(tui.frame(), /ctrl\+r: run again with force, to overwrite it \(module wrote it and it is unchanged since\), or pick\s+another name/)
  assert.doesNotMatch(tui.frame(), /--force/)
  await tui.press('\u0012')
  await tui.waitFor(/~ edit   src\/modules\/fleet\/index\.ts/)
  await tui.press('y')
  await tui.waitFor(/✓ module fleet/)
  assert.notEqual(read(app, 'src/modules/fleet/index.ts'), scaffolded)
})

it('an error that needs a value focuses the field to fill in', async (t) => {
  const app = await starterApp(t)
  assert.equal((await cli(['module', 'fleet', '--cwd', app, '--quiet'])).code, 0)
  assert.equal((await cli(['module', 'my_sales', '--cwd', app, '--quiet'])).code, 0)
  assert.equal((await cli(['data-entity', 'my_sales', 'Order', '--field', 'total:decimal', '--cwd', app, '--quiet'])).code, 0)
  const tui = startTui(app)
  t.after(() => tui.ui.unmount())
  await tui.open('data-entity')
  await tui.waitFor(/data-entity: /)
  await tui.send(`${KEY.ctrlU}fleet`)
  await tui.press(KEY.down)
  await tui.send('Order')
  await tui.press(KEY.up, KEY.up)
  await tui.waitFor(/› \[ Preview changes \]/)
  await tui.press(KEY.enter)
  await tui.waitFor(/✗ table "orders" already belongs to module my_sales/)
  assert.match(tui.frame(), /try: fill in table, to pick another table/)
  assert.match(tui.frame(), /› table/, 'the cursor is on the field to fill in')
})
