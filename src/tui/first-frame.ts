import { readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { CommandIndex } from '../cli/command-index-data'
import { MODULES_FILE } from '../paths'

// ink, React and the actions take most of a second to load on a busy machine; the home screen's
// title and action list need none of them. So the menus first draw that screen from the command
// index, in the alternate screen, and ink then draws the same rows over it (the summary line, which
// needs the app read, fills in then). test/tui-first-frame.test.ts holds these rows to ink's. It reads
// with node:fs directly: the FileSystem service and its container are what this frame runs before.

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** The home screen's summary line until the app has been read (first frame and ink alike). */
export const READING = 'reading the app…'

/** The app found before ink starts: the menus show it (and its actions) until its summary is read. */
export interface KnownApp { root: string; name: string }

/** The app the menus open in, as findApp and appSummary name it: its root and package name (the folder's name if none). */
function appAt(start: string): KnownApp | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const pkg = readText(join(dir, 'package.json'))
    if (pkg !== null && readText(join(dir, MODULES_FILE)) !== null) {
      let name = basename(dir)
      try {
        name = (JSON.parse(pkg) as { name?: string }).name ?? name
      } catch {
        // a broken package.json still has a folder name
      }
      return { root: dir, name }
    }
    if (dirname(dir) === dir) return null
  }
}

/** Cut to `width` columns with `…`, as ink's truncate-end does, for text of one column per character. */
const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text)

const BOLD = '\x1b[1m'
const DIM = '\x1b[2m'
const CYAN = '\x1b[36m'
const RESET = '\x1b[0m'

/**
 * The home screen as ink first draws it (title, app line, a placeholder summary line, the action
 * list with `module` selected in an app, the hint and keys), as terminal output for the alternate
 * screen; null where it would not match ink's frame (a terminal too small, characters wider than one column).
 */
export function firstFrame(index: CommandIndex, cwd: string, size: { columns: number; rows: number }, colour: boolean): { output: string; app: KnownApp | null } | null {
  const { columns, rows } = size
  if (columns < 40 || rows < 12) return null
  const app = appAt(cwd)
  const paint = (style: string, text: string) => (colour ? `${style}${text}${RESET}` : text)
  const available = index.commands.filter((c) => app !== null || !c.needsApp)
  const items = [...available.map((c) => ({ value: c.name, hint: c.summary })), { value: '__quit', label: 'quit', hint: 'leave the menus (esc or q)' }]
    .map((i) => ({ value: i.value, label: 'label' in i ? i.label! : i.value, hint: i.hint }))
  if (items.some((i) => /[^\x20-\x7e]/.test(i.hint.replace(/[…·→←↑↓]/g, '')))) return null
  const labelWidth = Math.max(...items.map((i) => i.label.length))
  // as App lays it out: a frame a row less than the terminal, three header rows, a blank and two below the list
  const height = Math.max(8, rows - 1)
  const menuRows = Math.max(1, height - (app ? 3 : 2) - 2 - 1)
  const selected = app ? Math.max(0, items.findIndex((i) => i.value === 'module')) : 0
  const start = items.length <= menuRows ? 0 : Math.min(Math.max(0, selected - Math.floor(menuRows / 2)), items.length - menuRows)
  const lines = [
    paint(BOLD, 'create-mercato-module'),
    paint(DIM, fit(app ? `app ${app.name} in ${app.root}` : `no app at ${cwd}: create one first`, columns)),
    ...(app ? [paint(DIM, fit(READING, columns))] : []),
    ...items.slice(start, start + menuRows).map((item, i) => {
      const mine = start + i === selected
      const label = `${mine ? '› ' : '  '}${item.label.padEnd(labelWidth)}`
      const text = fit(`${label}  ${item.hint}`, columns)
      return mine ? paint(BOLD + CYAN, label) + paint(BOLD + CYAN + DIM, text.slice(label.length)) : label + paint(DIM, text.slice(label.length))
    }),
    ' ',
    paint(DIM, fit(items[selected]!.hint, columns)),
    paint(DIM, fit('↑/↓ move · enter choose · esc/q quit', columns)),
  ]
  // the alternate screen, cursor hidden, from the top left; ink enters the same screen and draws over it
  return { output: `\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J${lines.join('\r\n')}\x1b[H`, app }
}
