import type { Identifier, Node } from '@babel/types'
import { isRecord, isUnknown, Unknown, type Resolved } from './value'

/**
 * What an expression may see. The same evaluator serves two readers of Open Mercato's files:
 * its modules.ts reader (`evaluateStaticExpressionWithScope`: process.env, parseBooleanWithDefault,
 * anything else undefined) and its generator's export resolver (`resolveNamedObjectExport`: constants
 * through imports, template strings). Each reader says through its scope what names, process.env
 * and calls mean and whether an unknown must say why; the rules for everything else are shared.
 */
export interface Scope {
  /** With a file, what cannot be known is an `Unknown` saying where and why; without one it reads as `undefined`, as Open Mercato's modules.ts reader reads it. */
  file?: string
  /** The value a name refers to; a name it does not know is undefined. */
  lookup?: (name: string, node: Identifier) => Resolved
  /** `process.env` as the reader sees it; without it `process` is an ordinary (unknown) name. */
  env?: Record<string, string | undefined>
  /** Functions the reader knows by name, called with their evaluated arguments. */
  builtins?: Record<string, (...args: Resolved[]) => Resolved>
  /** Template strings with `${}` parts are joined when every part is a constant; without it they are unknown. */
  interpolate?: boolean
}

const MAX_DEPTH = 100

function isProcessEnv(node: Node): boolean {
  return node.type === 'MemberExpression'
    && node.object.type === 'Identifier' && node.object.name === 'process'
    && node.property.type === 'Identifier' && node.property.name === 'env' && !node.computed
}

const lineOf = (node: Node) => node.loc?.start.line ?? 0

/** An expression as a value, without running anything. */
export function evaluate(node: Node, scope: Scope = {}, depth = 0): Resolved {
  const unknown = (why: string): Resolved => (scope.file === undefined ? undefined : new Unknown(scope.file, lineOf(node), why))
  if (depth > MAX_DEPTH) return unknown('an expression nested too deep')
  const next = (n: Node, inner: Scope = scope) => evaluate(n, inner, depth + 1)
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return node.value
    case 'NullLiteral':
      return null
    case 'TemplateLiteral': {
      let text = node.quasis[0]!.value.cooked ?? ''
      if (node.expressions.length > 0 && !scope.interpolate) return unknown('a template string with parts')
      for (let i = 0; i < node.expressions.length; i++) {
        const part = next(node.expressions[i]!)
        if (typeof part !== 'string' && typeof part !== 'number') return isUnknown(part) ? part : unknown('a template part is not a constant')
        text += String(part) + (node.quasis[i + 1]!.value.cooked ?? '')
      }
      return text
    }
    case 'Identifier':
      if (node.name === 'undefined') return undefined
      return scope.lookup ? scope.lookup(node.name, node) : unknown(`${node.name} is not a constant`)
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return next(node.expression)
    case 'UnaryExpression': {
      const v = next(node.argument)
      if (isUnknown(v)) return v
      if (node.operator === '-' && typeof v === 'number') return -v
      if (node.operator === '!') return !v
      return unknown(`the operator ${node.operator}`)
    }
    case 'LogicalExpression': {
      const left = next(node.left)
      if (isUnknown(left)) return left
      if (node.operator === '&&') return left ? next(node.right) : left
      if (node.operator === '||') return left ? left : next(node.right)
      return left ?? next(node.right)
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateName') return unknown('a private name')
      const left = next(node.left)
      const right = next(node.right)
      if (isUnknown(left)) return left
      if (isUnknown(right)) return right
      switch (node.operator) {
        case '===': return left === right
        case '!==': return left !== right
        // eslint-disable-next-line eqeqeq
        case '==': return left == right
        // eslint-disable-next-line eqeqeq
        case '!=': return left != right
        default: return unknown(`a ${node.type}`)
      }
    }
    case 'ArrayExpression': {
      const items: Resolved[] = []
      for (const el of node.elements) {
        if (!el) items.push(undefined)
        else if (el.type !== 'SpreadElement') items.push(next(el))
        else {
          const spread = next(el.argument)
          if (Array.isArray(spread)) items.push(...spread)
          else if (scope.file !== undefined) items.push(isUnknown(spread) ? spread : unknown('a spread of something that is not an array'))
        }
      }
      return items
    }
    case 'ObjectExpression': {
      const result: Record<string, Resolved> = {}
      for (const prop of node.properties) {
        if (prop.type === 'SpreadElement') {
          const spread = next(prop.argument)
          if (isRecord(spread)) Object.assign(result, spread)
          else if (scope.file !== undefined) return isUnknown(spread) ? spread : unknown('a spread of something that is not an object')
          continue
        }
        const key = prop.computed ? next(prop.key) : prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' || prop.key.type === 'NumericLiteral' ? String(prop.key.value) : undefined
        if (typeof key !== 'string' && typeof key !== 'number') continue
        result[key] = prop.type === 'ObjectMethod' ? unknown('a method') : next(prop.value)
      }
      return result
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const key = !node.computed && node.property.type === 'Identifier' ? node.property.name : node.property.type === 'PrivateName' ? undefined : next(node.property)
      if (scope.env && isProcessEnv(node.object)) return typeof key === 'string' ? scope.env[key] : undefined
      const target = next(node.object)
      if (isUnknown(target)) return target
      if (isUnknown(key)) return key
      if (typeof key !== 'string' && typeof key !== 'number') return unknown('a computed member')
      if (Array.isArray(target)) return key === 'length' ? target.length : target[Number(key)]
      if (isRecord(target)) return Object.hasOwn(target, key) ? target[key] : undefined
      return unknown(`.${key} of something that is not a constant object`)
    }
    case 'CallExpression':
    case 'OptionalCallExpression':
      return call(node, scope, next, unknown)
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return unknown('a function')
    default:
      return unknown(`a ${node.type}`)
  }
}

