// npm run test:om -- <open-mercato checkout> [--reuse-install <installed checkout>] [--keep] [--screenshot <file>]
//
// The slice this repository's tool writes, proven in the real Open Mercato: in a temp copy of the
// monorepo it installs and builds Open Mercato, scaffolds a `fleet` module with the tool, runs Open
// Mercato's own generate, type-check, db:generate, db:migrate and init on a private PostgreSQL, starts
// `mercato server dev` and checks the feature over HTTP and in a headless Chromium.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { changedFiles, copyCheckout, copyInstall, restoreFiles, snapshot, sourceKind } from './checkout.mjs'
import { Checks } from './checks.mjs'
import { LOGIN, featureChecks } from './feature.mjs'
import { CUSTOM_FIELD, FIELDS, MODULE, scaffoldCommands, tool, toolFieldTypes, uncoveredTypes } from './fleet.mjs'
import { Session } from './http.mjs'
import { patchRootPackage, writeAppEnv, yarnEnv } from './monorepo.mjs'
import { startPostgres } from './postgres.mjs'
import { freePort, run, start, waitFor } from './run.mjs'

const USAGE = `usage: npm run test:om -- <open-mercato checkout> [--reuse-install <installed checkout>] [--keep] [--screenshot <file>]

  <open-mercato checkout>        a work tree or a git dir of Open Mercato's monorepo (copied, never changed)
  --reuse-install <checkout>     copy node_modules from an installed checkout instead of a cold install
  --keep                         keep the temp folder, its database and logs (the server is stopped)
  --screenshot <file>            where the list page's PNG goes (default: <tmp>/test-om-fleet-list.png)`

const MIN = 60_000

function parse() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'reuse-install': { type: 'string' }, keep: { type: 'boolean' }, screenshot: { type: 'string' }, help: { type: 'boolean' } },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  if (positionals.length !== 1) {
    console.error(`error: give one Open Mercato checkout\n${USAGE}`)
    process.exit(2)
  }
  const source = resolve(positionals[0])
  if (!sourceKind(source)) {
    console.error(`error: ${source} is not an Open Mercato checkout (a work tree with package.json, or a git dir)`)
    process.exit(2)
  }
  return {
    source,
    reuse: values['reuse-install'] ? resolve(values['reuse-install']) : null,
    keep: Boolean(values.keep),
    screenshot: resolve(values.screenshot ?? join(tmpdir(), 'test-om-fleet-list.png')),
  }
}

