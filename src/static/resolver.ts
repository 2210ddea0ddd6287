import { posix } from 'node:path'
import type { Expression, Node, Statement } from '@babel/types'
import { parseTypeScript } from '../source-edit/source'
import { evaluate } from './evaluate'
import { literalMetadata } from './literal-text'
import { Unknown, type Resolved } from './value'

/** Where the resolver reads files: paths relative to the app root, null for a file that is not there. */
export interface TextSource {
  read(path: string): Promise<string | null>
}

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

/**
 * A file the evaluation needs and has not read yet. Evaluation is synchronous (one evaluator for
 * every reader); the resolver reads what it is missing and evaluates again, so an answer never
 * depends on the order files arrive in.
 */
class Pending {
  constructor(readonly promise: Promise<unknown>) {}
}

/**
 * Reads exported values of module files without running them, as Open Mercato's generator falls
 * back to doing (`resolveNamedObjectExport`): through local consts, `as const`, spreads, member
 * access and template strings, and through named imports and re-exports of relative files, hop
 * after hop. What it cannot know is an `Unknown` that remembers where it came from.
 */
export class StaticResolver {
  private readonly texts = new Map<string, string | null>()
  private readonly reading = new Map<string, Promise<void>>()
  private readonly parsed = new Map<string, Parsed | null>()

  /** `literal: false` parses every file, as the test that proves the literal reading equal needs. */
  constructor(private readonly source: TextSource, private readonly options: { literal?: boolean } = {}) {}

  /**
   * The value `file` exports under `name`; undefined when it exports nothing by that name. `text`,
   * when the caller has read the file already, spares a read for the checks made before parsing.
   * A `metadata` of plain literals is read without parsing (literal-text.ts; the same answer).
   */
  async exported(file: string, name: string, text?: string | null): Promise<Resolved> {
    const own = text ?? (await this.settle(() => this.text(file)))
    // a name a file exports is written in it, unless it comes through `export *`
    if (own === null || (!own.includes(name) && !own.includes('export *'))) return undefined
    const fast = name === 'metadata' && this.options.literal !== false ? literalMetadata(own) : null
    return fast ?? this.settle(() => this.exportedNow(file, name, new Set()))
  }

  private async settle<T>(run: () => T): Promise<T> {
    for (;;) {
      try {
        return run()
      } catch (error) {
        if (!(error instanceof Pending)) throw error
        await error.promise
      }
    }
  }

  private startReading(file: string): Promise<void> {
    let reading = this.reading.get(file)
    if (!reading) {
      reading = this.source.read(file).then((text) => void this.texts.set(file, text))
      this.reading.set(file, reading)
    }
    return reading
  }

  private text(file: string): string | null {
    if (this.texts.has(file)) return this.texts.get(file)!
    throw new Pending(this.startReading(file))
  }

  private load(file: string): Parsed | null {
    if (!this.parsed.has(file)) {
      const text = this.text(file)
      this.parsed.set(file, text === null ? null : parse(file, text))
    }
    return this.parsed.get(file)!
  }

  /** The file a relative (or `@/`) import resolves to, trying Open Mercato's code extensions and index files. */
  private resolveImport(fromFile: string, specifier: string): string | null {
    let base: string
    if (specifier.startsWith('.')) base = posix.join(posix.dirname(fromFile), specifier)
    else if (specifier.startsWith('@/')) base = `src/${specifier.slice(2)}`
    else return null
    const candidates = [base, ...CODE_EXTENSIONS.map((e) => base + e), ...CODE_EXTENSIONS.map((e) => `${base}/index${e}`)].filter((c) => /\.(tsx?|jsx?)$/.test(c))
    // every candidate is read in one go, so one import costs one wait, not one per extension tried
    const unread = candidates.filter((c) => !this.texts.has(c))
    if (unread.length > 0) throw new Pending(Promise.all(unread.map((c) => this.startReading(c))))
    return candidates.find((c) => this.texts.get(c) !== null) ?? null
  }

  private exportedNow(file: string, name: string, seen: Set<string>): Resolved {
    const key = `${file}#${name}`
    if (seen.has(key)) return new Unknown(file, 0, `${name} refers to itself`)
    // `seen` is the chain being followed, so the same constant may be used twice in one value.
    seen.add(key)
    try {
      return this.exportedValue(file, name, seen)
    } finally {
      seen.delete(key)
    }
  }

  private exportedValue(file: string, name: string, seen: Set<string>): Resolved {
    const parsed = this.load(file)
    if (!parsed) return undefined
    const entry = parsed.exports.get(name)
    if (entry && 'local' in entry) return this.binding(parsed, entry.local, entry.line, seen)
    if (entry) return this.imported(parsed, entry.from, entry.name, entry.line, seen)
    for (const star of parsed.stars) {
      const target = this.resolveImport(file, star)
      const value = target ? this.exportedNow(target, name, seen) : undefined
      if (value !== undefined) return value
    }
    return undefined
  }

  private imported(parsed: Parsed, from: string, name: string, line: number, seen: Set<string>): Resolved {
    const target = this.resolveImport(parsed.file, from)
    if (!target) return new Unknown(parsed.file, line, `it comes from '${from}', outside the module's files`)
    if (name === '*') return new Unknown(parsed.file, line, `a namespace import of '${from}'`)
    const value = this.exportedNow(target, name, seen)
    return value === undefined ? new Unknown(parsed.file, line, `'${from}' exports no ${name}`) : value
  }

  private binding(parsed: Parsed, name: string, line: number, seen: Set<string>): Resolved {
    const init = parsed.locals.get(name)
    const key = `${parsed.file}:${name}`
    if (init && seen.has(key)) return new Unknown(parsed.file, line, `${name} refers to itself`)
    if (init) {
      seen.add(key)
      try {
        return evaluate(init, {
          file: parsed.file,
          interpolate: true,
          lookup: (inner, node) => this.binding(parsed, inner, lineOf(node), seen),
        })
      } finally {
        seen.delete(key)
      }
    }
    const imported = parsed.imports.get(name)
    if (imported) return this.imported(parsed, imported.from, imported.name, line, seen)
    return new Unknown(parsed.file, line, `${name} is not a constant of the file (destructured or computed)`)
  }
}
