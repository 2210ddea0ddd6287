import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { keepTables, writesMigration } from '../src/db/sql.ts'
import { db, migrationFilesOf, pglite, postgres, starterAppOn, statementsOf, type Db } from './db-helpers.ts'
import { OTHER_MIKRO_ORM } from './mikro-orm-install.ts'
import { cli, hashTree, starterApp } from './helpers.ts'

const quiet = (app: string) => ['--cwd', app, '--quiet']
async function ok(args: string[]) {
  const r = await cli(args)
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  return r
}

describe('writesMigration: as MikroORM create() decides', () => {
  it('a diff with SQL in down() only writes nothing (Open Mercato\'s fleet snapshot held another module\'s index)', () => {
    assert.equal(writesMigration({ up: ['', ''], down: ['CREATE INDEX customer_pipeline_stages_pipeline_position_idx ON public.customer_pipeline_stages USING btree (pipeline_id, "position");'] }), false)
    assert.equal(writesMigration({ up: ['', 'alter table "jobs" add "note" text null;'], down: [] }), true)
  })
})

describe('keepTables: a generated diff as Open Mercato runs its migrator (dropTables: false)', () => {
  it('drops nothing of a table the entities do not map, in up or down; statements on mapped tables stay', () => {
    const kept = keepTables({
      up: [
        'alter table "job_runs" drop constraint "job_runs_job_id_foreign";',
        'drop table if exists "job_runs" cascade;',
        'alter table "jobs" add "note" text null;',
        'alter table "jobs" drop constraint "jobs_owner_id_foreign";',
        '',
      ],
      down: [
        'create table "job_runs" ("id" uuid not null, "job_id" uuid not null, constraint "job_runs_pkey" primary key ("id"));',
        'create index "job_runs_job_idx" on "job_runs" ("job_id");',
        'alter table "job_runs" add constraint "job_runs_job_id_foreign" foreign key ("job_id") references "jobs" ("id");',
        'alter table "jobs" drop column "note";',
      ],
    }, ['jobs'])
    assert.deepEqual(kept, {
      up: ['alter table "jobs" add "note" text null;', 'alter table "jobs" drop constraint if exists "jobs_owner_id_foreign";', ''],
      down: ['alter table "jobs" drop column "note";'],
    })
  })
})

const HAND_WRITTEN = 'Migration20990101000000_jobs.ts'

/**
 * A module that keeps a table it no longer maps, as Open Mercato's scheduler keeps scheduled_job_runs:
 * its snapshot records the table, its entities do not, and a hand-written migration still alters it.
 */
async function keptTable(t: TestContext, target: Db, app?: string) {
  app ??= await starterApp(t)
  await ok(['module', 'jobs', ...quiet(app)])
  await ok(['data-entity', 'jobs', 'Job', '--field', 'name:text', ...quiet(app)])
  await ok(['data-entity', 'jobs', 'JobRun', '--field', 'status:text', ...quiet(app)])
  await db(['generate'], app, target)
  await db(['migrate'], app, target)
  writeFileSync(join(app, 'src/modules/jobs/migrations', HAND_WRITTEN), `import { Migration } from '@mikro-orm/migrations'

export class Migration20990101000000_jobs extends Migration {
  override up(): void {
    this.addSql('alter table "job_runs" add column if not exists "payload" jsonb null;')
  }
}
`)
  await db(['migrate'], app, target)
  const entities = join(app, 'src/modules/jobs/data/entities.ts')
  const source = readFileSync(entities, 'utf8')
  const withoutRuns = source.replace(/\n(@Entity\(\{ tableName: 'job_runs' \}\)[\s\S]*?\n\}\n)/, '\n')
  assert.notEqual(withoutRuns, source)
  assert.doesNotMatch(withoutRuns, /job_runs/)
  writeFileSync(entities, withoutRuns)

  const status = await db(['status'], app, target)
  const before = hashTree(app)
  assert.match(status, /\njobs +2 +0 +no\n/)
  assert.match(status, /orphaned: src\/modules\/jobs\/migrations\/Migration\d{14}_jobs\.ts: creates table job_runs, which no entity of module jobs declares \(orphaned: it stays in the database; db generate --drop-tables drops it\)/)
  assert.match(await db(['generate', '--dry-run'], app, target), /no changes: every module's migrations match its entities/)
  const generated = await db(['generate'], app, target)
  assert.match(generated, /jobs: no changes/)
  assert.equal(hashTree(app), before, 'no migration written for a table the module keeps')

  const dropDry = await db(['generate', '--drop-tables', '--dry-run'], app, target)
  assert.match(dropDry, /-- jobs: new migration \(DESTRUCTIVE: drops table job_runs\)\ndrop table if exists "job_runs" cascade;/)
  const refused = await cli(['db', 'generate', '--drop-tables', ...target.flags, '--cwd', app])
  assert.equal(refused.code, 2, 'a drop asked for is still confirmed')
  assert.match(refused.stderr, /jobs: drops table job_runs/)
  await db(['generate', '--drop-tables', '--yes'], app, target)
  const last = statementsOf(migrationFilesOf(app, 'jobs').filter((f) => !f.endsWith(HAND_WRITTEN)).at(-1)!)
  assert.deepEqual(last.up, ['drop table if exists "job_runs" cascade;'])
  assert.match(last.down.join('\n'), /create table "job_runs"/)
  await db(['migrate'], app, target)
  assert.deepEqual(await target.query(app, "select table_name from information_schema.tables where table_name = 'job_runs'"), [])
  assert.match(await db(['status'], app, target), /\njobs +3 +0 +no\n/)
}

describe('a table a module keeps but does not map', () => {
  it('on embedded PGlite: db status and db generate see no change; --drop-tables drops it', async (t) => {
    await keptTable(t, pglite)
  })
  it('on PostgreSQL: the same', async (t) => {
    const target = postgres(t)
    if (target) await keptTable(t, target)
  })
  for (const version of OTHER_MIKRO_ORM) {
    it(`on PostgreSQL with MikroORM ${version} (Open Mercato's): the same`, async (t) => {
      const target = postgres(t)
      if (target) await keptTable(t, target, await starterAppOn(t, version))
    })
  }
})
