/** What a generated SQL statement touches and whether it can lose data: read from MikroORM's own output. */

import type { Diff } from './orm'

const TABLE_REF = /\b(?:table(?:\s+if\s+(?:not\s+)?exists)?|on|references)\s+"([^"]+)"(?:\."([^"]+)")?/gi

/** The tables a statement names (schema-qualified names by their table part). */
export function tablesOf(statement: string): string[] {
  return [...new Set([...statement.matchAll(TABLE_REF)].map((m) => m[2] ?? m[1]!))]
}

/** The table a statement works on (the one it creates, alters, drops or indexes); null for one that names none. */
function subjectOf(statement: string): string | null {
  // `comment on column "t"."c"` (or "schema"."t"."c") names its table before the column
  const column = /^\s*comment\s+on\s+column\s+((?:"[^"]+"\.)+)"[^"]+"/i.exec(statement)
  if (column) return column[1]!.slice(1, -2).split('"."').at(-1)!
  return tablesOf(statement)[0] ?? null
}

/** Open Mercato's migrations tolerate a constraint that is already gone: `drop constraint if exists`. */
export const tolerantDrops = (statement: string) => statement.replace(/\bdrop constraint (?!if exists\b)"/gi, 'drop constraint if exists "')

/**
 * A generated diff as Open Mercato's migrator makes it (dropTables: false): nothing that works on a
 * table the module's entities do not map (`mapped`), in up or down. Such a table is one its snapshot
 * records but no entity declares any more (Open Mercato's scheduler keeps scheduled_job_runs, created
 * and altered by hand-written migrations): the diff would drop it in up() and create it in down().
 * Statements on mapped tables stay, even when they reference a kept one; constraint drops are tolerant.
 */
export function keepTables(diff: Diff, mapped: Iterable<string>): Diff {
  const own = new Set(mapped)
  const keep = (statements: string[]) => statements.filter((s) => {
    const subject = subjectOf(s)
    return subject === null || own.has(subject)
  }).map(tolerantDrops)
  return { up: keep(diff.up), down: keep(diff.down) }
}

/**
 * Whether a diff makes a migration: as MikroORM's own create() (which Open Mercato's db generate
 * calls), only when up() has a statement; a diff whose SQL is all in down() writes nothing.
 */
export const writesMigration = (diff: Diff) => diff.up.some((s) => s.trim() !== '')

/** A sentence for a statement that drops a table or a column or changes a column's type; null otherwise. */
export function destructive(statement: string): string | null {
  const s = statement.trim()
  let m = /^drop\s+table\s+(?:if\s+exists\s+)?"([^"]+)"/i.exec(s)
  if (m) return `drops table ${m[1]}`
  m = /^alter\s+table\s+"([^"]+)"/i.exec(s)
  if (!m) return null
  const table = m[1]!
  const dropped = [...s.matchAll(/\bdrop\s+column\s+(?:if\s+exists\s+)?"([^"]+)"/gi)].map((c) => c[1]!)
  if (dropped.length) return `drops column${dropped.length > 1 ? 's' : ''} ${dropped.map((c) => `${table}.${c}`).join(', ')}`
  const retyped = [...s.matchAll(/\balter\s+column\s+"([^"]+)"\s+type\s+([^,;]+?)(?:\s+using\b|[,;]|$)/gi)].map((c) => `${table}.${c[1]} to ${c[2]!.trim()}`)
  if (retyped.length) return `changes the type of ${retyped.join(', ')}`
  return null
}

/** Tables created by migration code (its `create table` statements) minus those it drops again. */
export function tablesCreatedBy(sources: string[]): string[] {
  const tables = new Set<string>()
  for (const source of sources) {
    const up = source.split(/\bdown\s*\(/)[0]!
    for (const m of up.matchAll(/\b(create|drop)\s+table\s+(?:if\s+(?:not\s+)?exists\s+)?"([^"]+)"(?:\."([^"]+)")?/gi)) {
      const name = m[3] ?? m[2]!
      if (m[1]!.toLowerCase() === 'create') tables.add(name)
      else tables.delete(name)
    }
  }
  return [...tables].sort()
}

/** The SQL of a migration file's up(): its addSql calls, for a preview. */
export function upStatements(source: string): string[] {
  const up = source.split(/\bdown\s*\(/)[0]!
  return [...up.matchAll(/this\.addSql\(\s*(`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\)/g)].map((m) => m[1]!.slice(1, -1).replace(/\\(.)/g, '$1'))
}
