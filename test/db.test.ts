import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { createServices } from '../dist/index.js'
import { db, pglite, postgres, starterAppOn, type Db } from './db-helpers.ts'
import { OTHER_MIKRO_ORM } from './mikro-orm-install.ts'
import { cli, hashTree, starterApp } from './helpers.ts'

const migrationsOf = (app: string) => readdirSync(join(app, 'src/modules/fleet/migrations')).filter((f) => f.startsWith('Migration')).sort()

/** The whole life of a module's schema: create, migrate, no-op, change, migrate again. */
async function migrationSequence(t: TestContext, target: Db, app?: string) {
  app ??= await starterApp(t)
  await cli(['module', 'fleet', '--cwd', app, '--quiet'])
  await cli(['module', 'notes', '--cwd', app, '--quiet'])
  await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--cwd', app, '--quiet'])
  // every preview and the status name the database they are about
  const on = target.flags.length ? 'PostgreSQL at postgres://[^@\\s]*@\\S+/cmm_[0-9a-f]{8}' : 'embedded PGlite in \\.mercato/db/data'
  assert.match(await db(['generate', '--dry-run'], app, target), new RegExp(`^1 migration to write in fleet \\(SQL for ${on}\\)\n`))

  const first = await db(['generate'], app, target)
  assert.match(first, /fleet: created src\/modules\/fleet\/migrations\/Migration\d{14}_fleet\.ts/)
  assert.match(first, /notes: skipped \(no entities\)/, 'a module without entities gets no migration, and says so')
  assert.equal(migrationsOf(app).length, 1)
  assert.match(migrationsOf(app)[0]!, /^Migration\d{14}_fleet\.ts$/)
  const initial = readFileSync(join(app, 'src/modules/fleet/migrations', migrationsOf(app)[0]!), 'utf8')
  assert.match(initial, new RegExp(`class ${migrationsOf(app)[0]!.replace('.ts', '')} extends Migration`))
  assert.match(initial, /create table "vehicles"/)
  assert.ok(existsSync(join(app, 'src/modules/fleet/migrations/.snapshot-open-mercato.json')))

  // the embedded database is only created by the first migrate: the dry run before it says so
  const notYet = target.flags.length ? '' : ' \\(not created yet; db migrate creates it\\)'
  assert.match(await db(['migrate', '--dry-run'], app, target), new RegExp(`^1 module with pending migrations on ${on}${notYet}\n`))
  assert.match(await db(['migrate'], app, target), /fleet: applied Migration\d{14}_fleet/)
  const columns = await target.query(app, "select column_name from information_schema.columns where table_name = 'vehicles' order by ordinal_position")
  assert.deepEqual(columns.map((c) => c.column_name), ['id', 'plate', 'tenant_id', 'organization_id', 'is_active', 'created_at', 'updated_at', 'deleted_at'])
  assert.deepEqual((await target.query(app, 'select name from mikro_orm_migrations_fleet')).length, 1)

  assert.match(await db(['generate'], app, target), /fleet: no changes\nnotes: skipped \(no entities\)\nno changes/)
  assert.equal(migrationsOf(app).length, 1)

  await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'mileage:integer', '--cwd', app, '--quiet'])
  assert.match(await db(['status'], app, target), /fleet +1 +0 +yes: run db generate/)
  await db(['generate'], app, target)
  assert.equal(migrationsOf(app).length, 2)
  const second = readFileSync(join(app, 'src/modules/fleet/migrations', migrationsOf(app)[1]!), 'utf8')
  assert.match(second, /alter table "vehicles" add "mileage" int null;/)
  assert.doesNotMatch(second, /create table/, 'only the new column')
  const pending = await db(['migrate', '--dry-run'], app, target)
  assert.match(pending, /^-- fleet: 1 pending migration\n-- Migration\d{14}_fleet\.ts\nalter table "vehicles" add "mileage" int null;$/m)
  assert.match(pending, /dry run: nothing was run/)
  assert.match(await db(['migrate'], app, target), /1 migration applied/)
  const after = await target.query(app, "select column_name from information_schema.columns where table_name = 'vehicles' and column_name = 'mileage'")
  assert.equal(after.length, 1)
  assert.match(await db(['status'], app, target), new RegExp(`^on ${on}:\nmodule +applied +pending +entity changes\nfleet +2 +0 +no\n`))
  assert.match(await db(['greenfield', '--dry-run'], app, target), new RegExp(`^db greenfield drops the tables of 1 module on ${on}, deletes their migrations`))

  // nothing pending: the applied migrations are read in one connection and no CLI runs
  const runs: string[][] = []
  const real = createServices().runner
  const counting = { run: (file: string, args: string[], options: { cwd: string; env?: Record<string, string> }) => { runs.push(args); return real.run(file, args, options) } }
  const again = await cli(['db', 'migrate', ...target.flags, '--cwd', app], { runner: counting })
  assert.equal(again.code, 0, again.stderr)
  assert.match(again.stdout, /fleet: up to date\nnotes: skipped \(no entities, no migrations\)\n0 migrations applied/)
  assert.deepEqual(runs, [])
  return app
}

