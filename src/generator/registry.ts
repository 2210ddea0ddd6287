import type { Tree } from '../services/tree'
import { UsageError } from '../errors'
import { appEnv } from '../app/env'
import { consultedKey, md5, modulesKey, readCache, recording, writeCache } from './cache'
import { discover, locateEnabled, readEnabled, warningText } from './discover'
import { moduleSource } from './source'
import { emit } from './emit'
import { GENERATED_DIR, inPackage, MODULES_FILE } from '../paths'
import { count, sample } from '../text'


/**
 * Files under .mercato/generated that the bundled generator neither writes nor wrote (its header names
 * this tool) are Open Mercato's registry: overwriting part of it leaves the app importing a mix of both.
 */
async function refuseForeignRegistry(tree: Tree, files: Record<string, unknown>): Promise<void> {
  const foreign: string[] = []
  for (const name of await tree.list(GENERATED_DIR)) {
    const path = `${GENERATED_DIR}/${name}`
    if (path in files || (await tree.isDirectory(path))) continue
    if (!((await tree.read(path)) ?? '').includes('create-mercato-module')) foreign.push(name)
  }
  if (foreign.length === 0) return
  throw new UsageError(`${GENERATED_DIR} holds files the bundled generator does not write (${sample(foreign)}): it is Open Mercato's registry, which its CLI regenerates (mercato generate)`, { text: 'replace it with the bundled one', set: { force: true } })
}

/**
 * Discovers the app and writes the registry files into the tree; the tree keeps only real changes.
 * Unless `replaceForeign`, a registry Open Mercato's CLI wrote is refused rather than half replaced.
 * When the stat walk of the module folders matches the last run's and the registry on disk is what
 * that run wrote, there is nothing to do; `remember` leaves this run's fingerprint for the next (off
 * for --check, a read-only question).
 */
export async function writeRegistry(tree: Tree, options: { replaceForeign: boolean; remember: boolean }): Promise<{ summary: string; warnings: string[] }> {
  // the key is a stat walk of the disk: a tree holding a plan's pending writes is not what it describes
  const cached = tree.changes().length > 0 ? null : await readCache(tree.outside, tree.root)
  // src/modules.ts is parsed only when it, the .env or a variable it reads changed.
  const decides = await modulesKey(await tree.read(MODULES_FILE), () => appEnv(tree))
  const enabled = cached?.modulesKey === decides ? cached.enabled : await readEnabled(tree)
  const located = await locateEnabled(tree, [], enabled)
  const summary = `generate: ${count(located.length, 'enabled module')}`
  if (cached && (await consultedKey(moduleSource(tree), located, cached.consulted)) === cached.key && (await intact(tree, cached.outputs))) {
    if (!options.replaceForeign) await refuseForeignRegistry(tree, cached.outputs)
    return { summary, warnings: cached.warnings }
  }
  const recorder = recording(moduleSource(tree))
  const model = await discover(tree, { located, source: recorder.source })
  const key = recorder.key(located)
  const files = emit(model)
  if (!options.replaceForeign) await refuseForeignRegistry(tree, files)
  // notes on a package's files are for list and doctor --json; here they would bury the app's own
  const aside = model.warnings.filter((w) => w.file && inPackage(w.file)).length
  const warnings = [
    ...model.warnings.filter((w) => !w.file || !inPackage(w.file)).map(warningText),
    ...(aside > 0 ? [`${count(aside, 'note')} on files of packages, not yours to fix, left out (list shows them)`] : []),
  ]
  if (options.remember) await writeCache(tree.state, tree.root, { key, consulted: recorder.consulted(), outputs: Object.fromEntries(Object.entries(files).map(([p, c]) => [p, md5(c)])), warnings, modulesKey: decides, enabled })
  for (const [path, content] of Object.entries(files)) await tree.write(path, content)
  return { summary, warnings }
}

/** Whether every output on disk is still exactly what was written (none edited or deleted by hand). */
async function intact(tree: Tree, outputs: Record<string, string>): Promise<boolean> {
  for (const [path, hash] of Object.entries(outputs)) {
    const text = await tree.read(path)
    if (text === null || md5(text) !== hash) return false
  }
  return true
}
