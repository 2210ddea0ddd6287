import { relative } from 'node:path'
import { FailureError, UsageError, type TryHint } from '../errors'
import { findMercatoBin, workspaceRoot } from '../app/packages'
import type { FileSystem, Runner } from '../services/types'

export const ENGINES = ['auto', 'bundled', 'mercato'] as const
export type Engine = (typeof ENGINES)[number]

/** What gets the registry made when Open Mercato's CLI cannot: the bundled generator. */
export const BUNDLED_HINT: TryHint = { text: 'use the bundled generator', set: { engine: 'bundled' } }

/** "packages/cli" from the workspace root, as the user knows the checkout. */
const unbuiltWords = (appRoot: string, dir: string) =>
  `Open Mercato's CLI in ${relative(workspaceRoot(appRoot) ?? appRoot, dir) || dir} is not built (yarn build:packages)`

/**
 * What `auto` runs: Open Mercato's own CLI wherever Node would find it from the app
 * (node_modules/.bin/mercato in the app or any ancestor, or the workspace's @open-mercato/cli), so the
 * bundled generator never replaces Open Mercato's registry in a real app. A checkout whose packages
 * are not built has a CLI that can only fail, so the bundled engine runs and `note` says why.
 */
export function autoEngine(appRoot: string): { engine: 'bundled' | 'mercato'; note?: string } {
  const cli = findMercatoBin(appRoot)
  if (!cli) return { engine: 'bundled' }
  if (cli.unbuilt === null) return { engine: 'mercato' }
  return { engine: 'bundled', note: `${unbuiltWords(appRoot, cli.unbuilt)}; generated with the bundled engine` }
}

/** Which generator runs for --engine. */
export async function resolveEngine(appRoot: string, _fs: FileSystem, engine: Engine): Promise<'bundled' | 'mercato'> {
  if (engine === 'bundled') return 'bundled'
  if (engine === 'auto') return autoEngine(appRoot).engine
  const cli = findMercatoBin(appRoot)
  if (!cli) throw new UsageError(`--engine mercato needs Open Mercato's CLI (node_modules/.bin/mercato in ${appRoot} or above); install @open-mercato/cli`, BUNDLED_HINT)
  if (cli.unbuilt !== null) throw new UsageError(`--engine mercato: ${unbuiltWords(appRoot, cli.unbuilt)}; build it first`, BUNDLED_HINT)
  return 'mercato'
}

/**
 * Runs `mercato <args>` from the app folder, as `yarn mercato …` would, passing each output line to
 * `progress` as it comes; a failure is one line with the command's last error output.
 */
export async function runMercato(appRoot: string, runner: Runner, args: string[], progress?: (line: string) => void): Promise<string> {
  const bin = findMercatoBin(appRoot)?.bin
  if (!bin) throw new UsageError(`Open Mercato's CLI is not installed for ${appRoot}; install @open-mercato/cli`, BUNDLED_HINT)
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
