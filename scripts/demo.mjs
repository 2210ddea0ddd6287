// The main job end to end on the embedded default, in a temp folder: create an app, preview a
// module as a diff, scaffold it and more, run the registry generator, migrate on embedded PGlite,
// and type-check the result with tsc.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'create-mercato-module.js')
const work = mkdtempSync(join(tmpdir(), 'cmm-demo-'))
const app = join(work, 'shop')

function step(title, args, cwd = work) {
  console.log(`\n$ create-mercato-module ${args.join(' ')}`)
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  process.stdout.write(r.stdout)
  process.stdout.write(r.stderr)
  if (r.status !== 0) {
    console.error(`demo step "${title}" failed with exit code ${r.status}`)
    process.exit(1)
  }
}

try {
  console.log(`demo folder: ${work}`)
  step('create an app', ['new-app', 'shop', '--no-install'])
  step('preview a module', ['module', 'visits', '--dry-run', '--diff', '--cwd', app])
  step('scaffold it', ['module', 'visits', '--with-page', '--locales', 'en,pl', '--cwd', app])
  step('run it again: nothing to change', ['module', 'visits', '--with-page', '--locales', 'en,pl', '--cwd', app])
  step('add an API route', ['api', 'visits', 'stats', '--methods', 'GET,POST', '--cwd', app])
  step('add a subscriber', ['subscriber', 'visits', 'notify', '--event', 'visits.visit.created', '--persistent', '--cwd', app])
  step('add a data entity', ['data-entity', 'visits', 'Visit', '--field', 'startsAt:date:required', '--field', 'note:text', '--crud', '--cwd', app])
  step('check the registry', ['generate', '--check', '--cwd', app])
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
} finally {
  rmSync(work, { recursive: true, force: true })
}
