import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * The MikroORM releases the db commands are tested against besides the repository's own (7.2.1, in
 * node_modules): 7.1 is what Open Mercato ships and has no PGlite driver, so it is tested on PostgreSQL.
 */
export const OTHER_MIKRO_ORM = ['7.1.6'] as const

const PACKAGES = ['core', 'postgresql', 'migrations', 'decorators']

/** Where a release is kept between runs: outside the repository, so `npm ci` does not wipe it. */
export const mikroOrmCache = (version: string) =>
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'create-mercato-module', 'test', `mikro-orm-${version}`)

/**
 * A node_modules folder holding exactly one MikroORM release (with reflect-metadata), installed by npm
 * the first time and reused after: no network once it is there. Installed into a temp folder and
 * renamed into place, so an interrupted install never looks complete.
 */
export function installMikroOrm(version: string): string {
  const dir = mikroOrmCache(version)
  const modules = join(dir, 'node_modules')
  if (existsSync(join(modules, '@mikro-orm', 'core', 'package.json'))) return modules
  mkdirSync(dirname(dir), { recursive: true })
  const staging = mkdtempSync(`${dir}.partial-`)
  try {
    const dependencies = Object.fromEntries([...PACKAGES.map((p) => [`@mikro-orm/${p}`, version]), ['reflect-metadata', '0.2.2']])
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: `mikro-orm-${version.replace(/\./g, '-')}`, private: true, dependencies }))
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: staging, encoding: 'utf8' })
    if (npm.status !== 0) throw new Error(`npm install of MikroORM ${version} failed (exit ${npm.status}): ${npm.stderr.trim().split('\n').at(-1)}`)
    try {
      renameSync(staging, dir)
    } catch (error) {
      // another run installed it meanwhile
      if (!existsSync(join(modules, '@mikro-orm', 'core', 'package.json'))) throw error
    }
    return modules
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

// `node test/mikro-orm-install.ts` (CI) fills the cache before the suite runs.
if (import.meta.main) for (const version of OTHER_MIKRO_ORM) console.log(`MikroORM ${version}: ${installMikroOrm(version)}`)
