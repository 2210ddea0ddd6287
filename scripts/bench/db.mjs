// `db migrate` and `db generate` on embedded PGlite for apps of N modules (one entity each), against
// bare `mikro-orm migration:up` / `migration:create --initial` on the same entities with one config
// and one migrations folder.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

function run(args, cwd) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}${r.stdout}`)
}

/** Writes the app, creates its per-module migrations and the bare baseline's single migration. */
export function prepareDbApp(dir, modules, { bin, root }) {
  const ids = Array.from({ length: modules }, (_, i) => `m_${i}`)
  mkdirSync(join(dir, 'src'), { recursive: true })
  const mikro = ['cli', 'core', 'decorators', 'migrations', 'pglite'].map((p) => `"@mikro-orm/${p}": "*"`).join(', ')
  writeFileSync(join(dir, 'package.json'), `{"name":"db-bench","private":true,"type":"module","devDependencies":{${mikro}}}\n`)
  writeFileSync(join(dir, 'src/modules.ts'), `export const enabledModules = [\n${ids.map((id) => `  { id: '${id}', from: '@app' },`).join('\n')}\n]\n`)
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  for (const [i, id] of ids.entries()) {
    mkdirSync(join(dir, `src/modules/${id}/data`), { recursive: true })
    writeFileSync(join(dir, `src/modules/${id}/data/entities.ts`), `import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy'

@Entity({ tableName: 'things_${i}' })
export class Thing${i} {
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string

  @Property({ type: 'text' })
  title!: string

  @Property({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string

  @Property({ name: 'created_at', type: Date })
  createdAt: Date = new Date()
}
`)
  }
  run([bin, 'db', 'generate', '--quiet', '--cwd', dir], dir)
  const bare = join(dir, 'bare')
  mkdirSync(join(bare, 'entities'), { recursive: true })
  buildSync({
    entryPoints: Object.fromEntries(ids.map((id) => [id, join(dir, `src/modules/${id}/data/entities.ts`)])),
    outdir: join(bare, 'entities'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
  })
  writeFileSync(join(bare, 'mikro-orm.config.mjs'), `import 'reflect-metadata'
import { defineConfig } from '@mikro-orm/pglite'
import { Migrator } from '@mikro-orm/migrations'
${ids.map((id, i) => `import * as e${i} from './entities/${id}.mjs'`).join('\n')}
export default defineConfig({
  dbName: ${JSON.stringify(join(bare, 'data'))},
  entities: [${ids.map((_, i) => `...Object.values(e${i})`).join(', ')}],
  extensions: [Migrator],
  migrations: { path: ${JSON.stringify(join(bare, 'migrations'))}, emit: 'ts' },
})
`)
  const cli = join(root, 'node_modules/@mikro-orm/cli/cli.js')
  run([cli, 'migration:create', '--initial', '--config', join(bare, 'mikro-orm.config.mjs')], bare)
  const migrations = ids.map((id) => join(dir, `src/modules/${id}/migrations`))
  return {
    generate: {
      args: [bin, 'db', 'generate', '--quiet', '--cwd', dir],
      fresh: () => migrations.forEach((m) => rmSync(m, { recursive: true, force: true })),
    },
    bareGenerate: {
      args: [cli, 'migration:create', '--initial', '--config', join(bare, 'mikro-orm.config.mjs')],
      fresh: () => ['data', 'migrations'].forEach((d) => rmSync(join(bare, d), { recursive: true, force: true })),
    },
    ours: { args: [bin, 'db', 'migrate', '--quiet', '--cwd', dir], fresh: () => rmSync(join(dir, '.mercato/db/data'), { recursive: true, force: true }) },
    bare: { args: [cli, 'migration:up', '--config', join(bare, 'mikro-orm.config.mjs')], fresh: () => rmSync(join(bare, 'data'), { recursive: true, force: true }) },
  }
}
