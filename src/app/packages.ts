import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'

// Package lookup reads the disk directly (node:fs), not through the plan's Tree: packages live
// outside the app (a monorepo's packages/, an ancestor's node_modules), they are never written by
// a plan, and Node's own resolution needs symlink and real-path answers the Tree does not give.

const isDir = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
const insideNodeModules = (path: string) => path.split(sep).includes('node_modules')

const readJson = (file: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

/** Folders Node would look in for `<name>`, nearest first: `<dir>/node_modules/<name>` for the app and every ancestor. */
export function nodeModulesCandidates(appRoot: string, name: string): string[] {
  const result: string[] = []
  for (let dir = appRoot; ; dir = dirname(dir)) {
    if (!dir.split(sep).includes('node_modules')) result.push(join(dir, 'node_modules', name))
    if (dirname(dir) === dir) return result
  }
}

/** The nearest `node_modules/<name>` Node would resolve from the app, or null. */
export function resolvePackage(appRoot: string, name: string): string | null {
  return nodeModulesCandidates(appRoot, name).find(isDir) ?? null
}

/** The workspace root: the app's folder or the nearest ancestor whose package.json declares workspaces. */
export function workspaceRoot(appRoot: string): string | null {
  for (let dir = appRoot; ; dir = dirname(dir)) {
    if (readJson(join(dir, 'package.json'))?.workspaces) return dir
    if (dirname(dir) === dir) return null
  }
}

/** Workspace packages by name, from `<root>/packages/*` and `<root>/apps/*` (Open Mercato's layout). */
function workspacePackages(root: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const group of ['packages', 'apps']) {
    let names: string[] = []
    try {
      names = readdirSync(join(root, group))
    } catch {
      continue
    }
    for (const dir of names) {
      const name = readJson(join(root, group, dir, 'package.json'))?.name
      if (typeof name === 'string') map.set(name, join(root, group, dir))
    }
  }
  return map
}

export interface Install {
  appRoot: string
  /** The folder whose node_modules holds @open-mercato/core (may be above the app), if any. */
  installRoot: string | null
  /** Set when @open-mercato/core is a link into a workspace (Open Mercato's monorepo in development). */
  workspaceRoot: string | null
  packages: Map<string, string>
}

/**
 * How the app's packages are installed, as Open Mercato's resolver decides it: walk up to the
 * node_modules holding @open-mercato/core; a link out of node_modules means a workspace checkout.
 * pnpm also links, but into its own store inside node_modules, so it stays an installed app.
 */
export function detectInstall(appRoot: string): Install {
  const core = resolvePackage(appRoot, '@open-mercato/core')
  const installRoot = core ? dirname(dirname(dirname(core))) : null
  let workspace: string | null = null
  if (core && lstatSync(core).isSymbolicLink() && !insideNodeModules(realpathSync(core))) workspace = dirname(dirname(realpathSync(core)))
  workspace ??= workspaceRoot(appRoot)
  return { appRoot, installRoot, workspaceRoot: workspace, packages: workspace ? workspacePackages(workspace) : new Map() }
}

export interface ModuleLocation {
  /** The module folder, absolute, or null when it was not found. */
  path: string | null
  /** Where it was looked for, relative to the app root: the package's module folders when the package was found, else every node_modules Node would try. */
  looked: string[]
  /** Whether the package itself was found (then only the module is missing from it). */
  packageFound: boolean
}

/**
 * Where a package module lives: `<pkg>/src/modules/<id>` (workspace sources, or an installed
 * package's src mirror, which Open Mercato scans first), else `<pkg>/dist/modules/<id>`. The package
 * is found as Node finds it, upward from the app, then among the workspace's packages.
 */
export function locateModule(install: Install, from: string, id: string): ModuleLocation {
  const candidates = nodeModulesCandidates(install.appRoot, from)
  const packageDirs = [candidates.find(isDir), install.packages.get(from)].filter((d): d is string => d !== undefined)
  const looked: string[] = []
  for (const dir of packageDirs) {
    // A workspace package is named by its real folder (packages/core), not the link to it.
    const real = realpathSync(dir)
    const base = insideNodeModules(real) ? dir : real
    for (const sub of ['src', 'dist']) {
      const path = join(base, sub, 'modules', id)
      if (isDir(path)) return { path, looked: [], packageFound: true }
      looked.push(path)
    }
  }
  const packageFound = packageDirs.length > 0
  return { path: null, looked: [...new Set((packageFound ? looked : candidates).map((p) => relative(install.appRoot, p) || '.'))], packageFound }
}

const binTargets = (json: Record<string, unknown>): string[] =>
  typeof json.bin === 'string' ? [json.bin] : json.bin && typeof json.bin === 'object' ? Object.values(json.bin).filter((b): b is string => typeof b === 'string') : []

/** The package a bin file belongs to: the nearest package.json above it, if it declares that file as a bin. */
function packageOfBin(realBin: string): { dir: string; json: Record<string, unknown> } | null {
  for (let dir = dirname(realBin); dirname(dir) !== dir; dir = dirname(dir)) {
    const json = readJson(join(dir, 'package.json'))
    if (json) return binTargets(json).some((b) => join(dir, b) === realBin) ? { dir, json } : null
  }
  return null
}

/**
 * Whether a CLI package is built. Open Mercato's bin is a stub that exits 1 ("CLI not built") until
 * `yarn build:packages` writes dist/, where the package's `main` entry lives too; so a declared
 * `main` that is missing says the same without running it.
 */
const isBuilt = (dir: string, json: Record<string, unknown>) => typeof json.main !== 'string' || existsSync(join(dir, json.main))

export interface MercatoCli {
  /** The file to run. */
  bin: string
  /** The CLI's package folder when that package is not built (a workspace checkout before its build); else null. */
  unbuilt: string | null
}

/** The `mercato` CLI Node would run from the app: node_modules/.bin/mercato here or in any ancestor, else the workspace's @open-mercato/cli bin. */
export function findMercatoBin(appRoot: string): MercatoCli | null {
  const bin = nodeModulesCandidates(appRoot, join('.bin', 'mercato')).find((p) => existsSync(p))
  if (bin) {
    const pkg = packageOfBin(realpathSync(bin))
    return { bin, unbuilt: pkg && !isBuilt(pkg.dir, pkg.json) ? pkg.dir : null }
  }
  const workspace = workspaceRoot(appRoot)
  const cli = workspace ? workspacePackages(workspace).get('@open-mercato/cli') : undefined
  const json = cli ? readJson(join(cli, 'package.json')) : null
  const bins = json?.bin
  const rel = typeof bins === 'string' ? bins : bins && typeof bins === 'object' ? (bins as Record<string, unknown>).mercato : undefined
  if (!cli || typeof rel !== 'string') return null
  // a bin that is itself a build output (dist/bin.js) is missing for the same reason
  return { bin: join(cli, rel), unbuilt: existsSync(join(cli, rel)) && isBuilt(cli, json!) ? null : cli }
}
