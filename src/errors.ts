/**
 * Exit codes are part of the public contract (README "Exit codes"):
 * 2 means the input was wrong and nothing was changed; 1 means the work itself failed.
 */
/** 130 is the shell's code for a process stopped by Ctrl+C (128 + SIGINT). */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const

/** Bad input: a flag, a name, an app that is not in the state the action needs. Nothing was written. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage
}

/** The action was valid but could not be carried out (I/O, apply, a tool that failed). */
export class FailureError extends Error {
  readonly exitCode = EXIT.failure
}

/** The user pressed Ctrl+C: whatever was under way was stopped or rolled back. */
export class InterruptedError extends Error {
  readonly exitCode = EXIT.interrupted
  constructor(message = 'interrupted: nothing was changed') {
    super(message)
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof FailureError || error instanceof InterruptedError) return error.exitCode
  return EXIT.failure
}
