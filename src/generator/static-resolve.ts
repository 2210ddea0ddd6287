import { posix } from 'node:path'
import type { Expression, Node, Statement } from '@babel/types'
import { parseTypeScript } from '../source-edit/source'
import { literalValue } from '../source-edit/static-value'
import type { ModuleSource } from './source'

/**
 * Reads exported values of module files without running them, as Open Mercato's generator falls
 * back to doing (`resolveNamedObjectExport`): through local consts, `as const`, spreads, member
 * access and template strings, and through named imports and re-exports of relative files, hop
 * after hop. What it cannot know is an `Unknown` that remembers where it came from.
 */
export class Unknown {
  constructor(readonly file: string, readonly line: number, readonly why: string) {}
}

export type Resolved = string | number | boolean | null | undefined | Unknown | Resolved[] | { [key: string]: Resolved }

interface Parsed {
  file: string
  /** Top-level bindings with an initializer (`const X = …`, `export default …` as `default`). */
  locals: Map<string, Expression>
  /** Local name → where it is imported from and under which name (`default` or `*` included). */
  imports: Map<string, { from: string; name: string }>
  /** Exported name → a local binding, or a re-export from another file. */
  exports: Map<string, { local: string; line: number } | { from: string; name: string; line: number }>
  stars: string[]
}

const CODE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx']
const lineOf = (node: Node) => node.loc?.start.line ?? 0

export const isUnknown = (v: Resolved): v is Unknown => v instanceof Unknown
export const isRecord = (v: Resolved): v is { [key: string]: Resolved } => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown)

/** The first Unknown inside a value (itself, an element, a field), if any. */
export function firstUnknown(v: Resolved): Unknown | undefined {
  if (v instanceof Unknown) return v
  if (Array.isArray(v)) return v.map(firstUnknown).find(Boolean)
  if (isRecord(v)) return Object.values(v).map(firstUnknown).find(Boolean)
  return undefined
}

function parse(file: string, text: string): Parsed | null {
  let ast
  try {
    ast = parseTypeScript(text, { jsx: /\.(tsx|jsx|js)$/.test(file) })
  } catch {
    return null
  }
  const parsed: Parsed = { file, locals: new Map(), imports: new Map(), exports: new Map(), stars: [] }
  const declare = (statement: Statement | null | undefined, exported: boolean) => {
    if (statement?.type !== 'VariableDeclaration') return
    for (const d of statement.declarations) {
      if (!d.init) continue
      if (d.id.type === 'ObjectPattern') {
        // `export const { metadata, GET } = makeCrudRoute(...)`: each name is a member of the call's result
        for (const prop of d.id.properties) {
          if (prop.type !== 'ObjectProperty' || prop.value.type !== 'Identifier') continue
          const key = prop.key.type === 'Identifier' && !prop.computed ? prop.key : null
          if (!key) continue
          parsed.locals.set(prop.value.name, { type: 'MemberExpression', object: d.init, property: key, computed: false, loc: d.loc } as Expression)
          if (exported) parsed.exports.set(prop.value.name, { local: prop.value.name, line: lineOf(d) })
        }
        continue
      }
      if (d.id.type !== 'Identifier') continue
      parsed.locals.set(d.id.name, d.init)
      if (exported) parsed.exports.set(d.id.name, { local: d.id.name, line: lineOf(d) })
    }
  }
  for (const statement of ast.program.body) {
    switch (statement.type) {
      case 'VariableDeclaration':
        declare(statement, false)
        break
      case 'ImportDeclaration':
        for (const s of statement.specifiers) {
          const name = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : s.imported.type === 'Identifier' ? s.imported.name : s.imported.value
          parsed.imports.set(s.local.name, { from: statement.source.value, name })
        }
        break
      case 'ExportNamedDeclaration':
        declare(statement.declaration, true)
        if (statement.declaration?.type === 'FunctionDeclaration' && statement.declaration.id) {
          parsed.exports.set(statement.declaration.id.name, { local: statement.declaration.id.name, line: lineOf(statement) })
        }
        for (const s of statement.specifiers) {
          const exported = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value
          if (s.type !== 'ExportSpecifier') continue
          const local = s.local.type === 'Identifier' ? s.local.name : s.local.value
          parsed.exports.set(exported, statement.source ? { from: statement.source.value, name: local, line: lineOf(s) } : { local, line: lineOf(s) })
        }
        break
      case 'ExportDefaultDeclaration':
        if (statement.declaration.type === 'Identifier') parsed.exports.set('default', { local: statement.declaration.name, line: lineOf(statement) })
        else if (!statement.declaration.type.endsWith('Declaration')) {
          parsed.locals.set('*default*', statement.declaration as Expression)
          parsed.exports.set('default', { local: '*default*', line: lineOf(statement) })
        } else parsed.exports.set('default', { local: '*function*', line: lineOf(statement) })
        break
      case 'ExportAllDeclaration':
        parsed.stars.push(statement.source.value)
        break
      default:
    }
  }
  return parsed
}

export class StaticResolver {
  private parsed = new Map<string, Promise<Parsed | null>>()

  constructor(private readonly source: ModuleSource) {}

  private load(file: string): Promise<Parsed | null> {
    let hit = this.parsed.get(file)
    if (!hit) {
      hit = this.source.read(file).then((text) => (text === null ? null : parse(file, text)))
      this.parsed.set(file, hit)
    }
    return hit
  }

