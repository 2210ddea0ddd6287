// Captures real TUI screens at 80x24 from tmux (home, a form, a preview, a db screen, its outcome, list) and writes
// them into docs/menus.md between the tui-screens markers. Run: npm run build && node scripts/tui-screens.mjs
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'create-mercato-module.js')
const work = mkdtempSync(join(tmpdir(), 'cmm-screens-'))
const session = `cmm-screens-${process.pid}`
const tmux = (...args) => execFileSync('tmux', args, { encoding: 'utf8' })
const cli = (...args) => {
  const r = spawnSync(process.execPath, [bin, ...args, '--quiet'], { cwd: work, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
}
const screen = () => tmux('capture-pane', '-p', '-t', session).replace(/\s+$/, '')
async function waitFor(pattern, timeout = 120000) {
  const until = Date.now() + timeout
  while (!pattern.test(screen())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${screen()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  await new Promise((r) => setTimeout(r, 300))
}
const keys = (...k) => tmux('send-keys', '-t', session, ...k)

try {
  cli('new-app', 'shop', '--no-install')
  const app = join(work, 'shop')
  // the starter app's MikroORM comes from this checkout, so the db screen works without an install
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir')
  cli('module', 'billing', '--cwd', app)
  cli('data-entity', 'billing', 'Invoice', '--field', 'number:text:required', '--field', 'total:float', '--cwd', app)
  // a page whose row in list is wider than 80 columns
  cli('page', 'billing', 'invoices/overdue/by-customer', '--title', 'Overdue invoices', '--cwd', app)
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${process.execPath} ${bin} --cwd ${app}; sleep 60`)
  const shots = []
  // the home screen asks for pending migrations after its first frame: shoot it once they are in
  await waitFor(/^(?![\s\S]*checking…)[\s\S]*› module/)
  shots.push(['The home screen: the app, its modules, registry and pending migrations, then the actions', screen()])
  keys('Enter')
  await waitFor(/› id/)
  keys('-l', 'visits')
  keys('Down', 'Down')
  keys('-l', 'Visit log')
  await waitFor(/› title\s+Visit log/)
  shots.push(['A form: one row per flag, checked as you type', screen()])
  keys('Up', 'Up', 'Up', 'Enter')
  await waitFor(/y\/enter apply/)
  shots.push(['The preview: the files, then every diff, before anything is written', screen()])
  keys('n')
  await waitFor(/Preview changes/)
  keys('Escape')
  await waitFor(/discard/)
  keys('y')
  await waitFor(/› module/)
  keys('End', 'Up', 'Up', 'Up')
  await waitFor(/› db generate/)
  keys('Enter')
  await waitFor(/db generate: create/)
  keys('Up', 'Enter')
  await waitFor(/y\/enter run|nothing to do|✓ done/)
  shots.push(['A db screen: db generate shows the SQL of each module\'s migration before it writes one (long lines wrap)', screen()])
  keys('y')
  await waitFor(/✓ done/)
  shots.push(['Once it is done: every step (✓ and how it ended) and the result, to scroll and filter', screen()])
  keys('Enter')
  await waitFor(/› db generate/)
  keys('Home')
  while (!/› list/.test(screen())) {
    keys('Down')
    await new Promise((r) => setTimeout(r, 50))
  }
  keys('Enter')
  await waitFor(/^Pages$/m)
  shots.push(['list: tables keep one row per line, cut at the edge; ←/→ scroll them sideways', screen()])

  const section = shots.map(([title, text]) => `${title}:\n\n\`\`\`text\n${text}\n\`\`\``).join('\n\n')
  const page = join(root, 'docs', 'menus.md')
  const current = readFileSync(page, 'utf8')
  const marked = /(<!-- tui-screens:start -->\n)[\s\S]*?(<!-- tui-screens:end -->)/
  if (!marked.test(current)) throw new Error('docs/menus.md has no tui-screens markers')
  writeFileSync(page, current.replace(marked, (_, a, b) => `${a}${section.replaceAll(work, '/tmp/demo')}\n${b}`))
  console.log(`wrote ${shots.length} screens into docs/menus.md`)
} finally {
  spawnSync('tmux', ['kill-session', '-t', session])
  rmSync(work, { recursive: true, force: true })
}
