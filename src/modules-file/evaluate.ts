import type { Node } from '@babel/types'
import { literalValue } from '../source-edit/static-value'

/**
 * Static evaluation of the expressions Open Mercato's resolver allows around `enabledModules.push`
 * (its `evaluateStaticExpressionWithScope`): process.env, parseBooleanWithDefault, && || ! === !==,
 * member access, .some()/.find()/.includes()/.every() over arrays (including the enabledModules seen
 * so far), and top-level consts in order. Like Open Mercato, anything else reads as `undefined`, so
 * `if (unknownCall())` is off and `if (!unknownCall())` is on.
 */
export interface Scope {
  env: Record<string, string | undefined>
  /** Top-level variables declared so far, already evaluated; `enabledModules` is the active entries so far. */
  values: Map<string, unknown>
}

// Open Mercato's parseBooleanWithDefault (packages/shared/src/lib/boolean.ts): trimmed, case-insensitive.
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'on', 'enable', 'enabled'])
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'off', 'disable', 'disabled'])

export function parseBooleanWithDefault(raw: unknown, fallback: boolean): boolean {
  if (typeof raw !== 'string') return fallback
  const word = raw.trim().toLowerCase()
  if (TRUE_WORDS.has(word)) return true
  if (FALSE_WORDS.has(word)) return false
  return fallback
}

function isProcessEnv(node: Node): boolean {
  return node.type === 'MemberExpression'
    && node.object.type === 'Identifier' && node.object.name === 'process'
    && node.property.type === 'Identifier' && node.property.name === 'env' && !node.computed
}

function propertyKey(node: Node & { type: 'MemberExpression' | 'OptionalMemberExpression' }, scope: Scope, depth: number): unknown {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name
  return evaluate(node.property, scope, depth + 1)
}

type Callback = (item: unknown) => unknown

/** An arrow or function expression as a callback over plain values; its first parameter may be a name or `{ id }`. */
function callbackOf(fn: Node | undefined, scope: Scope, depth: number): Callback | null {
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return null
  const param = fn.params[0]
  let body: Node | null | undefined = fn.body
  if (fn.body.type === 'BlockStatement') body = fn.body.body.find((s) => s.type === 'ReturnStatement')?.argument
  return (item) => {
    const values = new Map(scope.values)
    if (param?.type === 'Identifier') values.set(param.name, item)
    if (param?.type === 'ObjectPattern') {
      for (const prop of param.properties) {
        if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier' && prop.value.type === 'Identifier') {
          values.set(prop.value.name, item && typeof item === 'object' ? (item as Record<string, unknown>)[prop.key.name] : undefined)
        }
      }
    }
    return body ? evaluate(body, { ...scope, values }, depth + 1) : undefined
  }
}

export function evaluate(node: Node, scope: Scope, depth = 0): unknown {
  if (depth > 100) return undefined
  const next = (n: Node) => evaluate(n, scope, depth + 1)
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return literalValue(node)
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? literalValue(node) : undefined
    case 'Identifier':
      return scope.values.get(node.name)
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return next(node.expression)
    case 'ArrayExpression': {
      const items: unknown[] = []
      for (const el of node.elements) {
        if (!el) items.push(undefined)
        else if (el.type === 'SpreadElement') {
          const spread = next(el.argument)
          if (Array.isArray(spread)) items.push(...spread)
        } else items.push(next(el))
      }
      return items
    }
    case 'ObjectExpression': {
      const result: Record<string, unknown> = {}
      for (const prop of node.properties) {
        if (prop.type === 'SpreadElement') {
          const spread = next(prop.argument)
          if (spread && typeof spread === 'object') Object.assign(result, spread)
        } else if (prop.type === 'ObjectProperty') {
          const key = prop.computed ? next(prop.key) : prop.key.type === 'Identifier' ? prop.key.name : literalValue(prop.key)
          if (typeof key === 'string' || typeof key === 'number') result[key] = next(prop.value)
        }
      }
      return result
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const key = propertyKey(node, scope, depth)
      if (isProcessEnv(node.object)) return typeof key === 'string' ? scope.env[key] : undefined
      const target = next(node.object)
      if (target === null || target === undefined || (typeof key !== 'string' && typeof key !== 'number')) return undefined
      if (Array.isArray(target) && key === 'length') return target.length
      return typeof target === 'object' && Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined
    }
    case 'UnaryExpression':
      return node.operator === '!' ? !next(node.argument) : undefined
    case 'LogicalExpression': {
      const left = next(node.left)
      if (node.operator === '&&') return left ? next(node.right) : left
      if (node.operator === '||') return left ? left : next(node.right)
      return left ?? next(node.right)
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateName') return undefined
      const left = next(node.left)
      const right = next(node.right)
      switch (node.operator) {
        case '===': return left === right
        case '!==': return left !== right
        // eslint-disable-next-line eqeqeq
        case '==': return left == right
        // eslint-disable-next-line eqeqeq
        case '!=': return left != right
        default: return undefined
      }
    }
    case 'CallExpression':
    case 'OptionalCallExpression': {
      const callee = node.callee
      const args = node.arguments.filter((a) => a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder')
      if (callee.type === 'Identifier' && callee.name === 'parseBooleanWithDefault') {
        return parseBooleanWithDefault(args[0] ? next(args[0]) : undefined, Boolean(args[1] ? next(args[1]) : false))
      }
      if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return undefined
      const method = propertyKey(callee, scope, depth)
      const list = next(callee.object)
      if (!Array.isArray(list)) return undefined
      if (method === 'includes') return args[0] ? list.includes(next(args[0])) : false
      const fn = callbackOf(args[0], scope, depth)
      if (!fn) return undefined
      if (method === 'some') return list.some((item) => Boolean(fn(item)))
      if (method === 'every') return list.every((item) => Boolean(fn(item)))
      if (method === 'find') return list.find((item) => Boolean(fn(item)))
      return undefined
    }
    default:
      return undefined
  }
}
