import type { ArrayExpression } from '@babel/types'
import { UsageError } from '../errors'
import { findConst, listOf, parseSource, stringProp, unwrap, type ParsedSource } from './find'
import { appendToList } from './list'

/** The default-exported command array of a cli.ts (`export default [a, b]` or `export default commands`) and where it is declared. */
function commandArray(parsed: ParsedSource): { array: ArrayExpression; statementStart: number } | null {
  for (const statement of parsed.ast.program.body) {
    if (statement.type !== 'ExportDefaultDeclaration') continue
    const value = statement.declaration.type.endsWith('Declaration') ? null : unwrap(statement.declaration as never)
    if (value?.type === 'ArrayExpression') return { array: value, statementStart: statement.start! }
    if (value?.type === 'Identifier') {
      const found = findConst(parsed, value.name)
      if (found?.init.type === 'ArrayExpression') return { array: found.init, statementStart: found.statementStart }
    }
    return null
  }
  return null
}

/** The command names a cli.ts exports, read statically: inline objects or consts named in the array. */
export function cliCommandsOf(text: string, label: string): string[] {
  let parsed: ParsedSource
  try {
    parsed = parseSource(text, label)
  } catch {
    return []
  }
  const found = commandArray(parsed)
  if (!found) return []
  return found.array.elements.flatMap((e) => {
    const object = e?.type === 'Identifier' ? findConst(parsed, e.name)?.init : e ? unwrap(e as never) : null
    const command = object?.type === 'ObjectExpression' ? stringProp(object, 'command') : null
    return command ? [command] : []
  })
}

/**
 * Adds a command to an existing cli.ts: its declaration (`code`, a `const <constName> = {...}`) goes
 * before the exported array, and `constName` is appended to the array. Every other byte stays.
 */
export function addCliCommand(text: string, label: string, constName: string, code: string): string {
  const parsed = parseSource(text, label)
  const found = commandArray(parsed)
  if (!found) throw new UsageError(`${label} has no default-exported array of commands (export default [...]); add the command by hand`)
  if (findConst(parsed, constName)) throw new UsageError(`${label} already declares ${constName}; rename it or add the command by hand`)
  // before the comments that lead the array's statement, so they stay with it
  const statement = parsed.ast.program.body.find((s) => s.start === found.statementStart)
  const at = statement?.leadingComments?.[0]?.start ?? found.statementStart
  const inserted = `${text.slice(0, at)}${code.trimEnd()}\n\n${text.slice(at)}`
  const again = commandArray(parseSource(inserted, label))!
  return appendToList(inserted, listOf(again.array), parseSource(inserted, label).comments, [constName], { outerIndent: '' })
}
