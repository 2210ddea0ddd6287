import { followLineEndings } from '../services/line-endings'
import { diffArrays } from 'diff'
import { merge3, splitLines, type MergeLabels } from './merge3'

/** What upgrade does with one scaffolded file whose base (the scaffold's own output) is known. */
export type FileOutcome =
  | { status: 'same' }
  | { status: 'replaced'; text: string }
  | { status: 'created'; text: string }
  | { status: 'removed' }
  | { status: 'merged'; text: string; conflicts: number }
  | { status: 'kept'; why: string }

/**
 * base: what the scaffold wrote (or the last upgrade merged from); ours: the file now (null: the
 * user deleted it); theirs: what the templates make now (null: they no longer make it). A file the
 * user left as written takes the new output whole; an edited one gets the templates' change merged
 * into it; a file the templates drop goes only if the user never edited it.
 */
export function upgradeFile(base: string | null, ours: string | null, theirs: string | null, labels?: MergeLabels): FileOutcome {
  if (ours === null) return base === null && theirs !== null ? { status: 'created', text: theirs } : { status: 'kept', why: 'you deleted it; left deleted' }
  // the templates' output in the user's line endings, so a CRLF checkout is not one big change
  const target = theirs === null ? null : followLineEndings(ours, theirs)
  const from = base === null ? null : followLineEndings(ours, base)
  if (target === ours) return { status: 'same' }
  if (from === ours) return target === null ? { status: 'removed' } : { status: 'replaced', text: target }
  if (target === null) return { status: 'kept', why: 'the templates no longer make it; kept because you edited it' }
  if (from === null) return { status: 'kept', why: 'it is not the scaffold\'s: a file of yours is where the templates now put one' }
  const merged = merge3(from, ours, target, labels)
  return merged.text === ours ? { status: 'same' } : { status: 'merged', ...merged }
}

/** What a line declares, for telling one entry from another: its id (`{ id: 'fleet.view', … }`), its JSON key, or its text. */
function entryOf(line: string): string {
  const id = /\bid:\s*(['"])([^'"]+)\1/.exec(line)
  if (id) return `id ${id[2]}`
  const key = /^\s*"((?:[^"\\]|\\.)*)"\s*:/.exec(line)
  return key ? `key ${key[1]}` : line.trim().replace(/,$/, '')
}

/**
 * `theirs` without the lines it adds that declare what `ours` already declares and the base did not:
 * an entry of a registration file (a feature or module by its id, a translation by its key) the user
 * added by hand is not added twice when the templates add it too, wherever each put it and however
 * each wrote the rest of it.
 */
export function withoutRepeats(base: string | null, ours: string | null, theirs: string | null): string | null {
  if (base === null || ours === null || theirs === null) return theirs
  const had = new Set(splitLines(base).map(entryOf))
  const yours = new Set(splitLines(ours).map(entryOf).filter((e) => e !== '' && !had.has(e)))
  if (yours.size === 0) return theirs
  return diffArrays(splitLines(base), splitLines(theirs))
    .flatMap((part) => (part.removed ? [] : part.added ? part.value.filter((line) => !yours.has(entryOf(line))) : part.value))
    .join('')
}
