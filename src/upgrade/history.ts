import { readManifest, type Manifest } from '../engine/manifest'
import type { Tree } from '../services/tree'
import { HISTORY_DIR } from '../paths'

/**
 * The actions whose files come from templates, and so are re-rendered by upgrade. The others write
 * no template output of their own (enable, add, override, undo, generate, doctor --fix) or make the
 * app itself (new-app, whose files are the user's from the first day).
 */
export const RENDERING_ACTIONS = new Set(['module', 'page', 'api', 'subscriber', 'event', 'worker', 'cli', 'widget', 'entity', 'data-entity', 'extension'])

export interface Applied { file: string; manifest: Manifest }

/** Every manifest of the app, oldest first (their names start with the time they were applied). */
export async function readHistory(tree: Tree): Promise<Applied[]> {
  const files = (await tree.list(HISTORY_DIR)).filter((n) => n.endsWith('.json')).sort()
  const out: Applied[] = []
  for (const file of files) {
    const path = `${HISTORY_DIR}/${file}`
    out.push({ file: path, manifest: readManifest(path, await tree.read(path), 'upgrade') })
  }
  return out
}

/** The module a scaffold's manifest belongs to: `module <id>` names it `id`, the others `module`. */
export const moduleOf = (m: Manifest) => String(m.action === 'module' ? m.input.id : m.input.module ?? '')

/** One manifest's part in a file's story. */
export interface Link {
  manifest: Manifest
  kind: 'create' | 'edit' | 'delete'
  before: string | null
  beforeHash: string | null
  /** What the file was left with, when the manifest kept it. */
  after: string | null | undefined
  afterHash: string | null
  /** An upgrade re-based the file: `after` is the templates' output it merged from, `afterHash` the file it left. */
  rebased: boolean
}

/**
 * Per file, the manifests that touched it, oldest first. An upgrade's manifest starts the story
 * again from the templates' output it recorded for the file (the base of the next upgrade), not
 * from the merged text it wrote.
 */
export function storiesOf(history: Applied[]): Map<string, Link[]> {
  const stories = new Map<string, Link[]>()
  for (const { manifest } of history) {
    for (const change of manifest.changes) {
      if (manifest.rebased?.[change.path]) continue
      const links = stories.get(change.path) ?? []
      links.push({ manifest, kind: change.kind, before: change.before, beforeHash: change.beforeHash, after: change.after, afterHash: change.afterHash, rebased: false })
      stories.set(change.path, links)
    }
    for (const [path, { rendered, hash }] of Object.entries(manifest.rebased ?? {})) {
      stories.set(path, [{ manifest, kind: 'create', before: null, beforeHash: null, after: rendered, afterHash: hash, rebased: true }])
    }
  }
  return stories
}
