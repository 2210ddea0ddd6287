import assert from 'node:assert/strict'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { db, migrationFilesOf, pglite, postgres, statementsOf, tablesIn, type Db } from './db-helpers.ts'
import { cli, hashTree, starterApp } from './helpers.ts'

const quiet = (app: string) => ['--cwd', app, '--quiet']
async function ok(args: string[]) {
  const r = await cli(args)
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  return r
}

/** Three modules, two rounds of changes after the first migrations were applied: every statement stays in its module. */
async function threeModules(t: TestContext, target: Db) {
  const app = await starterApp(t)
  for (const m of ['alpha', 'beta', 'gamma']) await ok(['module', m, ...quiet(app)])
  await ok(['data-entity', 'alpha', 'Thing', '--field', 'title:text', ...quiet(app)])
  await ok(['data-entity', 'beta', 'Widget', '--field', 'name:text', ...quiet(app)])
  await ok(['data-entity', 'gamma', 'Gizmo', '--field', 'size:integer', ...quiet(app)])
  await db(['generate'], app, target)
  await db(['migrate'], app, target)

  await ok(['data-entity', 'alpha', 'Thing', '--field', 'weight:float', ...quiet(app)])
  await ok(['data-entity', 'beta', 'Widget', '--field', 'color:text', ...quiet(app)])
  const round1 = await db(['generate'], app, target)
  assert.match(round1, /alpha: created .*\nbeta: created .*\ngamma: no changes/)
  await db(['migrate'], app, target)

  await ok(['data-entity', 'gamma', 'Part', '--field', 'code:text', ...quiet(app)])
  await ok(['data-entity', 'alpha', 'Thing', '--field', 'notes:text', ...quiet(app)])
  const round2 = await db(['generate'], app, target)
  assert.match(round2, /alpha: created .*\nbeta: no changes\ngamma: created /)
  assert.match(await db(['migrate'], app, target), /2 migrations applied/)

  const own: Record<string, string[]> = { alpha: ['things'], beta: ['widgets'], gamma: ['gizmos', 'parts'] }
  const counts = Object.fromEntries(Object.keys(own).map((m) => [m, migrationFilesOf(app, m).length]))
  assert.deepEqual(counts, { alpha: 3, beta: 2, gamma: 2 })
  for (const [module, tables] of Object.entries(own)) {
    for (const file of migrationFilesOf(app, module)) {
      const { up, down } = statementsOf(file)
      for (const statement of [...up, ...down]) {
        for (const table of tablesIn(statement)) assert.ok(tables.includes(table), `${module}/${file.split('/').pop()} names ${table}: ${statement}`)
      }
    }
  }
  const last = statementsOf(migrationFilesOf(app, 'alpha').at(-1)!)
  assert.deepEqual(last.up, ['alter table "things" add "notes" text null;'])
  assert.deepEqual(last.down, ['alter table "things" drop column "notes";'])
  assert.deepEqual(statementsOf(migrationFilesOf(app, 'gamma').at(-1)!).down, ['drop table if exists "parts" cascade;'])
  assert.match(await db(['status'], app, target), /alpha +3 +0 +no\nbeta +2 +0 +no\ngamma +2 +0 +no/)
  assert.deepEqual((await target.query(app, "select column_name from information_schema.columns where table_name = 'things' and column_name in ('weight', 'notes') order by 1")).map((r) => r.column_name), ['notes', 'weight'])
}

