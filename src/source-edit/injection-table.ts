import type { ObjectExpression } from '@babel/types'
import { UsageError } from '../errors'
import { tsKey } from '../quote'
import { findConst, listOf, parseSource, propertyNamed, unwrap } from './find'
import { appendToList } from './list'
import { indentAt } from './source'
import { evaluate } from '../static'

/** The table object: `export const injectionTable = {...}` (any const name, when default-exported), or `export default {...}`. */
function tableObject(text: string, label: string): ObjectExpression | null {
  const parsed = parseSource(text, label)
  const named = findConst(parsed, 'injectionTable')?.init
  if (named?.type === 'ObjectExpression') return named
  for (const statement of parsed.ast.program.body) {
    if (statement.type !== 'ExportDefaultDeclaration' || statement.declaration.type.endsWith('Declaration')) continue
    const value = unwrap(statement.declaration as never)
    if (value.type === 'ObjectExpression') return value
    if (value.type === 'Identifier') {
      const init = findConst(parsed, value.name)?.init
      if (init?.type === 'ObjectExpression') return init
    }
  }
  return null
}

/** Widget ids a slot names: `'id'`, `{ widgetId }` or an array of them. */
function slotWidgetIds(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(slotWidgetIds)
  if (value && typeof value === 'object' && typeof (value as { widgetId?: unknown }).widgetId === 'string') return [(value as { widgetId: string }).widgetId]
  return []
}

/**
 * Puts `slot` (a TypeScript literal naming `widgetId`) at `spot` in an existing injection-table.ts:
 * a new key is appended; a spot that already names the widget is left as it is; a spot with other
 * widgets becomes (or grows) an array. Every other byte stays.
 */
export function addInjection(text: string, label: string, spot: string, widgetId: string, slot: string): { text: string; changed: boolean } {
  const table = tableObject(text, label)
  if (!table) throw new UsageError(`${label} has no injection table object (export const injectionTable = {...}); add ${spot} by hand`)
  const prop = propertyNamed(table, spot)
  if (!prop) {
    return { text: appendToList(text, listOf(table), parseSource(text, label).comments, [`${tsKey(spot)}: ${slot}`], { outerIndent: indentAt(text, table.start!) }), changed: true }
  }
  const value = unwrap(prop.value as never)
  if (slotWidgetIds(evaluate(value)).includes(widgetId)) return { text, changed: false }
  if (value.type === 'ArrayExpression') {
    return { text: appendToList(text, listOf(value), parseSource(text, label).comments, [slot], { outerIndent: indentAt(text, prop.start!) }), changed: true }
  }
  const existing = text.slice(value.start!, value.end!)
  return { text: `${text.slice(0, value.start!)}[${existing}, ${slot}]${text.slice(value.end!)}`, changed: true }
}
