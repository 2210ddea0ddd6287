import type { Tree } from '../engine/tree'
import { UsageError } from '../errors'
import { inputKey, readCache, writeCache } from './cache'
import { discover, locateEnabled } from './discover'
import { emit } from './emit'

const GENERATED = '.mercato/generated'

/**
 * Files under .mercato/generated that the bundled generator neither writes nor wrote (its header names
 * this tool) are Open Mercato's registry: overwriting part of it leaves the app importing a mix of both.
 */
async function refuseForeignRegistry(tree: Tree, files: Record<string, string>): Promise<void> {
  const foreign: string[] = []
  for (const name of await tree.list(GENERATED)) {
    const path = `${GENERATED}/${name}`
    if (path in files || (await tree.isDirectory(path))) continue
    if (!((await tree.read(path)) ?? '').includes('create-mercato-module')) foreign.push(name)
  }
  if (foreign.length === 0) return
  const sample = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '')
  throw new UsageError(`${GENERATED} holds files the bundled generator does not write (${sample}): it is Open Mercato's registry; run mercato generate (--engine mercato), or --force to replace it with the bundled one`)
}

/**
 * Discovers the app and writes the registry files into the tree; the tree keeps only real changes.
 * Unless `replaceForeign`, a registry Open Mercato's CLI wrote is refused rather than half replaced.
 * When the stat walk of the module folders matches the last run's, its output is reused; `remember`
 * leaves this run's output for the next (off for --check, a read-only question).
 */
export async function writeRegistry(tree: Tree, options: { replaceForeign: boolean; remember: boolean }): Promise<{ summary: string; warnings: string[] }> {
  const located = await locateEnabled(tree)
  const key = inputKey(tree.root, located)
  const cached = readCache(tree.root)
  const fresh = cached?.key === key ? null : await discover(tree)
  const files = fresh ? emit(fresh) : cached!.files
  const warnings = fresh ? fresh.warnings : cached!.warnings
  if (!options.replaceForeign) await refuseForeignRegistry(tree, files)
  if (fresh && options.remember) writeCache(tree.root, { key, files, warnings })
  for (const [path, content] of Object.entries(files)) await tree.write(path, content)
  const count = located.length
  return { summary: `generate: ${count} enabled module${count === 1 ? '' : 's'}`, warnings }
}
