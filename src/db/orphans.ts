import { count } from '../text'
import type { Manifest } from '../engine/manifest'
import type { Tree } from '../services/tree'
import { names } from '../naming'
import { MIGRATION_FILE } from './modules'
import { tablesCreatedBy } from './sql'
import { APP_MODULES, moduleDir } from '../paths'

/** Tables and their columns as an entities file declares them (tableName, property names or `name:`). */
export function entityColumns(source: string): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>()
  for (const block of source.split(/(?=@Entity\()/).slice(1)) {
    const table = /^@Entity\(\s*\{[^}]*?\btableName:\s*['"`]([^'"`]+)/.exec(block)?.[1]
    if (!table) continue
    const columns = new Set<string>()
    for (const p of block.matchAll(/@(?:Property|PrimaryKey|Enum)\((\{[^}]*\})?\)\s*\n\s*(\w+)[!?]?:/g)) {
      columns.add(/\bname:\s*['"`]([^'"`]+)/.exec(p[1] ?? '')?.[1] ?? names(p[2]!).snake)
    }
    tables.set(table, columns)
  }
  return tables
}

const migrationsOf = async (tree: Tree, dir: string) => (await tree.list(dir)).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts')).sort()

/**
 * What undoing a change leaves behind in migrations: for each entities file it reverts whose module got
 * a migration after the change was applied (generated, maybe applied), what the next db generate will
 * do about it; for a module it removes, the migrations it leaves. Empty when undo is clear of migrations.
 */
export async function undoEffects(tree: Tree, manifest: Manifest): Promise<string[]> {
  const since = manifest.appliedAt.replace(/[-T:]|\.\d{3}Z$/g, '').slice(0, 14)
  const effects: string[] = []
  for (const change of manifest.changes) {
    const entities = /^src\/modules\/([^/]+)\/(?:data|db)\/(?:entities|schema)\.ts$/.exec(change.path)
    const moduleIndex = /^src\/modules\/([^/]+)\/index\.ts$/.exec(change.path)
    const id = entities?.[1] ?? moduleIndex?.[1]
    if (!id) continue
    const migrations = await migrationsOf(tree, `${moduleDir(id)}/migrations`)
    if (moduleIndex && change.before === null && migrations.length > 0) {
      effects.push(`module ${id} has ${count(migrations.length, 'migration')} (${migrations.join(', ')}); undo leaves them in ${moduleDir(id)}/migrations and its tables in the database (db status and doctor report them; db greenfield drops them)`)
      continue
    }
    if (!entities) continue
    const now = entityColumns((await tree.read(change.path)) ?? '')
    const then = entityColumns(change.before ?? '')
    const drops: Array<{ text: string; name: string }> = []
    for (const [table, columns] of now) {
      const old = then.get(table)
      if (!old) drops.push({ text: `leave table ${table} in place (db generate --drop-tables drops it)`, name: table })
      else for (const c of columns) if (!old.has(c)) drops.push({ text: `drop column ${table}.${c}`, name: c })
    }
    // migration names only have seconds, so one made in the same second as the change counts as newer;
    // a migration that does not name what undo takes away was made before the change
    const candidates = migrations.filter((f) => f.slice(9, 23) >= since)
    const newer: string[] = []
    for (const f of candidates) {
      const sql = (await tree.read(`${moduleDir(id)}/migrations/${f}`)) ?? ''
      if (drops.length === 0 || drops.some((d) => sql.includes(`"${d.name}"`))) newer.push(f)
    }
    if (newer.length === 0) continue
    effects.push(`module ${id}: ${newer.join(', ')} ${newer.length > 1 ? 'were' : 'was'} generated after "${manifest.action}" and may be applied; undo leaves ${newer.length > 1 ? 'them' : 'it'} as is, so the next db generate will ${drops.length ? drops.map((d) => d.text).join(', ') : 'write a migration reverting it'}`)
  }
  return effects
}

export interface OrphanFinding { module: string; file: string; message: string }

/**
 * Migrations nothing owns any more: those of a module that is not enabled, and tables a module's
 * migrations create that none of its entities declares.
 */
export async function orphanedMigrations(tree: Tree, enabled: Array<{ id: string; entities: string | null }>): Promise<OrphanFinding[]> {
  const findings: OrphanFinding[] = []
  for (const dir of (await tree.list(APP_MODULES)).sort()) {
    const folder = `${moduleDir(dir)}/migrations`
    const files = await migrationsOf(tree, folder)
    if (files.length === 0) continue
    const module = enabled.find((m) => m.id === dir)
    if (!module) {
      findings.push({ module: dir, file: folder, message: `${count(files.length, 'migration')} of module ${dir}, which is not enabled: nothing runs or owns them (their tables stay in the database)` })
      continue
    }
    const sources = new Map<string, string>()
    for (const f of files) sources.set(f, (await tree.read(`${folder}/${f}`)) ?? '')
    const declared = new Set(module.entities ? entityColumns((await tree.read(module.entities)) ?? '').keys() : [])
    for (const table of tablesCreatedBy([...sources.values()])) {
      if (declared.has(table)) continue
      const file = [...sources].find(([, s]) => new RegExp(`create table "${table}"`).test(s))?.[0] ?? folder
      findings.push({ module: dir, file: `${folder}/${file}`, message: `creates table ${table}, which no entity of module ${dir} declares (orphaned: it stays in the database; db generate --drop-tables drops it)` })
    }
  }
  return findings
}