/** Drops a column and changes a type by hand: db generate shows it, asks for --yes off a terminal, and writes nothing without it. */
async function destructiveChange(t: TestContext, target: Db) {
  const app = await starterApp(t)
  await ok(['module', 'fleet', ...quiet(app)])
  await ok(['module', 'notes', ...quiet(app)])
  await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--field', 'mileage:integer', ...quiet(app)])
  await ok(['data-entity', 'notes', 'Note', '--field', 'body:text', ...quiet(app)])
  await db(['generate'], app, target)
  await db(['migrate'], app, target)
  const entities = join(app, 'src/modules/fleet/data/entities.ts')
  const source = readFileSync(entities, 'utf8')
  const edited = source.replace(/\n\s*@Property\(\{ type: 'integer', nullable: true \}\)\n\s*mileage\?: number \| null\n/, '\n').replace("@Property({ type: 'text' })\n  plate!: string", "@Property({ type: 'integer' })\n  plate!: number")
  assert.notEqual(edited, source)
  assert.doesNotMatch(edited, /mileage/)
  writeFileSync(entities, edited)
  await ok(['data-entity', 'notes', 'Note', '--field', 'title:text', ...quiet(app)])

  const before = hashTree(app)
  const refused = await cli(['db', 'generate', ...target.flags, '--cwd', app])
  assert.equal(refused.code, 2)
  assert.match(refused.stderr, /^error: db generate would write SQL that loses data \(fleet: drops column vehicles\.mileage; fleet: changes the type of vehicles\.plate to int\); nothing was written/m)
  assert.equal(hashTree(app), before, 'no module got its migration: not even the harmless one of notes')

  const dry = await cli(['db', 'generate', '--dry-run', ...target.flags, '--cwd', app])
  assert.equal(dry.code, 0, dry.stderr)
  assert.match(dry.stdout, /^-- fleet: new migration \(DESTRUCTIVE: drops column vehicles\.mileage; changes the type of vehicles\.plate to int\)$/m)
  assert.match(dry.stdout, /^alter table "vehicles" drop column "mileage";$/m)
  assert.match(dry.stdout, /^alter table "vehicles" alter column "plate" type int using \("plate"::int\);$/m)
  assert.match(dry.stdout, /^-- notes: new migration\nalter table "notes" add "title" text null;$/m)
  assert.equal(hashTree(app), before)

  const written = await cli(['db', 'generate', '--allow-destructive', ...target.flags, '--cwd', app])
  assert.equal(written.code, 0, written.stderr)
  assert.match(written.stdout, /fleet: created src\/modules\/fleet\/migrations\/Migration\d{14}_fleet\.ts \(drops column vehicles\.mileage; changes the type of vehicles\.plate to int\)/)
  assert.match(written.stdout, /notes: created /)
  assert.match(readFileSync(migrationFilesOf(app, 'fleet').at(-1)!, 'utf8'), /drop column "mileage"/)
}

describe('db on embedded PGlite', () => {
  it('three modules, two rounds of changes: every statement, up and down, names only its own module\'s tables', async (t) => {
    await threeModules(t, pglite)
  })
  it('a dropped column and a changed type are shown by --dry-run, refused off a terminal, written with --allow-destructive', async (t) => {
    await destructiveChange(t, pglite)
  })
})

describe('db on a real PostgreSQL server', () => {
  it('three modules, two rounds of changes: every statement names only its own module\'s tables', async (t) => {
    const target = postgres(t)
    if (target) await threeModules(t, target)
  })
  it('destructive changes are never silent', async (t) => {
    const target = postgres(t)
    if (target) await destructiveChange(t, target)
  })
})

describe('tables belong to one module', () => {
  it('data-entity refuses another module\'s table (exit 2, naming both); --table picks another; doctor and db generate find a hand-made clash', async (t) => {
    const app = await starterApp(t)
    for (const m of ['orders', 'payments', 'shipping']) await ok(['module', m, ...quiet(app)])
    await ok(['data-entity', 'orders', 'Order', '--field', 'total:float', ...quiet(app)])
    const before = hashTree(app)
    const r = await cli(['data-entity', 'payments', 'Order', '--field', 'amount:float', '--cwd', app])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^error: table "orders" already belongs to module orders \(src\/modules\/orders\/data\/entities\.ts:\d+\); module payments cannot declare it too\ntry: --table <table> to pick another table$/m)
    assert.equal(hashTree(app), before)
    await ok(['data-entity', 'payments', 'Order', '--table', 'payment_orders', '--field', 'amount:float', ...quiet(app)])
    assert.match(readFileSync(join(app, 'src/modules/payments/data/entities.ts'), 'utf8'), /@Entity\(\{ tableName: 'payment_orders' \}\)/)
    await ok(['data-entity', 'shipping', 'Parcel', ...quiet(app)])
    assert.equal((await cli(['doctor', '--cwd', app])).code, 0)

    const payments = join(app, 'src/modules/payments/data/entities.ts')
    writeFileSync(payments, readFileSync(payments, 'utf8').replace("tableName: 'payment_orders'", "tableName: 'orders'"))
    const doctor = await cli(['doctor', '--cwd', app])
    assert.equal(doctor.code, 1)
    assert.match(doctor.stdout, /src\/modules\/payments\/data\/entities\.ts:\d+: \[tables\] table "orders" is also declared by module orders/)
    const clash = hashTree(app)
    const gen = await cli(['db', 'generate', '--cwd', app])
    assert.equal(gen.code, 2)
    assert.match(gen.stderr, /^error: table "orders" is declared by module orders and by module payments; .*nothing was written/m)
    assert.equal(hashTree(app), clash)
  })
})

