import type { ArrayExpression, Node } from '@babel/types'
import { UsageError } from '../errors'
import { findConst, listOf, objectsOf, parseSource, propertyNamed, stringProp, unwrap, type ParsedSource } from './find'
import { appendToList } from './list'
import { indentAt } from './source'

/**
 * The array an events.ts declares its events in: a top-level `const events = [...]` (as Open Mercato's
 * modules write it), else the `events: [...]` inside `createModuleEvents({...})`.
 */
function eventsArray(parsed: ParsedSource): ArrayExpression | null {
  const named = findConst(parsed, 'events')
  if (named?.init.type === 'ArrayExpression') return named.init
  let found: ArrayExpression | null = null
  const visit = (node: Node | null | undefined) => {
    if (!node || found || typeof node !== 'object') return
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'createModuleEvents') {
      const options = node.arguments[0]
      const events = options?.type === 'ObjectExpression' ? propertyNamed(options, 'events')?.value : undefined
      const array = events && events.type !== 'Identifier' ? unwrap(events as never) : null
      if (array?.type === 'ArrayExpression') found = array
      return
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => visit(v as Node))
      else if (value && typeof value === 'object' && 'type' in value) visit(value as Node)
    }
  }
  visit(parsed.ast.program)
  return found
}

/** Event ids an events.ts declares, read statically; a file we cannot read declares nothing. */
export function declaredEventIds(text: string, label: string): string[] {
  try {
    const array = eventsArray(parseSource(text, label))
    return array ? objectsOf(array).map((o) => stringProp(o, 'id')).filter((id): id is string => Boolean(id)) : []
  } catch {
    return []
  }
}

/**
 * Appends event entries (TypeScript object literals) to an existing events.ts, through the parser,
 * skipping ids already declared. Returns the new text and the ids added.
 */
export function addEvents(text: string, label: string, entries: Array<{ id: string; code: string }>): { text: string; added: string[] } {
  const parsed = parseSource(text, label)
  const array = eventsArray(parsed)
  if (!array) throw new UsageError(`${label} declares no events array (const events = [...] or createModuleEvents({ events: [...] })); add ${entries.map((e) => e.id).join(', ')} by hand`)
  const seen = new Set(objectsOf(array).map((o) => stringProp(o, 'id')))
  const fresh = entries.filter((e) => !seen.has(e.id) && seen.add(e.id))
  return { text: appendToList(text, listOf(array), parsed.comments, fresh.map((e) => e.code), { outerIndent: indentAt(text, array.start!) }), added: fresh.map((e) => e.id) }
}
