// The Open Mercato copy test:om works on: a clone of a git dir, or the files of a work tree as they are
// (local changes included), never the original. An installed checkout's node_modules can be copied in
// to save the cold install.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { run } from './run.mjs'

const git = (dir, args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })

/** 'git-dir' (bare or a .git folder), 'work-tree' (git), 'folder' (no git) or null (not an Open Mercato checkout). */
export function sourceKind(source) {
  if (!existsSync(source) || !statSync(source).isDirectory()) return null
  try {
    if (git(source, ['rev-parse', '--is-bare-repository']).trim() === 'true' || git(source, ['rev-parse', '--is-inside-git-dir']).trim() === 'true') return 'git-dir'
    if (git(source, ['rev-parse', '--is-inside-work-tree']).trim() === 'true') return existsSync(join(source, 'package.json')) ? 'work-tree' : null
  } catch {
    // not git at all
  }
  return existsSync(join(source, 'package.json')) ? 'folder' : null
}

const SKIPPED = new Set(['node_modules', '.git', '.turbo', '.next', '.yarn', 'dist', '.mercato'])

/** Copies the monorepo at `source` to `target` (which must not exist). */
export async function copyCheckout(source, target, { log }) {
  const kind = sourceKind(source)
  if (kind === 'git-dir') return run('git', ['clone', '--quiet', source, target], { cwd: dirname(target), log })
  if (kind === 'work-tree') {
    const files = git(source, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean)
    for (const file of files) {
      const from = join(source, file)
      // a tracked file deleted in the work tree is not part of it
      if (!existsSync(from)) continue
      mkdirSync(dirname(join(target, file)), { recursive: true })
      cpSync(from, join(target, file), { verbatimSymlinks: true })
    }
    return
  }
  cpSync(source, target, { recursive: true, verbatimSymlinks: true, filter: (from) => !SKIPPED.has(from.split('/').pop()) })
}

/** Every node_modules folder of an installed monorepo (the root's and its workspaces'), relative to it. */
function nodeModulesDirs(root) {
  const found = []
  const walk = (dir, depth) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '.git') continue
      const path = join(dir, entry.name)
      if (entry.name === 'node_modules') found.push(relative(root, path))
      else if (depth < 4) walk(path, depth + 1)
    }
  }
  walk(root, 0)
  return found
}

/** Copies an installed checkout's node_modules (symlinks kept, so workspace links point into `target`). */
export async function copyInstall(installed, target, { log }) {
  if (!existsSync(join(installed, 'node_modules', '.yarn-state.yml'))) {
    throw new Error(`${installed} has no installed node_modules (node_modules/.yarn-state.yml is missing); run yarn install there or drop --reuse-install`)
  }
  for (const dir of nodeModulesDirs(installed)) {
    mkdirSync(dirname(join(target, dir)), { recursive: true })
    await run('cp', ['-a', '--reflink=auto', join(installed, dir), join(target, dir)], { cwd: target, log })
  }
  const state = join(installed, '.yarn', 'install-state.gz')
  if (existsSync(state)) {
    mkdirSync(join(target, '.yarn'), { recursive: true })
    cpSync(state, join(target, '.yarn', 'install-state.gz'))
  }
}

const UNWATCHED = new Set(['node_modules', '.git', '.turbo', '.next', '.mercato', 'dist'])

/**
 * The files under `dir` (relative paths; dependencies and build output left out), optionally only
 * paths matching `only`: content hashes, or the contents themselves with `contents` (to restore them).
 */
export function snapshot(dir, { only, contents = false } = {}) {
  const files = new Map()
  const walk = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (UNWATCHED.has(entry.name)) continue
      const path = join(at, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && (!only || only.test(`/${relative(dir, path)}`))) {
        const bytes = readFileSync(path)
        files.set(relative(dir, path), contents ? bytes : createHash('sha1').update(bytes).digest('hex'))
      }
    }
  }
  walk(dir)
  return files
}

const same = (a, b) => a === b || (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b))

/** Paths added, removed or changed between two snapshots. */
export function changedFiles(before, after) {
  return [...new Set([...before.keys(), ...after.keys()])].filter((p) => !same(before.get(p), after.get(p))).sort()
}

/** Puts `paths` back as a `contents` snapshot of `dir` had them (deleting those it did not have). */
export function restoreFiles(dir, before, paths) {
  for (const p of paths) {
    if (before.has(p)) writeFileSync(join(dir, p), before.get(p))
    else rmSync(join(dir, p), { force: true })
  }
}
