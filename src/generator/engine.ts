import { join } from 'node:path'
import { FailureError, UsageError } from '../errors'
import type { FileSystem, Runner } from '../services/types'

export const ENGINES = ['auto', 'bundled', 'mercato'] as const
export type Engine = (typeof ENGINES)[number]

/** Open Mercato's own CLI, when the app has it installed. */
export const mercatoBin = (appRoot: string) => join(appRoot, 'node_modules', '.bin', 'mercato')

/** Which generator runs: `auto` prefers the app's `mercato` CLI inside a real Open Mercato app. */
export async function resolveEngine(appRoot: string, fs: FileSystem, engine: Engine): Promise<'bundled' | 'mercato'> {
  const installed = (await fs.readText(mercatoBin(appRoot))) !== null
  if (engine === 'mercato' && !installed) {
    throw new UsageError(`--engine mercato needs Open Mercato's CLI at ${mercatoBin(appRoot)}; install @open-mercato/cli or use --engine bundled`)
  }
  return engine === 'bundled' || !installed ? 'bundled' : 'mercato'
}

/** Runs `mercato <args>` in the app, turning a failure into one line with its last error output. */
export async function runMercato(appRoot: string, runner: Runner, args: string[]): Promise<string> {
  const result = await runner.run(mercatoBin(appRoot), args, { cwd: appRoot })
  if (result.exitCode !== 0) {
    const last = result.stderr.trim().split('\n').at(-1) ?? ''
    throw new FailureError(`mercato ${args.join(' ')} failed (exit ${result.exitCode}): ${last}`)
  }
  return result.stdout
}
