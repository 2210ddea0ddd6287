/**
 * A command's input checked against its schema, every problem at once, as data (errors.ts `Problem`):
 * which field, missing or invalid, the values it takes, a value that works. The CLI words them as
 * flags (`missing --queue: …`), MCP as JSON fields (`queue: missing …`); both from the same list.
 */
import { z } from 'zod'
import { fieldsOf, type ActionSpec, type FieldInfo } from '../actions/spec'
import { fieldLabel } from './execute'
import { InputError, type Problem } from '../errors'
import { eg, exampleValue, issueMessages, shellWord } from '../validation/messages'
import { closest } from '../validation/suggest'

/** The words of a command line, quotes kept: `module billing --title "Billing reports"`. */
const words = (line: string) => line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []
const unquote = (word: string) => (/^(["']).*\1$/.test(word) ? word.slice(1, -1) : word)

/** What the action's examples give each positional argument: `worker billing sync-invoices` → module billing, name sync-invoices. */
function positionalExamples(spec: ActionSpec, fields: FieldInfo[]): Record<string, string> {
  const found: Record<string, string> = {}
  const takesValue = (word: string) => word === '--cwd' || fields.some((f) => !f.positional && f.kind !== 'boolean' && `--${f.flag}` === word)
  for (const example of spec.examples) {
    const args = words(example).slice(spec.name.split(' ').length)
    const positional: string[] = []
    for (let i = 0; i < args.length; i++) {
      if (args[i]!.startsWith('-')) i += takesValue(args[i]!) ? 1 : 0
      else positional.push(unquote(args[i]!))
    }
    spec.positionals.forEach((key, i) => { if (positional[i] !== undefined) found[key] ??= positional[i]! })
  }
  return found
}

/** A value for the field as its input takes it: a number for a number, a list of one for a repeated flag. */
function typed(field: FieldInfo, value: unknown): unknown {
  if (typeof value !== 'string') return value
  if (field.kind === 'number') return Number.isFinite(Number(value)) ? Number(value) : undefined
  if (field.kind === 'repeated') return [value]
  return value
}

function exampleOf(spec: ActionSpec, field: FieldInfo, positional: Record<string, string>): unknown {
  return typed(field, field.positional ? positional[field.key] : exampleValue(spec.examples, field.flag, field))
}

function invalid(spec: ActionSpec, field: FieldInfo | undefined, issue: z.core.$ZodIssue, raw: Record<string, unknown>, positional: Record<string, string>): Problem {
  if (!field) return { kind: 'invalid', message: issue.message }
  const values = issue.code === 'invalid_value' ? (issue as { values?: unknown[] }).values?.map(String) : undefined
  const allowed = values ?? field.choices
  const given = raw[field.key]
  const suggestion = typeof given === 'string' && values ? closest(given, values) : undefined
  // a message that gives an example already (the schema's own, the most specific) gets no other
  const example = suggestion || /\be\.g\./.test(issue.message) ? undefined : exampleOf(spec, field, positional)
  return {
    field: field.key, kind: 'invalid', message: issue.message, given,
    ...(allowed ? { allowed } : {}), ...(suggestion ? { suggestion } : {}), ...(example !== undefined ? { example } : {}),
  }
}

/** Every missing and invalid field of `raw`, missing ones first, in the action's field order; the parsed input when there are none. */
export function inputProblems(spec: ActionSpec, raw: Record<string, unknown>): { problems: Problem[]; input?: Record<string, unknown> } {
  const fields = fieldsOf(spec)
  const positional = positionalExamples(spec, fields)
  const problems: Problem[] = []
  for (const field of fields) {
    if (!field.required || (raw[field.key] !== undefined && raw[field.key] !== '')) continue
    const example = exampleOf(spec, field, positional)
    problems.push({ field: field.key, kind: 'missing', message: field.description, ...(field.choices ? { allowed: field.choices } : {}), ...(example !== undefined ? { example } : {}) })
  }
  const result = spec.input.safeParse(raw, { error: issueMessages(raw), reportInput: true })
  if (result.success && problems.length === 0) return { problems, input: result.data as Record<string, unknown> }
  const seen = new Set(problems.map((p) => p.field))
  for (const issue of result.error?.issues ?? []) {
    const key = issue.path[0] === undefined ? undefined : String(issue.path[0])
    if (key !== undefined && seen.has(key)) continue
    if (key !== undefined) seen.add(key)
    problems.push(invalid(spec, fields.find((f) => f.key === key), issue, raw, positional))
  }
  return { problems }
}

/** What is wrong with a value in the command line's words: `"abc" is not a number (e.g. --order 20)`. */
function cliDetail(field: FieldInfo, problem: Problem): string {
  const guess = problem.suggestion ? `; did you mean ${problem.suggestion}?` : ''
  const example = field.positional || problem.example === undefined ? undefined : `--${field.flag} ${shellWord(String(problem.example))}`
  return `${problem.message}${guess}${eg(guess ? undefined : example)}`
}

/** One problem as the CLI says it: `missing --queue: the queue … (pass --queue <value>)`, `invalid --concurrency: at most 100 (e.g. --concurrency 4)`. */
function cliLine(spec: ActionSpec, fields: FieldInfo[], problem: Problem): string {
  const field = fields.find((f) => f.key === problem.field)
  if (!field) return `invalid ${spec.name} input: ${problem.message}`
  if (problem.kind === 'missing') return `missing ${fieldLabel(field)}: ${field.description} (${field.positional ? 'give it as an argument' : `pass ${fieldLabel(field)} <value>`})`
  return `invalid ${fieldLabel(field)}: ${cliDetail(field, problem)}`
}

/** The CLI's one line for all of them: the first in full, the others named after it (`; also missing --queue`). */
export function cliProblemsMessage(spec: ActionSpec, problems: Problem[]): string {
  const fields = fieldsOf(spec)
  const label = (p: Problem) => {
    const field = fields.find((f) => f.key === p.field)
    return field ? `${p.kind} ${fieldLabel(field)}` : `invalid ${spec.name} input`
  }
  const [first, ...rest] = problems
  return `${cliLine(spec, fields, first!)}${rest.length ? `; also ${rest.map(label).join(', ')}` : ''}`
}

/** Validates raw values (from flags, a form or a tool call) against the action's schema: an InputError names every problem. */
export function validateInput(spec: ActionSpec, raw: Record<string, unknown>): Record<string, unknown> {
  const { problems, input } = inputProblems(spec, raw)
  if (problems.length > 0) throw new InputError(cliProblemsMessage(spec, problems), problems)
  return input!
}

/** One field's value checked alone, as a form checks it while it is typed: null, or the words validateInput uses. */
export function fieldProblem(spec: ActionSpec, field: FieldInfo, value: unknown): string | null {
  const raw = { [field.key]: value }
  const result = z.object({ [field.key]: field.schema }).safeParse(raw, { error: issueMessages(raw), reportInput: true })
  return result.success ? null : cliDetail(field, invalid(spec, field, result.error.issues[0]!, raw, positionalExamples(spec, fieldsOf(spec))))
}
