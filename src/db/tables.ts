import type { Tree } from '../services/tree'

export interface TableDeclaration { module: string; table: string; file: string; line: number }

/**
 * The tables each app module's entities declare, read from the source (`tableName: '...'` in an
 * @Entity), so the scaffold and doctor can check ownership without compiling anything. `db generate`
 * checks the same with MikroORM's own metadata, which also covers names MikroORM derives itself.
 */
export async function declaredTables(tree: Pick<Tree, 'read'>, modules: Array<{ id: string; entities: string | null }>): Promise<TableDeclaration[]> {
  const found: TableDeclaration[] = []
  for (const m of modules) {
    if (!m.entities) continue
    const text = (await tree.read(m.entities)) ?? ''
    for (const match of text.matchAll(/@Entity\(\s*\{[^}]*?\btableName:\s*(['"`])([^'"`]+)\1/g)) {
      found.push({ module: m.id, table: match[2]!, file: m.entities, line: text.slice(0, match.index).split('\n').length })
    }
  }
  return found
}

/** Every table declared by more than one module, with its declarations. */
export function sharedTables(declarations: TableDeclaration[]): TableDeclaration[][] {
  const byTable = new Map<string, TableDeclaration[]>()
  for (const d of declarations) byTable.set(d.table, [...(byTable.get(d.table) ?? []), d])
  return [...byTable.values()].filter((ds) => new Set(ds.map((d) => d.module)).size > 1)
}
