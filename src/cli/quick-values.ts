import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { detectInstall, locateModule, type Install } from '../app/packages'
import { APP_MODULES, MODULES_FILE } from '../paths'
import type { Picker } from '../app/pickers'

// A TAB asks for the app's module ids or declared events many times a minute. Loading the actions,
// zod and the parser for them costs more than node itself, so the completion path reads the files
// with the small lexer below. It answers only shapes it reads exactly as the full path does (the
// files this tool writes and Open Mercato's own); for anything else it says null and the full path
// (the action's picker) answers. test/start-up.test.ts holds both to the same output. It reads with
// node:fs directly because the FileSystem service (and the container) is what it must not load.

/** A tiny reader's name, as a picker names it (Picker.quick) and the command index records it. */
export type QuickReader = NonNullable<Picker['quick']>

const UNSURE = Symbol('unsure')

const CODE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx']
const isDir = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** The app root as findApp finds it: the nearest folder from `start` up with package.json and src/modules.ts. */
function appRoot(start: string): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (readText(join(dir, 'package.json')) !== null && readText(join(dir, MODULES_FILE)) !== null) return dir
    if (dirname(dir) === dir) return null
  }
}

/**
 * The text with comments blanked out, or null when it holds what this lexer does not follow: a
 * regular expression or a division (any `/` outside strings and comments), a template with `${`, or
 * a string with an escape. Offsets are kept, so positions in the result are positions in the text.
 */
export function blankComments(text: string): string | null {
  let out = ''
  for (let i = 0; i < text.length; ) {
    const c = text[i]!
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i)
      const stop = end < 0 ? text.length : end
      out += ' '.repeat(stop - i)
      i = stop
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      if (end < 0) return null
      out += text.slice(i, end + 2).replace(/[^\n]/g, ' ')
      i = end + 2
    } else if (c === '/') {
      return null
    } else if (c === "'" || c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1)
      if (end < 0) return null
      const body = text.slice(i + 1, end)
      if (body.includes('\\') || (c !== '`' && body.includes('\n')) || (c === '`' && body.includes('${'))) return null
      out += text.slice(i, end + 1)
      i = end + 1
    } else {
      out += c
      i++
    }
  }
  return out
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' }

/** The items of the bracketed list opening at `start` (split at its own commas), and the offset after its closing bracket; null if unbalanced. */
function listAt(code: string, start: number): { items: string[]; end: number } | null {
  const stack: string[] = []
  const items: string[] = []
  let from = start + 1
  for (let i = start; i < code.length; i++) {
    const c = code[i]!
    if (c === "'" || c === '"' || c === '`') {
      i = code.indexOf(c, i + 1)
      continue
    }
    if (OPEN[c]) stack.push(OPEN[c])
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return null
      if (stack.length === 0) {
        items.push(code.slice(from, i))
        return { items: items.map((s) => s.trim()).filter((s, n, all) => s !== '' || n < all.length - 1), end: i + 1 }
      }
    } else if (c === ',' && stack.length === 1) {
      items.push(code.slice(from, i))
      from = i + 1
    }
  }
  return null
}

const IDENT = /^[A-Za-z_$][\w$]*$/
const STRING = /^(?:'([^']*)'|"([^"]*)"|`([^`]*)`)$/

/** The properties of an object literal's text (`{ a: 'x', b }`), or null when a key is not a plain identifier. */
function propertiesOf(object: string): Map<string, string> | null {
  const list = listAt(object, 0)
  if (!list || list.end !== object.length) return null
  const props = new Map<string, string>()
  for (const item of list.items) {
    if (item === '') return list.items.length === 1 ? props : null
    const colon = item.indexOf(':')
    const key = colon < 0 ? item : item.slice(0, colon).trim()
    if (!IDENT.test(key)) return null
    props.set(key, colon < 0 ? '' : item.slice(colon + 1).trim())
  }
  return props
}

/**
 * A property's string value as the parser reads it (a quoted string, a template without `${`), null
 * for a value that is no string (an identifier, a call), and UNSURE for an expression that starts
 * with a string ('a' + b), which this lexer does not evaluate.
 */
