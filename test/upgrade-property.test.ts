import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { diffArrays } from 'diff'
import { upgradeFile } from '../dist/testing.js'
import { cli, read, starterApp } from './helpers.ts'
import { rng, writeVersion } from './upgrade-versions.ts'

const CASES = 600
const SCAFFOLDS = [
  ['module', 'fleet', '--with-page'],
  ['page', 'fleet', 'reports'],
  ['worker', 'fleet', 'sync-vehicles', '--queue', 'fleet-sync'],
  ['subscriber', 'fleet', 'notify', '--event', 'fleet.vehicle.created', '--persistent'],
  ['api', 'fleet', 'stats'],
  ['data-entity', 'fleet', 'Vehicle', '--field', 'plate:text:required', '--crud'],
]

const indent = (line: string) => line.match(/^[ \t]*/)![0]
const words = (line: string) => line.match(/\w+/g) ?? []
const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? []

/** The result as the user's side of every conflict has it: what "survives" is checked in. */
function yoursOf(text: string): string[] {
  const out: string[] = []
  let side: 'both' | 'ours' | 'other' = 'both'
  for (const line of lines(text)) {
    if (line.startsWith('<<<<<<< ')) side = 'ours'
    else if (line.startsWith('||||||| ') || line === '=======\n') side = 'other'
    else if (line.startsWith('>>>>>>> ')) side = 'both'
    else if (side !== 'other') out.push(line)
  }
  return out
}

type Edit = { kind: 'insert' | 'delete' | 'reformat' | 'rename'; at: number[]; line?: string; from?: string; to?: string }

/** Random edits of a developer on distinct lines of `base`: a comment added, a line removed, one re-indented, an identifier renamed. */
function editsOn(base: string, theirs: string, random: () => number, id: number): { ours: string; edits: Edit[] } {
  const rows: Array<{ text: string; from: number | null }> = lines(base).map((text, i) => ({ text, from: i }))
  const count = (list: string[], line: string) => list.filter((l) => l === line).length
  const baseLines = lines(base)
  const theirLines = lines(theirs)
  const used = new Set<number>()
  const edits: Edit[] = []
  const n = 1 + Math.floor(random() * 4)
  for (let k = 0; k < n; k++) {
    const kind = (['insert', 'delete', 'reformat', 'rename'] as const)[Math.floor(random() * 4)]!
    if (kind === 'insert') {
      const pos = Math.floor(random() * (rows.length + 1))
      const near = rows[Math.min(pos, rows.length - 1)]
      const at = near?.from ?? rows.slice(0, pos).reverse().find((r) => r.from !== null)?.from ?? 0
      const line = `${near?.text.match(/^[ \t]*/)![0] ?? ''}// edit ${id}.${k}\n`
      rows.splice(pos, 0, { text: line, from: null })
      edits.push({ kind, at: [pos >= rows.length - 1 ? baseLines.length : at], line })
      continue
    }
    const choices = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.from !== null && !used.has(r.from) && r.text.trim().length > 2 && count(baseLines, r.text) === 1 && count(theirLines, r.text) <= 1)
    if (choices.length === 0) continue
    const { r, i } = choices[Math.floor(random() * choices.length)]!
    if (kind === 'delete') {
      rows.splice(i, 1)
      used.add(r.from!)
      edits.push({ kind, at: [r.from!], line: r.text })
    } else if (kind === 'reformat') {
      r.text = `  ${r.text}`
      used.add(r.from!)
      edits.push({ kind, at: [r.from!], line: r.text })
    } else {
      const words = [...new Set(r.text.match(/\b[A-Za-z_][A-Za-z0-9_]{3,}\b/g) ?? [])]
      if (words.length === 0 || edits.some((e) => e.kind === 'rename')) continue
      const from = words[Math.floor(random() * words.length)]!
      const to = `${from}Renamed`
      const word = new RegExp(`\\b${from}\\b`, 'g')
      const at: number[] = []
      for (const row of rows) {
        if (!word.test(row.text)) continue
        row.text = row.text.replace(word, to)
        if (row.from !== null) { at.push(row.from); used.add(row.from) }
      }
      for (const e of edits) if (e.kind !== 'delete' && e.line) e.line = e.line.replace(word, to)
      edits.push({ kind, at, from, to })
    }
  }
  return { ours: rows.map((r) => r.text).join(''), edits }
}

