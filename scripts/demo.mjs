// The main job end to end on the embedded default, in a temp folder: create an app, preview a
// module as a diff, scaffold every kind of file, run the registry generator, check conventions,
// undo a change, migrate on embedded PGlite, type-check the result with tsc, and capture the menus.
// `npm run demo -- --keep` keeps the folder (and says where); otherwise it is removed, also on failure.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'create-mercato-module.js')
const keep = process.argv.includes('--keep')
const work = mkdtempSync(join(tmpdir(), 'cmm-demo-'))
const app = join(work, 'shop')

function step(title, args, cwd = work) {
  console.log(`\n# ${title}\n$ create-mercato-module ${args.join(' ')}`)
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  process.stdout.write(r.stdout)
  process.stdout.write(r.stderr)
  if (r.status !== 0) throw new Error(`demo step "${title}" failed with exit code ${r.status}`)
}

/** The home menu as a terminal shows it: the TUI in a detached tmux session, captured once it is drawn. */
function captureMenus() {
  if (spawnSync('tmux', ['-V']).status !== 0) return console.log('\n(tmux is not installed: the menus are not captured)')
  const session = `cmm-demo-${process.pid}`
  spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '100', '-y', '30', `${process.execPath} ${bin} --cwd ${app}; sleep 5`])
  try {
    for (let i = 0; i < 100; i++) {
      const screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' })
      if (/› module/.test(screen)) return console.log(`\n# the interactive menus (npx create-mercato-module in a terminal)\n${screen.trimEnd()}`)
      execFileSync('sleep', ['0.1'])
    }
    console.log('\n(the menus did not appear within 10 s)')
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session])
  }
}

let failed = false
try {
  console.log(`demo folder: ${work}`)
  step('create an app (the demo reuses this checkout\'s dependencies instead of installing)', ['new-app', 'shop', '--no-install'])
  step('preview a module as a diff', ['module', 'visits', '--dry-run', '--diff', '--cwd', app])
  step('scaffold it with a backend page', ['module', 'visits', '--with-page', '--locales', 'en,pl', '--cwd', app])
  step('run it again: nothing to change', ['module', 'visits', '--with-page', '--locales', 'en,pl', '--cwd', app])
  step('add a page', ['page', 'visits', 'reports', '--title', 'Visit reports', '--cwd', app])
  step('add an API route', ['api', 'visits', 'stats', '--methods', 'get,post', '--cwd', app])
  step('add a subscriber', ['subscriber', 'visits', 'notify', '--event', 'visits.visit.created', '--persistent', '--cwd', app])
  step('add a custom entity to ce.ts', ['entity', 'visits', 'visit_note', '--field', 'body:multiline:required', '--cwd', app])
  step('add a data entity', ['data-entity', 'visits', 'Visit', '--field', 'startsAt:date:required', '--field', 'note:text', '--crud', '--cwd', app])
  step('check the registry', ['generate', '--check', '--cwd', app])
  step('check conventions', ['doctor', '--cwd', app])
  step('add one more page, then preview and apply its undo', ['page', 'visits', 'scratch', '--quiet', '--cwd', app])
  step('preview the undo', ['undo', '--dry-run', '--diff', '--cwd', app])
  step('undo it', ['undo', '--cwd', app])
  step('list what the app serves', ['list', '--cwd', app])
  console.log('\nsrc/modules.ts now reads:\n')
  console.log(readFileSync(join(app, 'src/modules.ts'), 'utf8'))
  // the app's dependencies (MikroORM, zod, React types) as `npm install` would provide them
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir')
  step('create the migration', ['db', 'generate', '--cwd', app])
  step('migrate embedded PGlite', ['db', 'migrate', '--cwd', app])
  step('database status', ['db', 'status', '--cwd', app])
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', app], { stdio: 'inherit' })
  console.log('tsc --noEmit: the app and its generated module type-check')
  captureMenus()
} catch (error) {
  failed = true
  console.error(`\n${error.message}`)
} finally {
  if (keep) console.log(`\nkept the demo app: ${app}`)
  else rmSync(work, { recursive: true, force: true })
  process.exitCode = failed ? 1 : 0
}
