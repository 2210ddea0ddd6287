import type { ArrayExpression, ClassBody, ClassDeclaration, Comment, Expression, File, Node, ObjectExpression } from '@babel/types'
import { UsageError } from '../errors'
import type { ListNode } from './list'
import { lineAndColumn, parseTypeScript } from './source'

export interface ParsedSource { text: string; ast: File; comments: readonly Comment[] }

/** Parses a file we are about to read or edit; a file that does not parse is refused, untouched. */
export function parseSource(text: string, label: string): ParsedSource {
  try {
    const ast = parseTypeScript(text, { jsx: label.endsWith('.tsx') })
    return { text, ast, comments: ast.comments ?? [] }
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } }
    const where = e.loc ? `:${e.loc.line}:${e.loc.column + 1}` : ''
    throw new UsageError(`${label}${where} does not parse (${e.message.replace(/ \(\d+:\d+\)$/, '')}); fix it and run again`)
  }
}

/** `x as const`, `x satisfies T`, `(x)` → x */
export function unwrap(node: Expression): Expression {
  let current = node
  while (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression'
    || current.type === 'ParenthesizedExpression' || current.type === 'TSTypeAssertion') current = current.expression
  return current
}

/** The initializer of a top-level `const name = …` (exported or not), and where its statement starts. */
export function findConst(parsed: ParsedSource, name: string): { init: Expression; statementStart: number } | null {
  for (const statement of parsed.ast.program.body) {
    const decl = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    if (decl?.type !== 'VariableDeclaration') continue
    for (const d of decl.declarations) {
      if (d.id.type === 'Identifier' && d.id.name === name && d.init) return { init: unwrap(d.init), statementStart: statement.start! }
    }
  }
  return null
}

/** Top-level class declarations, exported or not. */
export function classesOf(parsed: ParsedSource): ClassDeclaration[] {
  return parsed.ast.program.body
    .map((s) => (s.type === 'ExportNamedDeclaration' ? s.declaration : s))
    .filter((d): d is ClassDeclaration => d?.type === 'ClassDeclaration' && Boolean(d.id))
}

/** A top-level `const name = [ … ]`; an initializer that is not an array literal is refused. */
export function findArray(parsed: ParsedSource, name: string, label: string): { array: ArrayExpression; statementStart: number } | null {
  const found = findConst(parsed, name)
  if (!found) return null
  if (found.init.type !== 'ArrayExpression') {
    throw new UsageError(`${label}:${lineAndColumn(parsed.text, found.init.start!).line}: ${name} must be an array literal to be edited safely`)
  }
  return { array: found.init, statementStart: found.statementStart }
}

export function propertyNamed(obj: ObjectExpression, name: string): (Node & { value: Node }) | undefined {
  for (const prop of obj.properties) {
    if (prop.type !== 'ObjectProperty' || prop.computed) continue
    const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : null
    if (key === name) return prop as Node & { value: Node }
  }
  return undefined
}

/** A string-literal property: its value, null if it is not a plain string, undefined if absent. */
export function stringProp(obj: ObjectExpression, name: string): string | null | undefined {
  const prop = propertyNamed(obj, name)
  if (!prop) return undefined
  if (prop.value.type === 'StringLiteral') return prop.value.value
  if (prop.value.type === 'TemplateLiteral' && prop.value.expressions.length === 0) return prop.value.quasis[0]?.value.cooked ?? null
  return null
}

export const objectsOf = (array: ArrayExpression): ObjectExpression[] =>
  array.elements.filter((e): e is ObjectExpression => e?.type === 'ObjectExpression')

export function listOf(node: ArrayExpression | ObjectExpression | ClassBody): ListNode {
  const items: Node[] = node.type === 'ArrayExpression'
    ? node.elements.filter((e): e is NonNullable<typeof e> => e !== null)
    : node.type === 'ObjectExpression' ? node.properties : node.body
  return { start: node.start!, end: node.end!, items: items.map((i) => ({ start: i.start!, end: i.end! })) }
}
