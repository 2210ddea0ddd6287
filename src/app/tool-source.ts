// node:fs, not the FileSystem service: what is read here is this tool's own install (its real path,
// the lockfile of the project that installed it), never the app's files.
import { readFileSync, realpathSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunResult } from '../services/types'

/** This package's root: the bundle sits in dist/, one folder below it. */
export const TOOL_ROOT = fileURLToPath(new URL('..', import.meta.url))

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

/**
 * The devDependency that makes this very tool resolvable inside a new app. A registry install keeps
 * `^<version>`; a git checkout, an `npm link` (which resolves to the checkout) or a tarball install
 * points at where the running tool came from, so `npm install` in the app works before any release.
 */
export function toolDependency(version: string, root: string = TOOL_ROOT): string {
  const real = realpathSync(root)
  const parts = real.split(sep)
  const at = parts.lastIndexOf('node_modules')
  if (at === -1) return `file:${real}`
  const project = parts.slice(0, at).join(sep) || sep
  // npm records where each installed package came from in node_modules/.package-lock.json
  const lock = readJson(resolve(project, 'node_modules', '.package-lock.json')) as { packages?: Record<string, { resolved?: unknown }> } | null
  const resolved = lock?.packages?.[parts.slice(at).join('/')]?.resolved
  if (typeof resolved === 'string' && resolved.startsWith('file:')) return `file:${resolve(project, resolved.slice('file:'.length))}`
  return `^${version}`
}

export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn'] as const
export type PackageManager = (typeof PACKAGE_MANAGERS)[number]

/** The package manager that started us (`npx`, `pnpm dlx`, `yarn dlx` set npm_config_user_agent), npm otherwise. */
export function startedWith(env: NodeJS.ProcessEnv = process.env): PackageManager {
  const name = (env.npm_config_user_agent ?? '').split('/')[0]
  return (PACKAGE_MANAGERS as readonly string[]).includes(name!) ? (name as PackageManager) : 'npm'
}

/** How a user runs the tool inside an app installed with `pm`. */
export const runTool = (pm: PackageManager) => ({ npm: 'npx', pnpm: 'pnpm exec', yarn: 'yarn' })[pm] + ' create-mercato-module'

/** The line of a failed install that says why: the first that mentions an error, else the last one, else `fallback`. */
export function installFailure(result: RunResult, fallback: string): string {
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).filter(Boolean)
  return lines.find((l) => /\berr/i.test(l)) ?? lines.at(-1) ?? fallback
}
