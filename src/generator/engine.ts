import { FailureError, UsageError } from '../errors'
import { findMercatoBin } from '../app/packages'
import type { FileSystem, Runner } from '../services/types'

export const ENGINES = ['auto', 'bundled', 'mercato'] as const
export type Engine = (typeof ENGINES)[number]

/**
 * Which generator runs. `auto` prefers Open Mercato's own CLI wherever Node would find it from the
 * app (node_modules/.bin/mercato in the app or any ancestor, or the workspace's @open-mercato/cli),
 * so the bundled generator never replaces Open Mercato's registry in a real app.
 */
export async function resolveEngine(appRoot: string, _fs: FileSystem, engine: Engine): Promise<'bundled' | 'mercato'> {
  if (engine === 'bundled') return 'bundled'
  const installed = findMercatoBin(appRoot) !== null
  if (engine === 'mercato' && !installed) {
    throw new UsageError(`--engine mercato needs Open Mercato's CLI (node_modules/.bin/mercato in ${appRoot} or above); install @open-mercato/cli`, { text: 'use the bundled generator', set: { engine: 'bundled' } })
  }
  return installed ? 'mercato' : 'bundled'
}

/**
 * Runs `mercato <args>` from the app folder, as `yarn mercato …` would, passing each output line to
 * `progress` as it comes; a failure is one line with the command's last error output.
 */
export async function runMercato(appRoot: string, runner: Runner, args: string[], progress?: (line: string) => void): Promise<string> {
  const bin = findMercatoBin(appRoot)
  if (!bin) throw new UsageError(`Open Mercato's CLI is not installed for ${appRoot}; install @open-mercato/cli`, { text: 'use the bundled generator', set: { engine: 'bundled' } })
  // A workspace's bin file may lack the executable bit that an install would give its .bin link.
  const [file, argv] = bin.includes('/node_modules/.bin/') ? [bin, args] : [process.execPath, [bin, ...args]]
  const result = await runner.run(file, argv, { cwd: appRoot, ...(progress ? { onLine: progress } : {}) })
  if (result.exitCode !== 0) {
    // The line that names the error says more than the last one (often a path or a stack frame).
    const lines = (result.stderr.trim() || result.stdout.trim()).split('\n').map((l) => l.trim()).filter(Boolean)
    const reason = lines.findLast((l) => /\berror\b/i.test(l)) ?? lines.at(-1) ?? ''
    throw new FailureError(`mercato ${args.join(' ')} failed (exit ${result.exitCode}): ${reason}`)
  }
  return result.stdout
}
