import type { Node } from '@babel/types'
import { unwrap } from './find'

export type StaticValue = string | number | boolean | null | StaticValue[] | { [key: string]: StaticValue } | undefined

/** A literal expression as plain data; anything computed reads as undefined (never executed). */
export function literalValue(node: Node | null | undefined): StaticValue {
  if (!node) return undefined
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return node.value
    case 'NullLiteral':
      return null
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis.map((q) => q.value.cooked ?? '').join('') : undefined
    case 'UnaryExpression':
      return node.operator === '-' && node.argument.type === 'NumericLiteral' ? -node.argument.value : undefined
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return literalValue(unwrap(node))
    case 'ArrayExpression':
      return node.elements.map((e) => (e && e.type !== 'SpreadElement' ? literalValue(e) : undefined))
    case 'ObjectExpression': {
      const result: Record<string, StaticValue> = {}
      for (const prop of node.properties) {
        if (prop.type !== 'ObjectProperty' || prop.computed) continue
        const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : null
        if (key !== null) result[key] = literalValue(prop.value)
      }
      return result
    }
    default:
      return undefined
  }
}