describe('database honesty', () => {
  it('a wrong password or a missing database: exit 1, one line with host, database and the server\'s reason, nothing reported', async (t) => {
    const target = postgres(t)
    if (!target) return
    await target.ready
    const app = await starterApp(t)
    await ok(['module', 'fleet', ...quiet(app)])
    await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', ...quiet(app)])
    await ok(['db', 'generate', ...quiet(app)])
    const url = new URL(target.flags[1]!)
    for (const [change, reason] of [[(u: URL) => { u.password = 'not-the-password' }, /password authentication failed for user "postgres"/], [(u: URL) => { u.pathname = '/cmm_no_such_database' }, /database "cmm_no_such_database" does not exist/]] as const) {
      const wrong = new URL(url)
      change(wrong)
      for (const command of ['status', 'migrate', 'greenfield']) {
        const r = await cli(['db', command, ...(command === 'greenfield' ? ['--yes'] : []), '--database-url', wrong.toString(), '--cwd', app])
        assert.equal(r.code, 1, `${command}: ${r.stdout}`)
        assert.equal(r.stdout, '', 'nothing is reported that was not read')
        const errors = r.stderr.split('\n').filter((l) => l.startsWith('error'))
        assert.equal(errors.length, 1)
        assert.match(errors[0]!, /^error: cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*\*@127\.0\.0\.1:5432\/cmm_\w+: /)
        assert.match(errors[0]!, reason)
        assert.doesNotMatch(r.stderr, /not-the-password/)
      }
    }
  })

  it('an empty --database-url is a usage error; no secret is written to disk; the database\'s own message is shown', async (t) => {
    const target = postgres(t)
    if (!target) return
    const app = await starterApp(t)
    await ok(['module', 'fleet', ...quiet(app)])
    await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', ...quiet(app)])
    const before = hashTree(app)
    for (const args of [['--database-url='], ['--database-url', '']]) {
      const r = await cli(['db', 'migrate', ...args, '--cwd', app])
      assert.equal(r.code, 2)
      assert.match(r.stderr, /^error: --database-url is empty/)
    }
    assert.equal(hashTree(app), before)
    await db(['generate'], app, target)
    await db(['migrate'], app, target)
    const secret = new URL(target.flags[1]!).password
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (n === 'node_modules' ? [] : statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
    for (const file of walk(app)) assert.doesNotMatch(readFileSync(file, 'utf8'), new RegExp(`:${secret}@`), file)

    writeFileSync(join(app, 'src/modules/fleet/migrations/Migration20991231000000_fleet.ts'), `import { Migration } from '@mikro-orm/migrations'

export class Migration20991231000000_fleet extends Migration {
  override up(): void {
    this.addSql('create table "vehicles" ("id" int);')
  }
}
`)
    const r = await cli(['db', 'migrate', ...target.flags, '--cwd', app])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^error: module fleet: migration Migration20991231000000_fleet\.ts failed and was rolled back: relation "vehicles" already exists$/m)
  })
})

