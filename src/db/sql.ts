/** What a generated SQL statement touches and whether it can lose data: read from MikroORM's own output. */

const TABLE_REF = /\b(?:table(?:\s+if\s+(?:not\s+)?exists)?|on|references)\s+"([^"]+)"(?:\."([^"]+)")?/gi

/** The tables a statement names (schema-qualified names by their table part). */
export function tablesOf(statement: string): string[] {
  return [...new Set([...statement.matchAll(TABLE_REF)].map((m) => m[2] ?? m[1]!))]
}

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
