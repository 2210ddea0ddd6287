// Speed and memory, as ratios against baselines measured in the same run:
// bare `node -e 0`, and plop doing the same job. Medians of RUNS runs; peak RSS per process.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'create-mercato-module.js')
const plop = join(root, 'node_modules', 'plop', 'bin', 'plop.js')
const plopfile = join(root, 'scripts', 'bench', 'plopfile.mjs')
const rssHook = join(root, 'scripts', 'bench', 'rss.mjs')
const work = mkdtempSync(join(tmpdir(), 'cmm-bench-'))
const rssFile = join(work, 'rss.txt')

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Runs `node [--import rss] ...args` RUNS times (after one warm-up for the disk cache), with `prepare` before each. */
function measure(name, args, { cwd = work, prepare = () => cwd } = {}) {
  const times = []
  const rss = []
  for (let i = -1; i < RUNS; i++) {
    const dir = prepare()
    writeFileSync(rssFile, '')
    const start = process.hrtime.bigint()
    const argv = typeof args === 'function' ? args(dir) : args
    const r = spawnSync(process.execPath, ['--import', rssHook, ...argv], { cwd: dir, encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rssFile } })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr}`)
    if (i < 0) continue
    times.push(ms)
    rss.push(Number(readFileSync(rssFile, 'utf8').trim().split('\n')[0]) / 1024)
  }
  return { name, ms: median(times), rssMb: Math.max(...rss) }
}

// A fresh starter app per scaffold run, copied from one made once.
const template = join(work, 'template')
spawnSync(process.execPath, [bin, 'new-app', 'template', '--quiet'], { cwd: work })
let n = 0
const freshApp = () => {
  const dir = join(work, `app-${n++}`)
  cpSync(template, dir, { recursive: true })
  return dir
}

try {
  const node = measure('node -e 0', ['-e', '0'])
  const ourHelp = measure('create-mercato-module --help', [bin, '--help'])
  const plopHelp = measure('plop --help', [plop, '--plopfile', plopfile, '--help'])
  const ourModule = measure('create-mercato-module module visits --no-generate', [bin, 'module', 'visits', '--no-generate', '--quiet'], { prepare: freshApp })
  const plopModule = measure('plop module visits (same files)', (dir) => [plop, '--plopfile', plopfile, '--dest', dir, 'module', 'visits'], { prepare: freshApp })

  const rows = [
    [node, null],
    [ourHelp, plopHelp],
    [plopHelp, null],
    [ourModule, plopModule],
    [plopModule, null],
  ]
  const fmt = (x) => x.toFixed(2)
  console.log(`node ${process.version}, ${RUNS} runs each, median wall time, peak RSS of the process\n`)
  console.log('| command | median ms | × node -e 0 | × plop | peak RSS MB | × node RSS |')
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const [row, baseline] of rows) {
    console.log(`| ${row.name} | ${row.ms.toFixed(0)} | ${fmt(row.ms / node.ms)} | ${baseline ? fmt(row.ms / baseline.ms) : '—'} | ${row.rssMb.toFixed(0)} | ${fmt(row.rssMb / node.rssMb)} |`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