/** The template's changes: base ranges and the lines they add. */
function hunksOf(base: string, theirs: string): Array<{ start: number; end: number; added: string[] }> {
  const hunks: Array<{ start: number; end: number; added: string[] }> = []
  let i = 0
  for (const part of diffArrays(lines(base), lines(theirs))) {
    const last = hunks.at(-1)
    const open = last && last.end === i && (part.added || part.removed)
    if (part.added) open ? last!.added.push(...part.value) : hunks.push({ start: i, end: i, added: [...part.value] })
    else if (part.removed) {
      if (open) last!.end += part.value.length
      else hunks.push({ start: i, end: i + part.value.length, added: [] })
      i += part.value.length
    } else i += part.value.length
  }
  return hunks
}

describe('upgrade merges, property test', () => {
  it(`${CASES} random edits of real scaffolds through three template versions: every edit survives, every template change apart from them is there`, async (t) => {
    const app = await starterApp(t)
    for (const args of SCAFFOLDS) assert.equal((await cli([...args, '--cwd', app, '--quiet'])).code, 0, args.join(' '))
    const history = join(app, '.mercato/history')
    const created = readdirSync(history).flatMap((f) => (JSON.parse(readFileSync(join(history, f), 'utf8')).changes as Array<{ path: string; kind: string }>))
      .filter((c) => c.kind === 'create' && /\.tsx?$/.test(c.path)).map((c) => c.path)
    const versions: Array<Record<string, string>> = [Object.fromEntries(created.map((p) => [p, read(app, p)]))]
    for (const v of [2, 3] as const) {
      writeVersion(app, v)
      const r = await cli(['upgrade', '--cwd', app, '--quiet'])
      assert.equal(r.code, 0, r.stderr)
      versions.push(Object.fromEntries(created.map((p) => [p, read(app, p)])))
    }
    const pairs = [[0, 1], [1, 2], [0, 2]].flatMap(([a, b]) => created.filter((p) => versions[a]![p] !== versions[b]![p]).map((p) => ({ path: p, base: versions[a]![p]!, theirs: versions[b]![p]! })))
    assert.ok(pairs.length >= 15, `the versions change ${pairs.length} files`)

    let clean = 0
    for (let c = 0; c < CASES; c++) {
      const random = rng(1000 + c)
      const { path, base, theirs } = pairs[Math.floor(random() * pairs.length)]!
      const { ours, edits } = editsOn(base, theirs, random, c)
      if (ours === base) continue
      const outcome = upgradeFile(base, ours, theirs)
      const why = `case ${c} (seed ${1000 + c}), ${path}, edits ${JSON.stringify(edits)}`
      assert.ok(outcome.status === 'merged' || outcome.status === 'same', `${why}: ${outcome.status}`)
      const text = outcome.status === 'merged' ? outcome.text : ours
      const conflicts = outcome.status === 'merged' ? outcome.conflicts : 0
      if (conflicts === 0) clean++
      const yours = yoursOf(text)
      for (const e of edits) {
        if (e.kind === 'insert') assert.ok(yours.includes(e.line!), `${why}: insert ${JSON.stringify(e.line)} lost\n${text}`)
        // a re-indented line the templates changed too is merged word by word: it keeps the indent and its words
        if (e.kind === 'reformat') assert.ok(yours.some((l) => l === e.line || (indent(l) === indent(e.line!) && words(e.line!).every((w) => words(l).includes(w)))), `${why}: reformat ${JSON.stringify(e.line)} lost\n${text}`)
        if (e.kind === 'delete') assert.ok(!yours.includes(e.line!), `${why}: deleted ${JSON.stringify(e.line)} came back\n${text}`)
        if (e.kind === 'rename') {
          const word = new RegExp(`\\b${e.from}\\b`, 'g')
          const theirsAdd = hunksOf(base, theirs).flatMap((h) => h.added).join('').match(word)?.length ?? 0
          assert.ok((yours.join('').match(word)?.length ?? 0) <= theirsAdd, `${why}: the rename of ${e.from} was undone\n${text}`)
        }
      }
      const touched = edits.flatMap((e) => e.at)
      for (const h of hunksOf(base, theirs)) {
        if (touched.some((u) => !(h.end < u || u + 1 < h.start))) continue
        for (const line of h.added) assert.ok(yours.includes(line) || edits.some((e) => e.kind === 'rename' && line.includes(e.from!)), `${why}: the template's ${JSON.stringify(line)} is missing\n${text}`)
      }
      if (conflicts === 0) assert.doesNotMatch(text, /^(<<<<<<<|>>>>>>>) /m, why)
    }
    t.diagnostic(`${CASES} cases, ${clean} merged without a conflict`)
  })
})
