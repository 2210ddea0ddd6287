import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { db, migrationFilesOf, postgres, starterAppOn, type Db } from './db-helpers.ts'
import { cli, starterApp } from './helpers.ts'
import { OTHER_MIKRO_ORM } from './mikro-orm-install.ts'

async function ok(args: string[]) {
  const r = await cli(args)
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
}

/**
 * Open Mercato's query_index adds an index `concurrently` in a migration that opts out of its
 * transaction (isTransactional() => false) on a table an earlier migration of the module creates;
 * Open Mercato applies a module's migrations one by one, so on a new database the table is there.
 */
async function nonTransactional(t: TestContext, target: Db, app: string) {
  await ok(['module', 'search_index', '--cwd', app, '--quiet'])
  await ok(['data-entity', 'search_index', 'Token', '--field', 'hash:text', '--cwd', app, '--quiet'])
  await db(['generate'], app, target)
  assert.equal(migrationFilesOf(app, 'search_index').length, 1)
  writeFileSync(join(app, 'src/modules/search_index/migrations/Migration20990101000000_search_index.ts'), `import { Migration } from '@mikro-orm/migrations'

export class Migration20990101000000_search_index extends Migration {
  override isTransactional(): boolean {
    return false
  }

  override up(): void {
    this.addSql('create index concurrently if not exists "tokens_hash_idx" on "tokens" ("hash");')
  }
}
`)
  const snapshot = join(app, 'src/modules/search_index/migrations/.snapshot-open-mercato.json')
  const before = readFileSync(snapshot, 'utf8')
  assert.match(await db(['migrate'], app, target), /2 migrations applied/)
  // MikroORM 7.1 rewrote it from the whole database after migrating (every module's tables in it)
  assert.equal(readFileSync(snapshot, 'utf8'), before, 'db migrate leaves the snapshot as db generate wrote it')
  assert.deepEqual((await target.query(app, "select indexname from pg_indexes where indexname = 'tokens_hash_idx'")).map((r) => r.indexname), ['tokens_hash_idx'])
}

describe('db migrate: a migration outside a transaction after one that creates its table; the snapshot untouched', () => {
  it('on PostgreSQL: both apply on a new database', async (t) => {
    const target = postgres(t)
    if (target) await nonTransactional(t, target, await starterApp(t))
  })
  for (const version of OTHER_MIKRO_ORM) {
    it(`on PostgreSQL with MikroORM ${version}: the same`, async (t) => {
      const target = postgres(t)
      if (target) await nonTransactional(t, target, await starterAppOn(t, version))
    })
  }
})