describe('migrations on embedded PGlite', () => {
  it('generate → migrate → no changes → add a field → a second migration with only that column → migrate', async (t) => {
    await migrationSequence(t, pglite)
  })

  it('a migration with invalid SQL applies nothing of itself, and the message names the module and the file', async (t) => {
    const app = await migrationSequence(t, pglite)
    writeFileSync(join(app, 'src/modules/fleet/migrations/Migration20991231000000_fleet.ts'), `import { Migration } from '@mikro-orm/migrations'

export class Migration20991231000000_fleet extends Migration {
  override up(): void {
    this.addSql('create table "half_done" ("id" int);')
    this.addSql('this is not sql;')
  }
}
`)
    const r = await cli(['db', 'migrate', '--cwd', app])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /error: module fleet: migration Migration20991231000000_fleet\.ts failed and was rolled back: .*syntax error at or near "this"/)
    assert.deepEqual(await pglite.query(app, "select 1 from information_schema.tables where table_name = 'half_done'"), [])
    assert.equal((await pglite.query(app, 'select name from mikro_orm_migrations_fleet')).length, 2)
  })

  it('greenfield needs --yes (exit 2); with it, starts over with one migration per module', async (t) => {
    const app = await migrationSequence(t, pglite)
    const refused = await cli(['db', 'greenfield', '--cwd', app])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /db greenfield deletes every migration and drops the module tables; run it again with --yes/)
    assert.equal(migrationsOf(app).length, 2)
    const r = await cli(['db', 'greenfield', '--yes', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(migrationsOf(app).length, 1)
    assert.match(readFileSync(join(app, 'src/modules/fleet/migrations', migrationsOf(app)[0]!), 'utf8'), /"mileage" int null/)
    assert.equal((await pglite.query(app, 'select name from mikro_orm_migrations_fleet')).length, 1)
  })

  it('an unreachable DATABASE_URL is one line with the password masked, exit 1', async (t) => {
    const app = await starterApp(t)
    writeFileSync(join(app, '.env'), 'DATABASE_URL="postgres://shop:s3cret@127.0.0.1:1/shop"\n')
    const r = await cli(['db', 'migrate', '--cwd', app])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^error: cannot reach PostgreSQL at postgres:\/\/shop:\*\*\*\*@127\.0\.0\.1:1\/shop \(ECONNREFUSED\); is the server running/m)
    assert.doesNotMatch(r.stderr, /s3cret/)
    assert.equal(r.stderr.trim().split('\n').filter((l) => l.startsWith('error')).length, 1)
  })

  it('db commands refuse --dry-run, unknown modules, a URL that is not PostgreSQL and an unknown engine', async (t) => {
    const app = await starterApp(t)
    const before = hashTree(app)
    const mysql = await cli(['db', 'status', '--database-url', 'mysql://me:secret@localhost/shop', '--cwd', app])
    assert.equal(mysql.code, 2)
    assert.match(mysql.stderr, /^error: DATABASE_URL must be a postgres:\/\/ URL, not mysql:\/\/me:\*\*\*\*@localhost\/shop/)
    const engine = await cli(['db', 'migrate', '--engine', 'flyway', '--cwd', app])
    assert.equal(engine.code, 2)
    assert.match(engine.stderr, /^error: invalid --engine/)
    assert.equal(hashTree(app), before)
    assert.match((await cli(['db', 'status', '--dry-run', '--cwd', app])).stderr, /unknown flag --dry-run for db status/)
    const r = await cli(['db', 'generate', 'ghosts', '--cwd', app])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /unknown or disabled module "ghosts"/)
  })
})

