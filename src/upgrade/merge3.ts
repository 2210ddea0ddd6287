import { diffArrays } from 'diff'

/**
 * Three-way merge of text, as `git merge-file` does it: the changes from `base` to `ours` (the user's
 * file) and from `base` to `theirs` (the new templates' output) are both applied where they touch
 * different lines; where both change the same lines differently, lines that still correspond are
 * merged again word by word, and only what still overlaps becomes a conflict, written with git's diff3-style markers
 * (ours, the base, theirs).
 */
export interface MergeResult {
  text: string
  /** How many regions both sides changed differently; each is between markers in `text`. */
  conflicts: number
}

export interface MergeLabels { ours: string; base: string; theirs: string }

const DEFAULT_LABELS: MergeLabels = { ours: 'yours', base: 'scaffold as written', theirs: 'templates now' }

/** base index → index in `side` of the same item, for items the longest common subsequence keeps. */
function matching(base: string[], side: string[]): Int32Array {
  const map = new Int32Array(base.length + 1).fill(-1)
  let b = 0
  let s = 0
  for (const part of diffArrays(base, side)) {
    const n = part.count ?? part.value.length
    if (part.added) s += n
    else if (part.removed) b += n
    else for (let k = 0; k < n; k++) map[b++] = s++
  }
  map[base.length] = side.length
  return map
}

type Chunk = { stable: true; items: string[] } | { stable: false; base: string[]; ours: string[]; theirs: string[] }

/** Splits the three sequences into runs every side keeps and runs that at least one side changed. */
function chunks(base: string[], ours: string[], theirs: string[]): Chunk[] {
  const mo = matching(base, ours)
  const mt = matching(base, theirs)
  const out: Chunk[] = []
  let i = 0
  let o = 0
  let t = 0
  while (i <= base.length) {
    if (i < base.length && mo[i] === o && mt[i] === t) {
      const last = out.at(-1)
      if (last?.stable) last.items.push(base[i]!)
      else out.push({ stable: true, items: [base[i]!] })
      i++; o++; t++
      continue
    }
    let k = i
    while (k < base.length && (mo[k] === -1 || mt[k] === -1)) k++
    if (k === base.length && i === base.length && o === ours.length && t === theirs.length) break
    out.push({ stable: false, base: base.slice(i, k), ours: ours.slice(o, mo[k]), theirs: theirs.slice(t, mt[k]) })
    o = mo[k]!
    t = mt[k]!
    i = k
    if (k === base.length) break
  }
  return out
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** The merge of one changed region: a side that kept the base gives way to the other. */
function resolve(c: { base: string[]; ours: string[]; theirs: string[] }): string[] | null {
  if (same(c.ours, c.base)) return c.theirs
  if (same(c.theirs, c.base) || same(c.ours, c.theirs)) return c.ours
  return null
}

export function mergeItems(base: string[], ours: string[], theirs: string[]): Array<string[] | { base: string[]; ours: string[]; theirs: string[] }> {
  return chunks(base, ours, theirs).map((c) => (c.stable ? c.items : resolve(c) ?? c))
}

/** Lines with their endings, so a last line without one stays so. */
export const splitLines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? []
/** Words, runs of spaces and single punctuation: the units a second, finer merge works in. */
const splitWords = (text: string) => text.match(/\w+|[^\S\n]+|\n|[^\w\s]/g) ?? []

const endLine = (lines: string[]) => (lines.length > 0 && !lines.at(-1)!.endsWith('\n') ? [...lines.slice(0, -1), `${lines.at(-1)}\n`] : lines)

/**
 * One side of a changed region, line by base line: each base line as the side has it (changed 1:1 or
 * kept) and the lines it inserts before each (index n: at the end); null when it deletes lines or
 * replaces a run with one of another length, where lines no longer correspond.
 */
function alignLines(base: string[], side: string[]): { lines: string[]; inserts: string[][] } | null {
  const lines: string[] = []
  const inserts: string[][] = Array.from({ length: base.length + 1 }, () => [])
  const parts = diffArrays(base, side)
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!
    const next = parts[k + 1]
    if (part.removed) {
      if (!next?.added || next.value.length !== part.value.length) return null
      lines.push(...next.value)
      k++
    } else if (part.added) inserts[lines.length]!.push(...part.value)
    else lines.push(...part.value)
  }
  return { lines, inserts }
}

/**
 * Both sides changed the same lines: where lines still correspond (changed one for one, lines
 * inserted between them), each line is merged again word by word (a rename on one side and a new
 * argument on the other touch different words of it) and insertions at different places are both
 * kept. Null when that does not settle it; words are never matched across lines.
 */
function mergeWords(part: { base: string[]; ours: string[]; theirs: string[] }): string | null {
  const ours = alignLines(part.base, part.ours)
  const theirs = alignLines(part.base, part.theirs)
  if (!ours || !theirs) return null
  const merged: string[] = []
  for (let i = 0; i <= part.base.length; i++) {
    const [mine, their] = [ours.inserts[i]!, theirs.inserts[i]!]
    if (mine.length > 0 && their.length > 0 && !same(mine, their)) return null
    merged.push(...(mine.length > 0 ? mine : their))
    if (i === part.base.length) break
    const resolved = resolve({ base: [part.base[i]!], ours: [ours.lines[i]!], theirs: [theirs.lines[i]!] })
    if (resolved) {
      merged.push(...resolved)
      continue
    }
    const words = mergeItems(splitWords(part.base[i]!), splitWords(ours.lines[i]!), splitWords(theirs.lines[i]!))
    if (!words.every(Array.isArray)) return null
    merged.push((words as string[][]).flat().join(''))
  }
  return merged.join('')
}

export function merge3(base: string, ours: string, theirs: string, labels: MergeLabels = DEFAULT_LABELS): MergeResult {
  if (ours === theirs || theirs === base) return { text: ours, conflicts: 0 }
  if (ours === base) return { text: theirs, conflicts: 0 }
  let conflicts = 0
  const out: string[] = []
  for (const part of mergeItems(splitLines(base), splitLines(ours), splitLines(theirs))) {
    if (Array.isArray(part)) {
      out.push(...part)
      continue
    }
    const words = mergeWords(part)
    if (words !== null) {
      out.push(words)
      continue
    }
    conflicts++
    out.push(`<<<<<<< ${labels.ours}\n`, ...endLine(part.ours), `||||||| ${labels.base}\n`, ...endLine(part.base), '=======\n', ...endLine(part.theirs), `>>>>>>> ${labels.theirs}\n`)
  }
  return { text: out.join(''), conflicts }
}
