import { UsageError, type TryHint } from '../errors'
import { sha256 } from '../engine/journal'
import { readManifest, type Manifest } from '../engine/manifest'
import { HISTORY_DIR } from '../paths'
import type { Tree } from '../services/tree'
import { sample } from '../text'

// the scaffold files of a plan that exist with other content, per plan tree
const clashes = new WeakMap<Tree, string[]>()

/** Records that `path` exists and differs from its scaffold; the plan is refused once it is made. */
export function noteClash(tree: Tree, path: string): void {
  clashes.set(tree, [...(clashes.get(tree) ?? []), path])
}

/** The newest manifest that wrote `path`, and whether it is the newest of all (the one undo reverses). */
async function lastWriter(tree: Tree, path: string): Promise<{ manifest: Manifest; latest: boolean } | null> {
  const names = (await tree.list(HISTORY_DIR)).filter((n) => n.endsWith('.json')).sort().reverse()
  for (const [index, name] of names.entries()) {
    let manifest: Manifest
    try {
      manifest = readManifest(`${HISTORY_DIR}/${name}`, await tree.read(`${HISTORY_DIR}/${name}`), 'undo')
    } catch {
      // a manifest that cannot be read tells nothing about the file; undo reports it when it is used
      continue
    }
    if (manifest.changes.some((c) => c.path === path)) return { manifest, latest: index === 0 }
  }
  return null
}

/** Why --force would replace more than an earlier scaffold of `action` at `path`, as the safer hint; null when it would not. */
async function saferWay(tree: Tree, path: string, action: string): Promise<TryHint | null> {
  const text = await tree.read(path)
  const writer = text === null ? null : await lastWriter(tree, path)
  if (text === null || !writer) return { text: `pick another name, or edit ${path} by hand: create-mercato-module did not write it` }
  const { manifest, latest } = writer
  const change = manifest.changes.find((c) => c.path === path)!
  if (change.afterHash !== sha256(text)) return { text: `pick another name, or edit ${path} by hand: it was changed after ${manifest.action} wrote it` }
  if (manifest.action !== action) return { text: `pick another name: ${path} is what ${manifest.action} wrote, and overwriting it would replace that${latest ? ` (undo reverses that ${manifest.action})` : ''}` }
  return null
}

/**
 * Refuses a plan whose scaffolds met existing files. --force is offered only when every one of them
 * is what `action` itself wrote and nobody changed since, so all it replaces is that earlier
 * scaffold; otherwise the hint names the safer way: another name, editing by hand, or undo.
 */
export async function refuseClashes(tree: Tree, action: string): Promise<void> {
  const paths = clashes.get(tree)
  if (!paths) return
  clashes.delete(tree)
  const message = paths.length === 1 ? `${paths[0]} already exists and differs from the scaffold` : `${sample(paths)} already exist and differ from the scaffold`
  for (const path of paths) {
    const safer = await saferWay(tree, path, action)
    if (safer) throw new UsageError(message, safer)
  }
  throw new UsageError(message, { text: `overwrite ${paths.length === 1 ? 'it' : 'them'} (${action} wrote ${paths.length === 1 ? 'it' : 'them'} and ${paths.length === 1 ? 'it is' : 'they are'} unchanged since), or pick another name`, set: { force: true } })
}