describe('migrations on a real PostgreSQL server', () => {
  it('the same sequence against DATABASE_URL', async (t) => {
    const target = postgres(t)
    if (target) await migrationSequence(t, target)
  })
  for (const version of OTHER_MIKRO_ORM) {
    it(`the same sequence with MikroORM ${version} (Open Mercato's; it has no PGlite driver), and two migrate runs at once`, async (t) => {
      const target = postgres(t)
      if (!target) return
      const app = await migrationSequence(t, target, await starterAppOn(t, version))
      const mikro = JSON.parse(readFileSync(join(app, 'node_modules/@mikro-orm/core/package.json'), 'utf8'))
      assert.equal(mikro.version, version)
      // both take the migration lock; the second waits for the first and finds nothing left to apply
      await cli(['data-entity', 'fleet', 'Vehicle', '--field', 'color:text', '--cwd', app, '--quiet'])
      await db(['generate'], app, target)
      const runs = await Promise.all([1, 2].map(() => cli(['db', 'migrate', ...target.flags, '--cwd', app])))
      for (const r of runs) assert.equal(r.code, 0, r.stderr)
      assert.deepEqual(runs.map((r) => /(\d+) migrations? applied/.exec(r.stdout)![1]).sort(), ['0', '1'])
      assert.equal((await target.query(app, 'select name from mikro_orm_migrations_fleet')).length, 3)
    })
  }
})

describe('a database that refuses the login', () => {
  it('is one error line naming the database (no line about the database before it), exit 1', async (t) => {
    const target = postgres(t)
    if (!target) return
    await target.ready
    const app = await starterApp(t)
    const url = new URL(target.flags[1]!)
    url.password = 'wrong-password'
    for (const command of ['status', 'migrate', 'greenfield']) {
      const r = await cli(['db', command, '--yes', '--database-url', url.toString(), '--cwd', app].filter((a) => command !== 'status' || a !== '--yes'))
      assert.equal(r.code, 1, r.stderr)
      assert.match(r.stderr, /^error: cannot connect to PostgreSQL at postgres:\/\/[^:]+:\*\*\*\*@\S+: password authentication failed for user "[^"]+"\n$/)
    }
  })
})

describe('db commands in an app without MikroORM', () => {
  it('say what to install, exit 2, and change nothing', async (t) => {
    const app = await starterApp(t)
    const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'))
    for (const deps of [pkg.dependencies, pkg.devDependencies]) for (const name of Object.keys(deps)) if (name.startsWith('@mikro-orm/')) delete deps[name]
    writeFileSync(join(app, 'package.json'), JSON.stringify(pkg))
    const before = hashTree(app)
    const r = await cli(['db', 'migrate', '--cwd', app])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^error: MikroORM is not installed in this app\ntry: add @mikro-orm\/core, migrations, decorators and pglite or postgresql/)
    assert.equal(hashTree(app), before)
  })
  it("an Open Mercato app declares MikroORM's core and driver without its CLI (it has mercato's): that is enough", async (t) => {
    const app = await starterApp(t)
    const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'))
    delete pkg.devDependencies['@mikro-orm/cli']
    writeFileSync(join(app, 'package.json'), JSON.stringify(pkg))
    const r = await cli(['db', 'status', '--cwd', app])
    assert.equal(r.code, 0, r.stderr)
  })

})
