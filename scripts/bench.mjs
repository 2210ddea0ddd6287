// Speed and memory, as ratios against baselines measured in the same run:
// bare `node -e 0`, and plop doing the same job. Medians of RUNS runs. Peak RSS comes from GNU
// time, which reports the largest process of the whole tree (so the MikroORM CLI children count).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareDbApp } from './bench/db.mjs'
import { benchOmMonorepo } from './bench/om-monorepo.mjs'
import { benchTui } from './bench/tui.mjs'
import { writeSyntheticApp } from './bench/synthetic-app.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const GENERATOR_RUNS = Number(process.env.BENCH_GENERATOR_RUNS ?? 3)
const SIZES = (process.env.BENCH_SIZES ?? '50,500,1000').split(',').filter(Boolean).map(Number)
const DB_SIZES = (process.env.BENCH_DB_SIZES ?? '1,10,50').split(',').filter(Boolean).map(Number)
const DB_RUNS = Number(process.env.BENCH_DB_RUNS ?? 3)
// 0 turns the Open Mercato-sized monorepo section off
const OM_RUNS = Number(process.env.BENCH_OM_RUNS ?? 3)
// 0 turns the TUI first-frame section off; BENCH_ONLY=tui runs only it
const TUI_RUNS = Number(process.env.BENCH_TUI_RUNS ?? 5)
const ONLY = process.env.BENCH_ONLY
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'create-mercato-module.js')
const plop = join(root, 'node_modules', 'plop', 'bin', 'plop.js')
const plopfile = join(root, 'scripts', 'bench', 'plopfile.mjs')
const work = mkdtempSync(join(tmpdir(), 'cmm-bench-'))
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Runs `node ...args` `runs` times (after one warm-up for the disk cache, unless off), with `prepare` before each. */
function measure(name, args, { cwd = work, prepare = () => cwd, runs = RUNS, warmup = true } = {}) {
  const times = []
  const rss = []
  for (let i = warmup ? -1 : 0; i < runs; i++) {
    const dir = prepare()
    const argv = typeof args === 'function' ? args(dir) : args
    const command = GNU_TIME ? [GNU_TIME, ['-f', 'maxrss-kb:%M', process.execPath, ...argv]] : [process.execPath, argv]
    const start = process.hrtime.bigint()
    const r = spawnSync(command[0], command[1], { cwd: dir, encoding: 'utf8' })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr}`)
    if (i < 0) continue
    times.push(ms)
    const kb = /maxrss-kb:(\d+)/.exec(r.stderr)?.[1]
    rss.push(kb ? Number(kb) / 1024 : Number.NaN)
  }
  return { name, ms: median(times), rssMb: Math.max(...rss) }
}

// A fresh starter app per scaffold run, copied from one made once.
const template = join(work, 'template')
spawnSync(process.execPath, [bin, 'new-app', 'template', '--quiet', '--no-install'], { cwd: work })
let n = 0
const freshApp = () => {
  const dir = join(work, `app-${n++}`)
  cpSync(template, dir, { recursive: true })
  return dir
}

try {
  if (TUI_RUNS > 0 && (!ONLY || ONLY === 'tui')) benchTui({ bin, appDir: template, runs: TUI_RUNS })
  if (ONLY === 'tui') {
    rmSync(work, { recursive: true, force: true })
    process.exit(0)
  }
  // BENCH_SCAFFOLD=0 (or BENCH_ONLY=db) leaves out the scaffold rows
  if (process.env.BENCH_SCAFFOLD !== '0' && (!ONLY || ONLY === 'scaffold')) {
  const node = measure('node -e 0', ['-e', '0'])
  const ourHelp = measure('create-mercato-module --help', [bin, '--help'])
  const ourVersion = measure('create-mercato-module --version', [bin, '--version'])
  // one TAB each: the app's module ids, its declared events, the kinds after --field name:
  const completionApp = freshApp()
  for (const args of [['module', 'visits'], ['event', 'visits', 'visit.created']]) spawnSync(process.execPath, [bin, ...args, '--quiet', '--no-generate'], { cwd: completionApp })
  const completeModules = measure('__complete page <TAB> (module ids)', [bin, '__complete', 'page', ''], { cwd: completionApp })
  const completeEvents = measure('__complete subscriber visits x --event <TAB>', [bin, '__complete', 'subscriber', 'visits', 'x', '--event', ''], { cwd: completionApp })
  const completeKinds = measure('__complete data-entity visits visit --field plate:<TAB>', [bin, '__complete', 'data-entity', 'visits', 'visit', '--field', 'plate:'], { cwd: completionApp })
  const plopHelp = measure('plop --help', [plop, '--plopfile', plopfile, '--help'])
  const ourModule = measure('create-mercato-module module visits (registry included)', [bin, 'module', 'visits', '--quiet'], { prepare: freshApp })
  const ourModuleFiles = measure('create-mercato-module module visits --no-generate', [bin, 'module', 'visits', '--no-generate', '--quiet'], { prepare: freshApp })
  const plopModule = measure('plop module visits (same files)', (dir) => [plop, '--plopfile', plopfile, '--dest', dir, 'module', 'visits'], { prepare: freshApp })

  const rows = [
    [node, null],
    [ourHelp, plopHelp],
    [ourVersion, null],
    [completeModules, null],
    [completeEvents, null],
    [completeKinds, null],
    [plopHelp, null],
    [ourModule, plopModule],
    [ourModuleFiles, plopModule],
    [plopModule, null],
  ]
  const fmt = (x) => x.toFixed(2)
  console.log(`node ${process.version}, ${RUNS} runs each, median wall time, peak RSS of the largest process\n`)
  console.log('| command | median ms | × node -e 0 | × plop | peak RSS MB | × node RSS |')
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const [row, baseline] of rows) {
    console.log(`| ${row.name} | ${row.ms.toFixed(0)} | ${fmt(row.ms / node.ms)} | ${baseline ? fmt(row.ms / baseline.ms) : '—'} | ${row.rssMb.toFixed(0)} | ${fmt(row.rssMb / node.rssMb)} |`)
  }
  }

  // The generator on synthetic apps: cold (no .mercato/generated yet) and no-op (nothing changed),
  // against the floor of reading every module file once in a fresh process.
  console.log(`\ngenerator on synthetic apps, ${GENERATOR_RUNS} runs each (median)\n`)
  console.log('| modules | files | read all ms | cold ms | no-op ms | cold µs/file | no-op µs/file | cold × read | no-op × read | peak RSS MB |')
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const size of SIZES) {
    const dir = join(work, `synthetic-${size}`)
    const files = writeSyntheticApp(dir, size)
    const readAll = measure('read all', [join(root, 'scripts', 'bench', 'read-modules.mjs'), join(dir, 'src', 'modules')], { runs: GENERATOR_RUNS })
    const generated = join(dir, '.mercato')
    const cold = measure('cold', [bin, 'generate', '--quiet', '--cwd', dir], { runs: GENERATOR_RUNS, prepare: () => { rmSync(generated, { recursive: true, force: true }); return work } })
    const noop = measure('no-op', [bin, 'generate', '--quiet', '--cwd', dir], { runs: GENERATOR_RUNS })
    const perFile = (ms) => ((ms * 1000) / files).toFixed(0)
    console.log(`| ${size} | ${files} | ${readAll.ms.toFixed(0)} | ${cold.ms.toFixed(0)} | ${noop.ms.toFixed(0)} | ${perFile(cold.ms)} | ${perFile(noop.ms)} | ${(cold.ms / readAll.ms).toFixed(2)} | ${(noop.ms / readAll.ms).toFixed(2)} | ${Math.max(cold.rssMb, noop.rssMb).toFixed(0)} |`)
    rmSync(dir, { recursive: true, force: true })
  }

  if (OM_RUNS > 0) benchOmMonorepo({ bin, root, work, measure, runs: OM_RUNS })

  // Migrations: one process, one MikroORM per module on one shared PGlite (as Open Mercato runs
  // them), against one bare MikroORM CLI run over all the entities with a single migrations folder.
  console.log(`\ndb migrate and db generate on embedded PGlite, ${DB_RUNS} runs each (median)\n`)
  console.log('| modules | db migrate ms | bare migration:up ms | ratio | no-op migrate ms (ours / bare) | no-op ratio | peak RSS MB (ours / bare) | RSS ratio | db generate ms (ours / bare migration:create --initial) |')
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const size of DB_SIZES) {
    const dir = join(work, `db-${size}`)
    const { ours, bare, generate, bareGenerate } = prepareDbApp(dir, size, { bin, root })
    const gen = measure('db generate', generate.args, { runs: DB_RUNS, warmup: false, prepare: () => { generate.fresh(); return dir } })
    const bareGen = measure('bare create', bareGenerate.args, { runs: DB_RUNS, warmup: false, prepare: () => { bareGenerate.fresh(); return dir } })
    bareGenerate.fresh()
    spawnSync(process.execPath, bareGenerate.args, { cwd: dir })
    const a = measure('ours', ours.args, { runs: DB_RUNS, warmup: false, prepare: () => { ours.fresh(); return dir } })
    const b = measure('bare', bare.args, { runs: DB_RUNS, warmup: false, prepare: () => { bare.fresh(); return dir } })
    // the databases are migrated now: running again finds nothing to do
    const noopA = measure('ours again', ours.args, { runs: DB_RUNS, warmup: false, prepare: () => dir })
    const noopB = measure('bare again', bare.args, { runs: DB_RUNS, warmup: false, prepare: () => dir })
    const rss = Math.max(a.rssMb, noopA.rssMb) / Math.max(b.rssMb, noopB.rssMb)
    console.log(`| ${size} | ${a.ms.toFixed(0)} | ${b.ms.toFixed(0)} | ${(a.ms / b.ms).toFixed(2)} | ${noopA.ms.toFixed(0)} / ${noopB.ms.toFixed(0)} | ${(noopA.ms / noopB.ms).toFixed(2)} | ${Math.max(a.rssMb, noopA.rssMb).toFixed(0)} / ${Math.max(b.rssMb, noopB.rssMb).toFixed(0)} | ${rss.toFixed(2)} | ${gen.ms.toFixed(0)} / ${bareGen.ms.toFixed(0)} |`)
    rmSync(dir, { recursive: true, force: true })
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
