import type { ArrayExpression, Comment, Node, Statement } from '@babel/types'
import { UsageError } from '../errors'
import { evaluate, type Resolved, type Scope } from '../static'
import { parseSource, stringProp, unwrap } from '../source-edit/find'
import { lineAndColumn } from '../source-edit/source'

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

export const DEFAULT_FROM = '@open-mercato/core'

export interface ModuleEntry {
  id: string
  /** Defaults to `@open-mercato/core` when the entry has no `from` (as Open Mercato reads it). */
  from: string
  /** False for a push under a condition that is false (a condition that cannot be decided reads as undefined, as in Open Mercato). */
  active: boolean
  line: number
  /** Where the entry sits: an element of the array literal, or an argument of a push call. */
  site: { kind: 'array' } | { kind: 'push'; call: { start: number; end: number; args: number }; statement: { start: number; end: number } }
  start: number
  end: number
}

export interface ModulesFile {
  text: string
  entries: ModuleEntry[]
  array: { start: number; end: number; elements: Array<{ start: number; end: number }> }
  /** Offset of the `export const enabledModules` statement, for indentation of a first entry. */
  declarationStart: number
  comments: readonly Comment[]
  quote: "'" | '"'
}

function entryOf(node: Node, text: string, active: boolean, site: ModuleEntry['site']): ModuleEntry | null {
  if (node.type !== 'ObjectExpression') return null
  const id = stringProp(node, 'id')
  const from = stringProp(node, 'from')
  if (typeof id !== 'string' || from === null) return null
  return { id, from: from ?? DEFAULT_FROM, active, site, start: node.start!, end: node.end!, line: lineAndColumn(text, node.start!).line }
}

/** Reads `src/modules.ts` the way Open Mercato's CLI does (conventions §5), statically. */
export function readModulesFile(text: string, env: Record<string, string | undefined> = process.env, fileLabel = 'src/modules.ts'): ModulesFile {
  const { ast } = parseSource(text, fileLabel)

  // Top-level consts declared so far, already evaluated; `enabledModules` is the active entries so far.
  const values = new Map<string, Resolved>()
  const scope: Scope = { env, lookup: (name) => values.get(name), builtins: { parseBooleanWithDefault: (raw, fallback) => parseBooleanWithDefault(raw, Boolean(fallback)) } }
  const entries: ModuleEntry[] = []
  const seeActive = () => values.set('enabledModules', entries.filter((e) => e.active).map(({ id, from }) => ({ id, from })))
  let array: ArrayExpression | null = null
  let declarationStart = 0

  const visit = (statement: Statement, active: boolean) => {
    switch (statement.type) {
      case 'BlockStatement':
        for (const inner of statement.body) visit(inner, active)
        return
      case 'IfStatement': {
        const test = Boolean(evaluate(statement.test, scope))
        visit(statement.consequent, active && test)
        if (statement.alternate) visit(statement.alternate, active && !test)
        return
      }
      case 'ExpressionStatement': {
        const call = statement.expression
        if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return
        const { object, property } = call.callee
        if (object.type !== 'Identifier' || object.name !== 'enabledModules') return
        if (property.type !== 'Identifier' || property.name !== 'push') return
        const site = {
          kind: 'push' as const,
          call: { start: call.start!, end: call.end!, args: call.arguments.length },
          statement: { start: statement.start!, end: statement.end! },
        }
        for (const arg of call.arguments) {
          const entry = entryOf(arg, text, active, site)
          if (entry) entries.push(entry)
        }
        seeActive()
        return
      }
      default:
    }
  }

  // In source order, as Open Mercato's resolver walks it: a condition sees the variables declared
  // above it and the modules enabled so far.
  for (const statement of ast.program.body) {
    const decl = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    if (decl?.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        if (d.id.type !== 'Identifier' || !d.init) continue
        if (d.id.name === 'enabledModules' && !array) {
          const init = unwrap(d.init)
          if (init.type !== 'ArrayExpression') {
            throw new UsageError(`${fileLabel}:${lineAndColumn(text, init.start!).line}: enabledModules must be an array literal to be edited safely`)
          }
          array = init
          declarationStart = statement.start!
          for (const element of array.elements) {
            const entry = element ? entryOf(element, text, true, { kind: 'array' }) : null
            if (entry) entries.push(entry)
          }
          seeActive()
        } else {
          values.set(d.id.name, evaluate(d.init, scope))
        }
      }
    } else if (array) {
      visit(statement, true)
    }
  }
  if (!array) {
    throw new UsageError(`${fileLabel} has no "export const enabledModules = [...]"; add one and run again`)
  }
  const found: ArrayExpression = array

  const sample = entries[0] ? text.slice(entries[0].start, entries[0].end) : ''
  const firstQuote = /['"]/.exec(sample)?.[0]
  return {
    text,
    entries,
    array: {
      start: found.start!,
      end: found.end!,
      elements: found.elements.filter((e): e is NonNullable<typeof e> => e !== null).map((e) => ({ start: e.start!, end: e.end! })),
    },
    declarationStart,
    comments: ast.comments ?? [],
    quote: firstQuote === '"' ? '"' : "'",
  }
}

/** The modules the app runs with: active entries, first one wins for an id. */
export function enabledModules(file: ModulesFile): Array<{ id: string; from: string }> {
  const seen = new Set<string>()
  const result: Array<{ id: string; from: string }> = []
  for (const entry of file.entries) {
    if (!entry.active || seen.has(entry.id)) continue
    seen.add(entry.id)
    result.push({ id: entry.id, from: entry.from })
  }
  return result
}