function stringValue(value: string | undefined): string | null | undefined | typeof UNSURE {
  if (value === undefined) return undefined
  const m = STRING.exec(value)
  if (m) return m[1] ?? m[2] ?? m[3]!
  return /^['"`]/.test(value) ? UNSURE : null
}

/**
 * The enabled modules of a src/modules.ts that is one array of `{ id: '...', from: '...' }` literals
 * and nothing after it (as this tool writes it); null for conditions, pushes, spreads, env reads.
 */
export function quickEnabledModules(text: string): Array<{ id: string; from: string }> | null {
  const code = blankComments(text)
  if (code === null || code.includes('process.env') || code.includes('enabledModules.push')) return null
  const head = /^export const enabledModules(?:\s*:\s*ModuleEntry\[\])?\s*=\s*\[/m.exec(code)
  if (!head) return null
  const list = listAt(code, head.index + head[0].length - 1)
  if (!list || !/^\s*;?\s*$/.test(code.slice(list.end))) return null
  const result: Array<{ id: string; from: string }> = []
  for (const item of list.items) {
    if (!item.startsWith('{')) return null
    const props = propertiesOf(item)
    const id = stringValue(props?.get('id'))
    const from = stringValue(props?.get('from') ?? "'@open-mercato/core'")
    if (!props || [...props.keys()].some((k) => k !== 'id' && k !== 'from') || typeof id !== 'string' || typeof from !== 'string') return null
    if (!result.some((m) => m.id === id)) result.push({ id, from })
  }
  return result
}

/**
 * The event ids an events.ts declares: the objects of a top-level `const events = [...]`, else of the
 * `events: [...]` of one `createModuleEvents({...})`; null for any other shape.
 */
export function quickEventIds(text: string): string[] | null {
  const code = blankComments(text)
  if (code === null) return null
  const named = [...code.matchAll(/^(?:export )?const events\b(?:\s*:[^=]+)?\s*=\s*\[/gm)]
  let open: number
  if (named.length === 1) open = named[0]!.index + named[0]![0].length - 1
  else if (named.length > 1 || /\bconst events\b/.test(code)) return null
  else {
    const calls = [...code.matchAll(/\bcreateModuleEvents\s*\(\s*\{/g)]
    if (calls.length !== 1) return null
    const options = calls[0]!.index + calls[0]![0].length - 1
    const object = listAt(code, options)
    const inner = object ? [...code.slice(options, object.end).matchAll(/\bevents\s*:\s*\[/g)] : []
    if (inner.length !== 1) return null
    open = options + inner[0]!.index + inner[0]![0].length - 1
  }
  const list = listAt(code, open)
  if (!list) return null
  const ids: string[] = []
  for (const item of list.items) {
    if (!item.startsWith('{') || !item.endsWith('}')) return null
    const props = propertiesOf(item)
    if (!props) return null
    const id = stringValue(props.get('id'))
    if (id === UNSURE) return null
    if (id) ids.push(id)
  }
  return ids
}

/** Module folders under src/modules, as listAppModules lists them. */
function appModules(root: string): string[] {
  let names: string[]
  try {
    names = readdirSync(join(root, APP_MODULES))
  } catch {
    return []
  }
  return names.sort().filter((name) => isDir(join(root, APP_MODULES, name)))
}

/** The events.ts of a module as discovery picks it (the app's copy over the package's), or undefined. */
function eventsFile(root: string, id: string, from: string, install: () => Install): string | undefined {
  const roots: string[] = []
  if (from !== '@app') {
    const found = locateModule(install(), from, id).path
    if (found) roots.push(relative(root, found))
  }
  if (isDir(join(root, APP_MODULES, id))) roots.push(join(APP_MODULES, id))
  for (const dir of roots.reverse()) {
    let names: string[]
    try {
      names = readdirSync(join(root, dir))
    } catch {
      continue
    }
    const hit = CODE_EXTENSIONS.map((ext) => `events${ext}`).find((n) => names.includes(n))
    if (hit) return join(root, dir, hit)
  }
  return undefined
}

function declaredEvents(root: string): string[] | null {
  const modules = quickEnabledModules(readText(join(root, MODULES_FILE)) ?? '')
  if (!modules) return null
  let install: Install | undefined
  const ids = new Set<string>()
  for (const { id, from } of modules) {
    const file = eventsFile(root, id, from, () => (install ??= detectInstall(root)))
    if (!file) continue
    const found = quickEventIds(readText(file) ?? '')
    if (!found) return null
    for (const e of found) ids.add(e)
  }
  return [...ids].sort()
}

/** The values a tiny reader gives for the app found from `cwd`, or null when the full path must answer. */
export function quickValues(reader: QuickReader, cwd: string): string[] | null {
  const root = appRoot(cwd)
  if (!root) return []
  return reader === 'app-modules' ? appModules(root) : declaredEvents(root)
}
