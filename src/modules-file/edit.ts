import { UsageError } from '../errors'
import { tsString } from '../quote'
import { type ModuleEntry, type ModulesFile } from './read'
import { appendToList } from '../source-edit/list'
import { indentAt, lineStartOf, skipTrivia } from '../source-edit/source'

export interface EditResult { text: string; changed: boolean; message: string }

function describe(entry: ModuleEntry, label: string) {
  return `${label}:${entry.line}`
}

/**
 * Appends `{ id, from }` as the last element of the enabledModules array, changing no other byte:
 * comments, imports, blank lines, conditional pushes and formatting stay as they are.
 */
export function addModuleEntry(file: ModulesFile, module: { id: string; from: string }, label = 'src/modules.ts'): EditResult {
  const existing = file.entries.filter((e) => e.id === module.id)
  const clash = existing.find((e) => e.from !== module.from)
  if (clash) {
    throw new UsageError(`module "${module.id}" is already registered from "${clash.from}" at ${describe(clash, label)}; disable it first`, { text: `enable the module registered from ${clash.from}`, set: { from: clash.from } })
  }
  const active = existing.find((e) => e.active)
  if (active) {
    return { text: file.text, changed: false, message: `module "${module.id}" is already enabled from "${module.from}" (${describe(active, label)})` }
  }
  // Registrations under a condition that is off (an env-gated push) leave the module disabled: add an unconditional one.
  const gated = existing.length > 0 ? `; the registration at ${existing.map((e) => describe(e, label)).join(', ')} stays under its condition` : ''

  const entry = `{ id: ${tsString(module.id, file.quote)}, from: ${tsString(module.from, file.quote)} }`
  const list = { start: file.array.start, end: file.array.end, items: file.array.elements }
  return {
    text: appendToList(file.text, list, file.comments, [entry], { outerIndent: indentAt(file.text, file.declarationStart) }),
    changed: true,
    message: `registered { id: '${module.id}', from: '${module.from}' } in ${label}${gated}`,
  }
}

/** Removes a range and, when it stood alone on its lines, those whole lines. */
function cut(text: string, start: number, end: number, comments: ModulesFile['comments']): { start: number; end: number } {
  let stop = end
  const afterComma = skipTrivia(text, stop, [])
  if (text[afterComma] === ',') stop = afterComma + 1
  const lineStart = lineStartOf(text, start)
  const restOfLine = text.slice(stop, text.indexOf('\n', stop) === -1 ? text.length : text.indexOf('\n', stop))
  if (text.slice(lineStart, start).trim() === '' && restOfLine.trim() === '') {
    const newline = text.indexOf('\n', stop)
    return { start: lineStart, end: newline === -1 ? text.length : newline + 1 }
  }
  if (text[afterComma] !== ',') {
    // last element on a shared line: take the comma before it instead
    let before = start - 1
    while (before > 0 && /\s/.test(text[before]!)) before--
    if (text[before] === ',') return { start: before, end }
  }
  const next = skipTrivia(text, stop, comments)
  return { start, end: text[stop] === ' ' && next > stop ? stop + 1 : stop }
}

/** Removes every registration of `id`; a push call left with no arguments is removed whole. */
export function removeModuleEntry(file: ModulesFile, id: string, label = 'src/modules.ts'): EditResult {
  const matches = file.entries.filter((e) => e.id === id)
  if (matches.length === 0) return { text: file.text, changed: false, message: `module "${id}" is not enabled in ${label}` }
  const ranges = matches.map((entry) => {
    const { site } = entry
    if (site.kind === 'push') {
      const inSameCall = matches.filter((m) => m.site.kind === 'push' && m.site.call.start === site.call.start).length
      if (inSameCall === site.call.args) return cut(file.text, site.statement.start, site.statement.end, file.comments)
    }
    return cut(file.text, entry.start, entry.end, file.comments)
  })
  const unique = [...new Map(ranges.map((r) => [`${r.start}:${r.end}`, r])).values()].sort((a, b) => b.start - a.start)
  let text = file.text
  for (const range of unique) text = text.slice(0, range.start) + text.slice(range.end)
  return { text, changed: true, message: `removed "${id}" from ${label} (${matches.length} registration${matches.length > 1 ? 's' : ''})` }
}