  /** The file a relative (or `@/`) import resolves to, trying Open Mercato's code extensions and index files. */
  private async resolveImport(fromFile: string, specifier: string): Promise<string | null> {
    let base: string
    if (specifier.startsWith('.')) base = posix.join(posix.dirname(fromFile), specifier)
    else if (specifier.startsWith('@/')) base = `src/${specifier.slice(2)}`
    else return null
    const candidates = [base, ...CODE_EXTENSIONS.map((e) => base + e), ...CODE_EXTENSIONS.map((e) => `${base}/index${e}`)]
    for (const candidate of candidates) {
      if (/\.(tsx?|jsx?)$/.test(candidate) && (await this.source.read(candidate)) !== null) return candidate
    }
    return null
  }

  /** The value a file exports under `name`; undefined when it exports nothing by that name. */
  async exported(file: string, name: string, seen = new Set<string>()): Promise<Resolved> {
    const key = `${file}#${name}`
    if (seen.has(key)) return new Unknown(file, 0, `${name} refers to itself`)
    // `seen` is the chain being followed, so the same constant may be used twice in one value.
    seen.add(key)
    try {
      return await this.exportedValue(file, name, seen)
    } finally {
      seen.delete(key)
    }
  }

  private async exportedValue(file: string, name: string, seen: Set<string>): Promise<Resolved> {
    const parsed = await this.load(file)
    if (!parsed) return undefined
    const entry = parsed.exports.get(name)
    if (entry && 'local' in entry) return this.binding(parsed, entry.local, entry.line, seen)
    if (entry) return this.imported(parsed, entry.from, entry.name, entry.line, seen)
    for (const star of parsed.stars) {
      const target = await this.resolveImport(file, star)
      const value = target ? await this.exported(target, name, seen) : undefined
      if (value !== undefined) return value
    }
    return undefined
  }

  private async imported(parsed: Parsed, from: string, name: string, line: number, seen: Set<string>): Promise<Resolved> {
    const target = await this.resolveImport(parsed.file, from)
    if (!target) return new Unknown(parsed.file, line, `it comes from '${from}', outside the module's files`)
    if (name === '*') return new Unknown(parsed.file, line, `a namespace import of '${from}'`)
    const value = await this.exported(target, name, seen)
    return value === undefined ? new Unknown(parsed.file, line, `'${from}' exports no ${name}`) : value
  }

  private async binding(parsed: Parsed, name: string, line: number, seen: Set<string>): Promise<Resolved> {
    const init = parsed.locals.get(name)
    const key = `${parsed.file}:${name}`
    if (init && seen.has(key)) return new Unknown(parsed.file, line, `${name} refers to itself`)
    if (init) {
      seen.add(key)
      try {
        return await this.value(parsed, init, seen)
      } finally {
        seen.delete(key)
      }
    }
    const imported = parsed.imports.get(name)
    if (imported) return this.imported(parsed, imported.from, imported.name, line, seen)
    return new Unknown(parsed.file, line, `${name} is not a constant of the file (destructured or computed)`)
  }

  private async value(parsed: Parsed, node: Node, seen: Set<string>): Promise<Resolved> {
    const next = (n: Node) => this.value(parsed, n, seen)
    const unknown = (why: string) => new Unknown(parsed.file, lineOf(node), why)
    switch (node.type) {
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
        return literalValue(node) as Resolved
      case 'TemplateLiteral': {
        let text = node.quasis[0]!.value.cooked ?? ''
        for (let i = 0; i < node.expressions.length; i++) {
          const part = await next(node.expressions[i]!)
          if (typeof part !== 'string' && typeof part !== 'number') return isUnknown(part) ? part : unknown('a template part is not a constant')
          text += String(part) + (node.quasis[i + 1]!.value.cooked ?? '')
        }
        return text
      }
      case 'Identifier':
        return node.name === 'undefined' ? undefined : this.binding(parsed, node.name, lineOf(node), seen)
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
        return next(node.expression)
      case 'UnaryExpression': {
        const v = await next(node.argument)
        if (isUnknown(v)) return v
        if (node.operator === '-' && typeof v === 'number') return -v
        if (node.operator === '!') return !v
        return unknown(`the operator ${node.operator}`)
      }
      case 'ArrayExpression': {
        const items: Resolved[] = []
        for (const el of node.elements) {
          if (!el) continue
          if (el.type !== 'SpreadElement') items.push(await next(el))
          else {
            const spread = await next(el.argument)
            if (Array.isArray(spread)) items.push(...spread)
            else items.push(isUnknown(spread) ? spread : unknown('a spread of something that is not an array'))
          }
        }
        return items
      }
      case 'ObjectExpression': {
        const result: Record<string, Resolved> = {}
        for (const prop of node.properties) {
          if (prop.type === 'SpreadElement') {
            const spread = await next(prop.argument)
            if (isRecord(spread)) Object.assign(result, spread)
            else return isUnknown(spread) ? spread : unknown('a spread of something that is not an object')
            continue
          }
          const key = prop.computed ? await next(prop.key) : prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' || prop.key.type === 'NumericLiteral' ? String(prop.key.value) : undefined
          if (typeof key !== 'string' && typeof key !== 'number') continue
          result[key] = prop.type === 'ObjectMethod' ? unknown('a method') : await next(prop.value)
        }
        return result
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const target = await next(node.object)
        const key = node.computed ? await next(node.property) : node.property.type === 'Identifier' ? node.property.name : undefined
        if (isUnknown(target)) return target
        if (isUnknown(key)) return key
        if (typeof key !== 'string' && typeof key !== 'number') return unknown('a computed member')
        if (Array.isArray(target)) return key === 'length' ? target.length : target[Number(key)]
        if (isRecord(target)) return Object.hasOwn(target, key) ? target[key] : undefined
        return unknown(`.${key} of something that is not a constant object`)
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return unknown('a function')
      case 'CallExpression':
        return unknown('a function call')
      default:
        return unknown(`a ${node.type}`)
    }
  }
}