async function main() {
  const opts = parse()
  const work = mkdtempSync(join(tmpdir(), 'test-om-'))
  const root = join(work, 'open-mercato')
  const app = join(root, 'apps', 'mercato')
  const logs = join(work, 'logs')
  mkdirSync(logs)
  const log = (name) => join(logs, `${name}.log`)
  const checks = new Checks()
  const env = yarnEnv()
  const yarn = (args, name, options = {}) => run('corepack', ['yarn', ...args], { cwd: options.cwd ?? root, env: options.env ?? env, log: log(name), timeoutMs: options.timeoutMs })
  let db = null
  let server = null
  let cleaning = false

  const cleanup = async () => {
    if (cleaning) return
    cleaning = true
    await server?.stop().catch(() => undefined)
    await db?.stop().catch(() => undefined)
    if (!opts.keep) rmSync(work, { recursive: true, force: true })
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.log(`\n${signal}: stopping the server and the database`)
      cleanup().finally(() => process.exit(130))
    })
  }

  console.log(`test:om: ${opts.source} in ${work}`)
  try {
    await checks.check('copy', async () => {
      await copyCheckout(opts.source, root, { log: log('copy') })
      return `${sourceKind(opts.source)} copied to ${root}`
    })
    await checks.check('install', async () => {
      const patched = patchRootPackage(root)
      if (opts.reuse) await copyInstall(opts.reuse, root, { log: log('install') })
      await yarn(['install'], 'install', { timeoutMs: 40 * MIN })
      return `yarn install${opts.reuse ? ` over node_modules from ${opts.reuse}` : ''}; package.json: ${patched.join(', ') || 'unchanged'}`
    }, { needs: ['copy'] })
    await checks.check('build packages', async () => {
      await yarn(['turbo', 'run', 'build', '--filter=./packages/*'], 'build')
    }, { needs: ['install'] })

    await checks.check('scaffold fleet', async () => {
      const types = toolFieldTypes(env)
      const missing = uncoveredTypes(types)
      if (missing.length > 0) throw new Error(`the tool accepts field types the fleet entity does not use: ${missing.join(', ')} (add them to scripts/test-om/fleet.mjs)`)
      for (const args of scaffoldCommands()) await tool(args, { app, env, log: log('scaffold') })
      return `${FIELDS.length} fields (types ${types.join(', ')}), custom field ${CUSTOM_FIELD.key} in ce.ts, --crud --events --search`
    }, { needs: ['build packages'] })
    await checks.check('rerun changes nothing', async () => {
      const before = snapshot(join(app, 'src'))
      await tool(scaffoldCommands().at(-1), { app, env, log: log('rerun') })
      const changed = changedFiles(before, snapshot(join(app, 'src')))
      if (changed.length > 0) throw new Error(`the second data-entity run changed ${changed.join(', ')}`)
      return `data-entity again: none of ${before.size} files under apps/mercato/src changed`
    }, { needs: ['scaffold fleet'] })

    await checks.check('generate', async () => {
      await yarn(['generate'], 'generate', { cwd: app })
      const generated = readFileSync(join(app, '.mercato', 'generated', 'modules.generated.ts'), 'utf8')
      if (!generated.includes(`'${MODULE}'`) && !generated.includes(`"${MODULE}"`)) throw new Error(`.mercato/generated/modules.generated.ts does not name module ${MODULE}`)
      return `mercato generate registered ${MODULE}`
    }, { needs: ['scaffold fleet'] })
    await checks.check('rebuild packages', async () => {
      await yarn(['turbo', 'run', 'build', '--filter=./packages/*'], 'rebuild')
    }, { needs: ['generate'] })
    await checks.check('typecheck', async () => {
      try {
        await yarn(['typecheck'], 'typecheck', { cwd: app })
      } catch (error) {
        const errors = readFileSync(log('typecheck'), 'utf8').split('\n').filter((l) => /error TS\d+/.test(l))
        const ours = errors.filter((l) => l.includes(`modules/${MODULE}/`))
        error.message = `${errors.length} type errors, ${ours.length} in src/modules/${MODULE}: ${(ours[0] ?? errors[0] ?? '').trim()}`
        throw error
      }
      return 'tsc --noEmit on apps/mercato: no errors'
    }, { needs: ['generate'] })

    await checks.check('postgres', async () => {
      db = await startPostgres(join(work, 'pg'), { database: 'open_mercato', log: log('postgres') })
      writeAppEnv(app, { databaseUrl: db.url, port: await freePort() })
      return `private cluster on 127.0.0.1:${db.port}`
    }, { needs: ['copy'] })
    await checks.check('db:generate', async () => {
      const only = /\/migrations\//
      const before = snapshot(root, { only, contents: true })
      await yarn(['db:generate'], 'db-generate', { cwd: app })
      const written = changedFiles(before, snapshot(root, { only, contents: true }))
      const ours = written.filter((f) => f.startsWith(`apps/mercato/src/modules/${MODULE}/migrations/`))
      const files = ours.filter((f) => /\.ts$/.test(f)).map((f) => f.split('/').pop())
      if (files.length === 0) throw new Error(`no migration written under src/modules/${MODULE}/migrations`)
      // Open Mercato's own drift (a module whose snapshot lags its hand-written migrations) is not this
      // test's subject, and applying it would fail: it is put back and named
      const others = written.filter((f) => !ours.includes(f))
      restoreFiles(root, before, others)
      const foreign = [...new Set(others.map((f) => /modules\/([^/]+)\/migrations\//.exec(f)?.[1] ?? f))]
      const sql = readFileSync(join(app, 'src', 'modules', MODULE, 'migrations', files.at(-1)), 'utf8')
      const table = /create table (?:if not exists )?"([a-z_]+)"/.exec(sql)?.[1]
      return `${files.join(', ')} (creates ${table ?? 'no table?'})${foreign.length > 0 ? `; put back what it also wrote for Open Mercato's own ${foreign.join(', ')} (its snapshot lags its migrations at this commit)` : ''}`
    }, { needs: ['generate', 'postgres'] })
    await checks.check('db:migrate', async () => {
      await yarn(['db:migrate'], 'db-migrate', { cwd: app })
      const columns = execFileSync('psql', [db.url, '-tAc', "select column_name from information_schema.columns where table_name = 'vehicles' order by ordinal_position"], { encoding: 'utf8' }).trim().split('\n').filter(Boolean)
      if (columns.length === 0) throw new Error('no table vehicles after db:migrate')
      return `table vehicles with ${columns.length} columns`
    }, { needs: ['db:generate'] })
    await checks.check('init', async () => {
      await yarn(['mercato', 'init', '--no-examples'], 'init', { cwd: app, timeoutMs: 30 * MIN })
      return `mercato init --no-examples (login ${LOGIN.email})`
    }, { needs: ['db:migrate', 'rebuild packages'] })

    const port = Number(/^PORT=(\d+)$/m.exec(readFileSync(join(app, '.env'), 'utf8'))?.[1])
    const base = `http://127.0.0.1:${port}`
    const session = new Session(base)
    await checks.check('server', async () => {
      server = start('corepack', ['yarn', 'mercato', 'server', 'dev'], { cwd: app, env, log: log('server') })
      const exited = server.exited.then((code) => { throw Object.assign(new Error(`mercato server dev exited with ${code}`), { log: log('server') }) })
      // the first request compiles Open Mercato's catch-all API route: many minutes on a busy small machine
      await Promise.race([exited, waitFor('the server answering', async () => {
        const res = await fetch(`${base}/api/auth/session`, { redirect: 'manual', signal: AbortSignal.timeout(5 * MIN) })
        return res.status
      }, { timeoutMs: 45 * MIN, intervalMs: 3000 })])
      return `mercato server dev on ${base}`
    }, { needs: ['init'] })
    await featureChecks(checks, session, { screenshot: opts.screenshot, work, log, app, env })
  } finally {
    await cleanup()
    console.log(checks.summary(opts.keep ? `kept ${work}` : 'temp folder, server and database removed'))
  }
  process.exitCode = checks.failed > 0 ? 1 : 0
}

main().catch((error) => {
  console.error(`test:om: ${error.stack ?? error.message}`)
  process.exitCode = 1
})
