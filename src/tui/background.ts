import { Worker } from 'node:worker_threads'
import type { PendingCheck } from '../db/pending'

export interface BackgroundCheck {
  /** The check's answer; a stopped check answers `unknown`. */
  result: Promise<PendingCheck>
  /** Ends the check at once (the thread is terminated): for quitting while it still runs. */
  stop: () => void
}

/**
 * The pending-migrations check on a worker thread, so the render loop never waits on it: keys are
 * handled and q exits while MikroORM and the database are still being opened. The worker is the
 * bundle's own entry (dist/pending-worker.js, beside this chunk).
 */
export function checkPendingInBackground(appRoot: string): BackgroundCheck {
  const worker = new Worker(new URL('./pending-worker.js', import.meta.url), { workerData: { appRoot }, stdout: true, stderr: true })
  let settle: (check: PendingCheck) => void = () => {}
  const result = new Promise<PendingCheck>((resolve) => { settle = resolve })
  worker.once('message', (check: PendingCheck) => settle(check))
  worker.once('error', (error) => settle({ state: 'unknown', reason: error.message.split('\n')[0]! }))
  worker.once('exit', () => settle({ state: 'unknown', reason: 'stopped' }))
  return { result, stop: () => void worker.terminate() }
}
