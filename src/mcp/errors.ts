/**
 * Errors as an agent reads them: JSON fields instead of flags (`concurrency: at most 100, e.g. 4`),
 * every problem of the input at once, and `try` as the arguments to call again with.
 */
import type { ActionSpec } from '../actions/spec'
import { actionable, remedyFor } from '../dispatch/hint'
import { errorEnvelope, type Envelope } from '../dispatch/envelope'
import { exitCodeOf, hintOf, InputError, type Problem } from '../errors'

/** What to call again with: complete `arguments`, and the fields only the agent can fill (`fill`). */
export interface Retry {
  arguments: Record<string, unknown>
  /** What calling with them achieves, when that is more than fixing the input. */
  text?: string
  /** Inputs still to choose, with no value we could give (the agent's own names). */
  fill?: string[]
}

/** One problem in field words: `queue: missing (the queue whose jobs …), e.g. "billing-sync"`. */
export function problemLine(problem: Problem): string {
  const what = problem.kind === 'missing' ? `missing (${problem.message})` : problem.message
  const guess = problem.suggestion ? `; did you mean ${JSON.stringify(problem.suggestion)}?` : ''
  const choices = problem.allowed && !what.includes(problem.allowed.join(', ')) ? `; one of ${problem.allowed.join(', ')}` : ''
  const example = problem.example === undefined || guess || /\be\.g\./.test(what) ? '' : `, e.g. ${JSON.stringify(problem.example)}`
  return `${problem.field ?? 'input'}: ${what}${guess}${choices}${example}`
}

/** The arguments with every problem fixed as far as we can: the suggestion, else an example; a preview (no apply). */
function retryOf(problems: Problem[], args: Record<string, unknown>): Retry {
  const { apply: _apply, ...rest } = args
  const fixed: Record<string, unknown> = { ...rest }
  const fill: string[] = []
  let examples = false
  for (const problem of problems) {
    if (!problem.field) continue
    const value = problem.suggestion ?? problem.example
    if (value === undefined) {
      delete fixed[problem.field]
      fill.push(problem.field)
    } else fixed[problem.field] = value
    examples ||= problem.suggestion === undefined && value !== undefined
  }
  const text = examples ? 'a preview, with example values where yours were missing or invalid: put your own, then add apply: true to write' : 'a preview: add apply: true to write'
  return { arguments: fixed, text, ...(fill.length ? { fill } : {}) }
}

const fieldsOfKind = (problems: Problem[], kind: Problem['kind']) => problems.filter((p) => p.kind === kind).map((p) => p.field ?? 'input')

/** A tool error: the text an agent reads, and the envelope with the problems as data. */
export function toolError(spec: ActionSpec, error: unknown, args: Record<string, unknown>) {
  const code = exitCodeOf(error)
  let message = error instanceof Error ? error.message : String(error)
  let retry: Retry | undefined
  let body: string[] = []
  let extra: Partial<Envelope> = {}
  if (error instanceof InputError) {
    const { problems } = error
    const missing = fieldsOfKind(problems, 'missing')
    const invalid = fieldsOfKind(problems, 'invalid')
    message = problems.length === 1 ? problemLine(problems[0]!) : [missing.length ? `missing ${missing.join(', ')}` : '', invalid.length ? `invalid ${invalid.join(', ')}` : ''].filter(Boolean).join('; ')
    body = problems.length === 1 ? [] : problems.map(problemLine)
    retry = retryOf(problems, args)
    extra = { problems, missing, invalid }
  } else {
    const hint = hintOf(error)
    const remedy = hint && remedyFor(hint, spec, ['force'])
    if (remedy && actionable(remedy)) {
      retry = { arguments: { ...args, ...remedy.globals, ...remedy.inputs }, text: remedy.text, ...(remedy.field ? { fill: [remedy.field] } : {}) }
    } else if (remedy) body = [`next: ${remedy.text}`]
  }
  const tryLine = retry && `try: call again with ${JSON.stringify(retry.arguments)}${retry.fill ? `, choosing ${retry.fill.join(', ')}` : ''} (${retry.text})`
  return {
    content: [{ type: 'text' as const, text: [`error: ${message}`, ...body, ...(tryLine ? [tryLine] : [])].join('\n') }],
    structuredContent: { ...errorEnvelope(spec.name, code, message), ...extra, ...(retry ? { try: retry } : {}) } as unknown as Record<string, unknown>,
    isError: true,
  }
}
