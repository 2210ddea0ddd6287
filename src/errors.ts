/**
 * Exit codes are part of the public contract (docs/output.md, "Exit codes"):
 * 2 means the input was wrong and nothing was changed; 1 means the work itself failed.
 */
/** 130 is the shell's code for a process stopped by Ctrl+C (128 + SIGINT). */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const

/**
 * What the user can do about an error, kept apart from the message so that each face says it its own
 * way: the CLI as flags (`try: --force to overwrite it`), the TUI as a key that runs the action again
 * with those inputs, the JSON envelope and MCP as data.
 */
export interface TryHint {
  /** What doing it achieves, in words that name no flag: "pick another name, or edit it by hand". */
  text: string
  /** Inputs that do it: the action's own fields or the global options (force, generate, yes). */
  set?: Record<string, string | boolean>
  /** An input the user has to fill in (a value we cannot guess, such as a table name). */
  field?: string
}

/** Bad input: a flag, a name, an app that is not in the state the action needs. Nothing was written. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage
  constructor(message: string, readonly hint?: TryHint) {
    super(message)
  }
}

/**
 * One thing wrong with a command's input, as data: each face words it its own way (the CLI names
 * `--queue` or `<name>`, MCP the JSON field `queue`), and an agent can fix every field in one go.
 */
export interface Problem {
  /** The input key (`queue`, `concurrency`); absent for a problem of the input as a whole. */
  field?: string
  kind: 'missing' | 'invalid'
  /** What is wrong, naming neither a flag nor a field: "at most 100"; for a missing input, what it is. */
  message: string
  /** The value that was given, for an invalid one. */
  given?: unknown
  /** The values the field takes, when they are a closed set. */
  allowed?: string[]
  /** The allowed value closest to what was given (a typo). */
  suggestion?: string
  /** A value that works here, from the action's own examples or the field's; absent when there is none. */
  example?: unknown
}

/** Bad input found by checking it against the action's schema: every missing and invalid field at once. */
export class InputError extends UsageError {
  constructor(message: string, readonly problems: Problem[]) {
    super(message)
  }
}

/** The action was valid but could not be carried out (I/O, apply, a tool that failed). */
export class FailureError extends Error {
  readonly exitCode = EXIT.failure
  constructor(message: string, readonly hint?: TryHint) {
    super(message)
  }
}

/** The hint an error carries, if any. */
export const hintOf = (error: unknown): TryHint | undefined => (error instanceof UsageError || error instanceof FailureError ? error.hint : undefined)

/** Ctrl+C (130) or SIGTERM (143): whatever was under way was stopped, rolled back, or had finished (the message says which). */
export class InterruptedError extends Error {
  constructor(message = 'interrupted: nothing was changed', readonly exitCode: number = EXIT.interrupted) {
    super(message)
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof FailureError || error instanceof InterruptedError) return error.exitCode
  return EXIT.failure
}
