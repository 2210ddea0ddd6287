import type { ArrayExpression } from '@babel/types'
import { UsageError } from '../errors'
import { findConst, listOf, objectsOf, parseSource, stringProp } from './find'
import { appendToList } from './list'
import { indentAt } from './source'

/** The array of a data/extensions.ts: `const entityExtensions = [...]` or `export const extensions = [...]`, following one alias. */
function extensionsArray(text: string, label: string): ArrayExpression | null {
  const parsed = parseSource(text, label)
  for (const name of ['extensions', 'entityExtensions']) {
    const init = findConst(parsed, name)?.init
    if (init?.type === 'ArrayExpression') return init
    if (init?.type === 'Identifier') {
      const target = findConst(parsed, init.name)?.init
      if (target?.type === 'ArrayExpression') return target
    }
  }
  return null
}

/** Appends an extension entry unless one with the same base and extension is declared. */
export function addExtension(text: string, label: string, base: string, extension: string, entry: string): { text: string; changed: boolean } {
  const array = extensionsArray(text, label)
  if (!array) throw new UsageError(`${label} has no extensions array (const entityExtensions = [...]); add the ${base} link by hand`)
  if (objectsOf(array).some((o) => stringProp(o, 'base') === base && stringProp(o, 'extension') === extension)) return { text, changed: false }
  return { text: appendToList(text, listOf(array), parseSource(text, label).comments, [entry], { outerIndent: indentAt(text, array.start!) }), changed: true }
}