/** undo of a migrated change: refused without --force, says what follows; orphans are reported; greenfield drops them. */
async function undoAfterMigrations(t: TestContext, target: Db) {
  const app = await starterApp(t)
  await ok(['module', 'fleet', ...quiet(app)])
  await ok(['module', 'notes', ...quiet(app)])
  await ok(['data-entity', 'notes', 'Note', '--field', 'body:text', ...quiet(app)])
  await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', ...quiet(app)])
  await db(['generate'], app, target)
  await db(['migrate'], app, target)
  await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'mileage:integer', ...quiet(app)])
  await db(['generate'], app, target)
  await db(['migrate'], app, target)

  const before = hashTree(app)
  const refused = await cli(['undo', '--cwd', app])
  assert.equal(refused.code, 2)
  assert.match(refused.stderr, /^error: module fleet: Migration\d{14}_fleet\.ts was generated after "data-entity" and may be applied; undo leaves it as is, so the next db generate will drop column vehicles\.mileage; nothing was changed\ntry: --force to undo anyway$/m)
  assert.equal(hashTree(app), before)
  const forced = await cli(['undo', '--force', '--cwd', app])
  assert.equal(forced.code, 0, forced.stderr)
  assert.match(forced.stderr, /the next db generate will drop column vehicles\.mileage/)
  const next = await cli(['db', 'generate', ...target.flags, '--cwd', app])
  assert.equal(next.code, 2, 'the drop is never written silently')
  assert.match(next.stderr, /fleet: drops column vehicles\.mileage/)
  const yes = await cli(['db', 'generate', '--yes', ...target.flags, '--cwd', app])
  assert.equal(yes.code, 0, yes.stderr)
  assert.match(yes.stdout, /fleet: created .*\(drops column vehicles\.mileage\)/)

  // the whole entity: its migrations stay, and everything that reads them says so
  const whole = await cli(['undo', '--force', '--cwd', app])
  assert.equal(whole.code, 0, whole.stderr)
  assert.match(whole.stderr, /the next db generate will leave table vehicles in place \(db generate --drop-tables drops it\)/)
  const doctor = await cli(['doctor', '--cwd', app])
  assert.match(doctor.stdout, /src\/modules\/fleet\/migrations\/Migration\d{14}_fleet\.ts: \[migrations\] creates table vehicles, which no entity of module fleet declares/)
  // the table stays, as Open Mercato's migrator leaves it: nothing to generate unless asked to drop it
  assert.match(await db(['status'], app, target), /fleet +2 +1 +no\n(.*\n)*orphaned: src\/modules\/fleet\/migrations\/Migration\d{14}_fleet\.ts: creates table vehicles, .*\(orphaned: it stays in the database; db generate --drop-tables drops it\)/)
  assert.match(await db(['generate', '--dry-run'], app, target), /fleet: no changes/)
  const dry = await db(['generate', '--drop-tables', '--dry-run'], app, target)
  assert.match(dry, /-- fleet: new migration \(DESTRUCTIVE: drops table vehicles\)\ndrop table if exists "vehicles" cascade;/)

  const green = await db(['greenfield', '--yes'], app, target)
  assert.match(green, /dropped 2 tables: vehicles, notes|dropped 2 tables: notes, vehicles/)
  assert.match(green, /nothing else is left in the database/)
  assert.deepEqual(await target.query(app, "select table_name from information_schema.tables where table_name = 'vehicles'"), [])
}

describe('undo, orphans and greenfield', () => {
  it('on PostgreSQL: undo says what follows and needs --force; orphans reported; greenfield drops the tables of every migration it removes', async (t) => {
    const target = postgres(t)
    if (target) await undoAfterMigrations(t, target)
  })
  it('on embedded PGlite: the same', async (t) => {
    await undoAfterMigrations(t, pglite)
  })
})

describe('concurrent db migrate', () => {
  it('two runs at once on one PostgreSQL database: each migration applied once, both succeed', async (t) => {
    const target = postgres(t)
    if (!target) return
    await target.ready
    const app = await starterApp(t)
    for (const m of ['alpha', 'beta', 'gamma']) {
      await ok(['module', m, ...quiet(app)])
      await ok(['data-entity', m, 'Thing', '--table', `${m}_things`, '--field', 'title:text', ...quiet(app)])
    }
    await db(['generate'], app, target)
    const runs = await Promise.all([1, 2].map(() => cli(['db', 'migrate', ...target.flags, '--cwd', app])))
    for (const r of runs) assert.equal(r.code, 0, r.stderr)
    assert.equal(runs.map((r) => Number(/(\d+) migrations? applied/.exec(r.stdout)![1])).reduce((a, b) => a + b), 3)
    for (const m of ['alpha', 'beta', 'gamma']) assert.equal((await target.query(app, `select name from mikro_orm_migrations_${m}`)).length, 1)
  })
  it('two runs at once on embedded PGlite: the second waits for the first', async (t) => {
    const app = await starterApp(t)
    await ok(['module', 'fleet', ...quiet(app)])
    await ok(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text', ...quiet(app)])
    await db(['generate'], app, pglite)
    const runs = await Promise.all([1, 2].map(() => cli(['db', 'migrate', '--cwd', app])))
    for (const r of runs) assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(runs.map((r) => /(\d+) migrations? applied/.exec(r.stdout)![1]).sort(), ['0', '1'])
    // the second waits on whichever lock it meets first: the app's (held from plan to last write) or the database's
    assert.match(runs.map((r) => r.stderr).join('\n'), /waiting for another (db command|create-mercato-module) \(pid \d+(\)|, db migrate\)) to finish/)
    assert.equal((await pglite.query(app, 'select name from mikro_orm_migrations_fleet')).length, 1)
  })
})
