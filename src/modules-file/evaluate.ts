import type { Expression, Node } from '@babel/types'
import { literalValue } from '../source-edit/static-value'

/**
 * Static evaluation of the conditions Open Mercato allows around `enabledModules.push`
 * (conventions §5): process.env, parseBooleanWithDefault, && || ! === !==, .some() and local consts.
 * Anything else is `UNKNOWN`, and a push under an unknown condition is read as inactive.
 */
export const UNKNOWN: unique symbol = Symbol('unknown')
export type Value = string | number | boolean | null | undefined | Value[] | typeof UNKNOWN

export interface Scope {
  env: Record<string, string | undefined>
  consts: Map<string, Expression>
  params?: Map<string, Value>
}

const TRUE_WORDS = ['true', '1', 'yes', 'on']
const FALSE_WORDS = ['false', '0', 'no', 'off']

function parseBooleanWithDefault(raw: Value, fallback: Value): Value {
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase()
    if (TRUE_WORDS.includes(word)) return true
    if (FALSE_WORDS.includes(word)) return false
  }
  return fallback
}

function isProcessEnv(node: Node): boolean {
  return node.type === 'MemberExpression'
    && node.object.type === 'Identifier' && node.object.name === 'process'
    && node.property.type === 'Identifier' && node.property.name === 'env' && !node.computed
}

function memberName(node: Node & { type: 'MemberExpression' }): string | null {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name
  if (node.property.type === 'StringLiteral') return node.property.value
  return null
}

export function evaluate(node: Node, scope: Scope, depth = 0): Value {
  if (depth > 50) return UNKNOWN
  const next = (n: Node, s: Scope = scope) => evaluate(n, s, depth + 1)
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return literalValue(node) as Value
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? (literalValue(node) as Value) : UNKNOWN
    case 'Identifier': {
      if (node.name === 'undefined') return undefined
      if (scope.params?.has(node.name)) return scope.params.get(node.name)
      const init = scope.consts.get(node.name)
      return init ? next(init) : UNKNOWN
    }
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return next(node.expression)
    case 'ArrayExpression': {
      const items: Value[] = []
      for (const el of node.elements) {
        if (!el || el.type === 'SpreadElement') return UNKNOWN
        items.push(next(el))
      }
      return items
    }
    case 'MemberExpression': {
      if (isProcessEnv(node.object)) {
        const name = memberName(node)
        return name === null ? UNKNOWN : scope.env[name]
      }
      return UNKNOWN
    }
    case 'UnaryExpression': {
      if (node.operator !== '!') return UNKNOWN
      const v = next(node.argument)
      return v === UNKNOWN ? UNKNOWN : !v
    }
    case 'LogicalExpression': {
      const left = next(node.left)
      if (left === UNKNOWN) return UNKNOWN
      if (node.operator === '&&') return left ? next(node.right) : left
      if (node.operator === '||') return left ? left : next(node.right)
      return left ?? next(node.right)
    }
    case 'BinaryExpression': {
      const ops = ['===', '!==', '==', '!='] as const
      if (!(ops as readonly string[]).includes(node.operator) || node.left.type === 'PrivateName') return UNKNOWN
      const left = next(node.left)
      const right = next(node.right)
      if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN
      // eslint-disable-next-line eqeqeq
      const equal = node.operator.length === 3 ? left === right : left == right
      return node.operator.startsWith('!') ? !equal : equal
    }
    case 'CallExpression': {
      const callee = node.callee
      if (callee.type === 'Identifier' && callee.name === 'parseBooleanWithDefault') {
        const [raw, fallback] = node.arguments
        if (!raw || raw.type === 'SpreadElement' || raw.type === 'ArgumentPlaceholder') return UNKNOWN
        const fb = fallback && fallback.type !== 'SpreadElement' && fallback.type !== 'ArgumentPlaceholder' ? next(fallback) : false
        const value = next(raw)
        return value === UNKNOWN ? UNKNOWN : parseBooleanWithDefault(value, fb)
      }
      if (callee.type === 'MemberExpression' && memberName(callee) === 'some') {
        const list = next(callee.object)
        const fn = node.arguments[0]
        if (!Array.isArray(list) || !fn || fn.type !== 'ArrowFunctionExpression') return UNKNOWN
        const param = fn.params[0]
        if (fn.params.length !== 1 || param?.type !== 'Identifier' || fn.body.type === 'BlockStatement') return UNKNOWN
        let sawUnknown = false
        for (const item of list) {
          const params = new Map(scope.params)
          params.set(param.name, item)
          const hit = next(fn.body, { ...scope, params })
          if (hit === UNKNOWN) sawUnknown = true
          else if (hit) return true
        }
        return sawUnknown ? UNKNOWN : false
      }
      return UNKNOWN
    }
    default:
      return UNKNOWN
  }
}
