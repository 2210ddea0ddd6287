// What the fetched Open Mercato monorepo needs to install and run here: yarn through corepack on the
// registry npm uses, resolutions for lockfile pins the registry does not serve, no native builds that
// fail and are not needed, and an apps/mercato/.env of this run.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Versions Open Mercato's lockfile pins that the registry does not serve, and the next published one.
 * MikroORM's packages move together (one version across the family).
 */
const MISSING = [
  { name: '@ai-sdk/amazon-bedrock', pinned: '5.0.11', use: '5.0.14' },
  { name: '@ai-sdk/cohere', pinned: '4.0.5', use: '4.0.9' },
  { name: 'newrelic', pinned: '14.3.1', use: '14.3.3' },
  { name: '@mikro-orm/decorators', pinned: '7.1.5', use: '7.1.6', family: ['@mikro-orm/core', '@mikro-orm/migrations', '@mikro-orm/postgresql', '@mikro-orm/sql'] },
]
/** Native builds of optional dependencies (a SQLite cache, ssh2's cpu features) that fail here and are not used. */
const NOT_BUILT = ['better-sqlite3', 'cpu-features']

/** The environment every yarn/mercato command of the run gets. */
export function yarnEnv(extra = {}) {
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/$/, '')
  return {
    ...process.env,
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    COREPACK_NPM_REGISTRY: registry,
    YARN_NPM_REGISTRY_SERVER: registry,
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_GLOBAL_CACHE: 'true',
    TURBO_TELEMETRY_DISABLED: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    HUSKY: '0',
    CI: '',
    ...extra,
  }
}

/** Which lockfile entries resolve `name` to `version`. */
const locks = (lockfile, name, version) => new RegExp(`^"${name.replace(/[/.]/g, '\\$&')}@npm:[^\\n]*":\\n  version: ${version.replace(/\./g, '\\.')}$`, 'm').test(lockfile)

/** Adds root resolutions for the pins the registry lacks and turns off the failing native builds; returns what it changed. */
export function patchRootPackage(root) {
  const file = join(root, 'package.json')
  const pkg = JSON.parse(readFileSync(file, 'utf8'))
  const lockfile = existsSync(join(root, 'yarn.lock')) ? readFileSync(join(root, 'yarn.lock'), 'utf8') : ''
  const changed = []
  pkg.resolutions ??= {}
  for (const m of MISSING) {
    if (!locks(lockfile, m.name, m.pinned)) continue
    for (const name of [m.name, ...(m.family ?? [])]) {
      if (pkg.resolutions[name] === m.use) continue
      pkg.resolutions[name] = m.use
      changed.push(`${name}@${m.use}`)
    }
  }
  pkg.dependenciesMeta ??= {}
  for (const name of NOT_BUILT) {
    if (pkg.dependenciesMeta[name]?.built === false) continue
    pkg.dependenciesMeta[name] = { ...pkg.dependenciesMeta[name], built: false }
    changed.push(`${name} not built`)
  }
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`)
  return changed
}

/**
 * apps/mercato/.env from the app's own example with this run's database and port; the cache in memory
 * (the example's SQLite cache needs better-sqlite3's native build) and no background workers.
 */
export function writeAppEnv(app, { databaseUrl, port }) {
  const example = join(app, '.env.example')
  const settings = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    INTERNAL_APP_ORIGIN: `http://127.0.0.1:${port}`,
    CACHE_STRATEGY: 'memory',
    AUTO_SPAWN_WORKERS: 'false',
    AUTO_SPAWN_SCHEDULER: 'false',
  }
  const lines = existsSync(example) ? readFileSync(example, 'utf8').split('\n') : []
  const seen = new Set()
  const out = lines.map((line) => {
    const key = /^([A-Z0-9_]+)=/.exec(line)?.[1]
    if (!key || !(key in settings)) return line
    seen.add(key)
    return `${key}=${settings[key]}`
  })
  for (const [key, value] of Object.entries(settings)) if (!seen.has(key)) out.push(`${key}=${value}`)
  writeFileSync(join(app, '.env'), `${out.join('\n').trimEnd()}\n`)
}