type Next = (n: Node, inner?: Scope) => Resolved

/** Calls of a builtin by name, or of `.includes/.some/.every/.find` on a constant array with an inline callback. */
function call(node: Node & { type: 'CallExpression' | 'OptionalCallExpression' }, scope: Scope, next: Next, unknown: (why: string) => Resolved): Resolved {
  const callee = node.callee
  const args = node.arguments.filter((a) => a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder')
  const builtin = callee.type === 'Identifier' && scope.builtins && Object.hasOwn(scope.builtins, callee.name) ? scope.builtins[callee.name]! : null
  if (builtin) return builtin(...args.map((a) => next(a)))
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return unknown('a function call')
  const method = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined
  const list = next(callee.object)
  if (isUnknown(list)) return list
  if (!Array.isArray(list)) return unknown('a function call')
  if (method === 'includes') return args[0] ? list.includes(next(args[0])) : false
  const fn = callbackOf(args[0], scope, next)
  if (!fn) return unknown('a function call')
  if (method === 'some') return list.some((item) => Boolean(fn(item)))
  if (method === 'every') return list.every((item) => Boolean(fn(item)))
  if (method === 'find') return list.find((item) => Boolean(fn(item)))
  return unknown('a function call')
}

/** An arrow or function expression as a callback over values; its first parameter may be a name or `{ id }`. */
function callbackOf(fn: Node | undefined, scope: Scope, next: Next): ((item: Resolved) => Resolved) | null {
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return null
  const param = fn.params[0]
  const body: Node | null | undefined = fn.body.type === 'BlockStatement' ? fn.body.body.find((s) => s.type === 'ReturnStatement')?.argument : fn.body
  return (item) => {
    const params = new Map<string, Resolved>()
    if (param?.type === 'Identifier') params.set(param.name, item)
    if (param?.type === 'ObjectPattern') {
      for (const prop of param.properties) {
        if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier' && prop.value.type === 'Identifier') {
          params.set(prop.value.name, isRecord(item) ? item[prop.key.name] : undefined)
        }
      }
    }
    const outer = scope.lookup
    const lookup = (name: string, node: Identifier): Resolved => (params.has(name) ? params.get(name) : outer ? outer(name, node) : undefined)
    return body ? next(body, { ...scope, lookup }) : undefined
  }
}
