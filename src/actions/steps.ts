import { InterruptedError } from '../errors'
import type { TaskContext } from './spec'

/** A task was cancelled at a step boundary: what it had done and what it had not, so it can say what state it left. */
export class Cancelled extends InterruptedError {
  constructor(readonly done: string[], readonly left: string[]) {
    super(`cancelled: stopped after ${done.length} of ${done.length + left.length} steps`)
  }
}

/** The line a face shows when a task stopped at a step boundary: `cancelled: <what state it left>`. */
export const cancelledBecause = (state: string) => new InterruptedError(`cancelled: ${state}`)

/**
 * A task's numbered steps (module 2 of 5), reported as each starts and ends. Work running in this
 * process (MikroORM, PGlite) cannot be stopped halfway, so a cancellation is honoured between steps:
 * `run` and `check` throw Cancelled once the signal is aborted.
 */
export function stepper(ctx: Pick<TaskContext, 'signal' | 'progress'>, items: string[]) {
  let done = 0
  const check = () => {
    if (ctx.signal.aborted) throw new Cancelled(items.slice(0, done), items.slice(done))
  }
  return {
    /** Runs the next item (items run in the order given); `work` returns how it ended, in a few words. */
    async run(work: () => Promise<string>): Promise<void> {
      check()
      const index = done + 1
      const step = { index, total: items.length, item: items[done]! }
      const prefix = `[${index}/${items.length}] ${step.item}`
      ctx.progress({ level: 'info', text: `${prefix}…`, step: { ...step, pending: items.slice(index) } })
      const outcome = await work()
      done = index
      ctx.progress({ level: 'info', text: `${prefix}: ${outcome}`, step: { ...step, outcome } })
    },
    /** Stops here when cancelled: after the last step, work asked to stop during it still counts. */
    check,
  }
}

export type Steps = ReturnType<typeof stepper>
