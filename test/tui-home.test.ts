import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { appWithMercato, cli, hashTree, starterApp } from './helpers.ts'
import { KEY, startTui } from './tui-driver.ts'

const ok = async (args: string[]) => {
  const r = await cli([...args, '--quiet'])
  assert.equal(r.code, 0, r.stderr)
}

/** The home screen's app line, once the pending check has answered. */
async function homeLine(app: string) {
  const tui = startTui(app, {}, { columns: 200, rows: 30 })
  try {
    await tui.waitFor(/^\d+ modules? · .*· (no pending migrations|\d+ pending migrations? \(|migrations: unknown \()/m)
    return tui.frame().split('\n').find((l) => / modules? · /.test(l))!
  } finally {
    tui.ui.unmount()
  }
}

describe('the home screen tells pending migrations', () => {
  it('counts them per module, from the files alone before a database exists, then from the database', async (t) => {
    const app = await starterApp(t)
    assert.match(await homeLine(app), /· no pending migrations$/, 'an app without migrations asks no database')

    await ok(['module', 'fleet', '--cwd', app])
    await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--cwd', app])
    assert.match(await homeLine(app), /· no pending migrations · no migration yet in fleet: db generate$/, 'entities without a migration are pointed at db generate')
    await ok(['db', 'generate', '--cwd', app, '--yes'])
    const before = hashTree(app)
    assert.match(await homeLine(app), /· 1 pending migration \(fleet\)$/)
    assert.equal(hashTree(app), before, 'looking created no database')

    await ok(['db', 'migrate', '--cwd', app])
    assert.match(await homeLine(app), /· no pending migrations$/)

    // a migrated module pending again (fleet's Driver) beside new ones, in one db generate (each costs a
    // database session); a glance, not a list: past three modules the rest are counted
    await ok(['data-entity', 'fleet', 'Driver', '--field', 'name:text', '--cwd', app])
    for (const [id, entity] of [['my_sales', 'Order'], ['billing', 'Invoice'], ['crm', 'Lead']]) {
      await ok(['module', id!, '--cwd', app])
      await ok(['data-entity', id!, entity!, '--field', 'code:text', '--cwd', app])
    }
    await ok(['db', 'generate', '--cwd', app, '--yes'])
    assert.match(await homeLine(app), /· 4 pending migrations \(billing, crm, fleet and 1 more\)$/)
  })

  it('does not wait for an embedded database another command holds, and says so', async (t) => {
    const app = await starterApp(t)
    await ok(['module', 'fleet', '--cwd', app])
    await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', '--cwd', app])
    await ok(['db', 'generate', '--cwd', app, '--yes'])
    // the check takes the lock before it opens the database, so a data folder stands for a migrated
    // one (a db migrate here cost half a minute at load 14)
    mkdirSync(join(app, '.mercato', 'db', 'data'), { recursive: true })
    // this test process stands for the other command: a live pid holds the lock
    writeFileSync(join(app, '.mercato', 'db', 'lock'), `${process.pid}\n`)
    assert.match(await homeLine(app), /· migrations: unknown \(the database is in use\)$/)
  })

  it('an unreachable PostgreSQL is one short line, its password masked', async (t) => {
    const app = await starterApp(t)
    await ok(['module', 'fleet', '--cwd', app])
    await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', '--cwd', app])
    await ok(['db', 'generate', '--cwd', app, '--yes'])
    writeFileSync(join(app, '.env'), 'DATABASE_URL=postgres://u:secret@127.0.0.1:1/nowhere\n')
    const line = await homeLine(app)
    assert.match(line, /· migrations: unknown \(cannot reach PostgreSQL at postgres:\/\/u:\*\*\*\*@127\.0\.0\.1:1\/nowhere/)
    assert.doesNotMatch(line, /secret/)
  })

  it('asks again after an action ran from the menus: db migrate clears the count', async (t) => {
    const app = await starterApp(t)
    await ok(['module', 'fleet', '--cwd', app])
    await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', '--cwd', app])
    await ok(['db', 'generate', '--cwd', app, '--yes'])
    const tui = startTui(app, {}, { columns: 200, rows: 30 })
    t.after(() => tui.ui.unmount())
    await tui.waitFor(/· 1 pending migration \(fleet\)$/m)
    await tui.open('db migrate')
    await tui.waitFor(/db migrate: /)
    await tui.press(KEY.down, KEY.down, KEY.enter)
    await tui.waitFor(/fleet: 1 pending migration/)
    await tui.press('y')
    await tui.waitFor(/✓ done/)
    await tui.press(KEY.enter)
    await tui.waitFor(/· no pending migrations$/m)
  })
})

describe("the home screen tells whose registry it is", () => {
  it("with Open Mercato's CLI: not generated until .mercato/generated exists, then made by mercato", async (t) => {
    const app = appWithMercato(t)
    assert.match(await homeLine(app), /^1 module · registry not generated · /)
    mkdirSync(join(app, '.mercato', 'generated'), { recursive: true })
    assert.match(await homeLine(app), /^1 module · registry made by mercato · /)
  })
})
