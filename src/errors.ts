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
