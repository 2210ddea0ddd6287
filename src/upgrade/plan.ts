import { diffArrays } from 'diff'
import type { PlanAction, PlanContext } from '../actions/spec'
import { sha256 } from '../engine/journal'
import type { Manifest, Rebase } from '../engine/manifest'
import type { Tree } from '../services/tree'
import { MODULES_FILE } from '../paths'
import { TOOL_VERSION } from '../version'
import { upgradeFile, withoutRepeats, type FileOutcome } from './file'
import { moduleOf, readHistory, storiesOf, type Link } from './history'
import { legacyOutput } from './legacy'
import { replay, type Replay } from './replay'

/**
 * Files other scaffolds add entries to (features, translations, events, module registrations): they
 * are merged through the parser, whose edits add what the templates now declare and never twice.
 */
export function isRegistration(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return path === MODULES_FILE || ['acl.ts', 'setup.ts', 'events.ts'].includes(name) || /(^|\/)i18n\/[^/]+\.json$/.test(path)
}

export interface UpgradedFile {
  path: string
  outcome: FileOutcome
  /** How its base was found, when not from the manifest's own text. */
  how?: string
}

export interface UpgradePlan {
  files: UpgradedFile[]
  /** Scaffolds, or files, that cannot be re-rendered, in words: left as they are. */
  unrenderable: string[]
  rebased: Record<string, Rebase>
  /** How many scaffold manifests were re-rendered. */
  scaffolds: number
}

export interface UpgradeOptions {
  modules: string[]
  /** The release whose templates made manifests that kept no text (version 1); default: theirs. */
  from?: string
}

const when = (m: Manifest) => `${m.action} ${moduleOf(m)} (applied ${m.appliedAt})`

/**
 * Re-renders every scaffold the history records with the current templates (or the app's
 * overrides) and decides, file by file, what upgrading it means. Nothing is written here: the
 * action turns the outcome into a plan.
 */
export async function planUpgrade(tree: Tree, specs: ReadonlyMap<string, PlanAction>, ctx: Omit<PlanContext, 'tree' | 'force' | 'dryRun'>, options: UpgradeOptions): Promise<UpgradePlan> {
  const history = await readHistory(tree)
  const selected = history.map((h) => h.manifest).filter((m) => specs.has(m.action) && (options.modules.length === 0 || options.modules.includes(moduleOf(m))))
  const chosen = new Set(selected)
  const stories = storiesOf(history)
  // each file as it was before the first chosen scaffold touched it: the scaffolds replay from there
  const start = new Map<string, string | null>()
  for (const m of selected) for (const c of m.changes) if (!start.has(c.path)) start.set(c.path, c.before)
  const paths = [...start.keys()].sort()

  const now = await replay(selected, tree, start, specs, ctx)
  const unrenderable = [...now.failed].map(([m, why]) => `${when(m)} no longer runs with its recorded inputs (${why}); its files are left as they are`)
  let old: Promise<Replay> | undefined
  const oldOutput = async (path: string) => {
    old ??= replay(selected, tree, start, specs, { ...ctx, templates: ctx.templates.asOf(options.from ?? selected.find((m) => m.version === 1)?.toolVersion ?? TOOL_VERSION) })
    return (await old).state.read(path)
  }

  // the scaffold's own output of each file: the manifest's text, or for a version 1 manifest the
  // file itself while unedited, else the old release's recipe or templates' output if it hashes to
  // what was written
  const bases = new Map<string, { text: string | null; how?: string } | { unknown: string }>()
  for (const path of paths) {
    const story = stories.get(path)!
    const last = story.at(-1)!
    const ours = await tree.read(path)
    if (last.after !== undefined) bases.set(path, { text: last.after })
    else if ((ours === null ? null : sha256(ours)) === last.afterHash) bases.set(path, { text: ours })
    else {
      const version = options.from ?? last.manifest.toolVersion
      const legacy = await legacyOutput(version, last.manifest, path, ctx.templates)
      const text = legacy !== null && sha256(legacy) === last.afterHash ? legacy : await oldOutput(path)
      bases.set(path, (text === null ? null : sha256(text)) === last.afterHash
        ? { text, how: `its ${version} output re-rendered from ${version}'s templates` }
        : { unknown: `${path}: edited since ${when(last.manifest)}, whose manifest (version 1) kept no text, and ${version}'s templates do not render what it wrote; left as it is; take the templates' change by hand from a fresh scaffold` })
    }
  }

  // registration files: the scaffolds replayed on their base declare what the templates add now
  let onBase: Promise<Replay> | undefined
  const declared = async (path: string) => {
    onBase ??= replay(selected, tree, new Map([...bases].flatMap(([p, b]) => ('text' in b ? [[p, b.text] as const] : []))), specs, ctx)
    return (await onBase).state.read(path)
  }

  // with no base, a registration file can still get what the parser adds to it as it is, when
  // that only adds (an entry removed by hand comes back: the note says so)
  let onDisk: Promise<Replay> | undefined
  const onlyAdded = async (path: string): Promise<FileOutcome | null> => {
    onDisk ??= replay(selected, tree, new Map(), specs, ctx)
    const ours = await tree.read(path)
    const text = await (await onDisk).state.read(path)
    if (ours === null || text === null) return null
    if (text === ours) return { status: 'same' }
    return onlyAdds(ours, text) ? { status: 'merged', text, conflicts: 0 } : null
  }

  const labels = { ours: 'yours', base: 'scaffold as written', theirs: `templates of ${TOOL_VERSION}` }
  const files: UpgradedFile[] = []
  const rebased: Record<string, Rebase> = {}
  for (const path of paths) {
    const base = bases.get(path)!
    const story = stories.get(path)!
    if ('unknown' in base) {
      const added = isRegistration(path) || story.length > 1 ? await onlyAdded(path) : null
      if (added) files.push({ path, outcome: added, how: 'unknown (0.1.0 kept no text): the entries the scaffolds declare now, added through the parser to your file as it is' })
      else unrenderable.push(base.unknown)
      continue
    }
    if (story.some((l) => now.failed.has(l.manifest))) continue
    const ours = await tree.read(path)
    const theirs = await now.state.read(path)
    const exact = isExact(story, chosen)
    let outcome: FileOutcome
    if (exact && ours === base.text) outcome = upgradeFile(base.text, ours, theirs)
    else {
      // a story with user edits between scaffolds: only the parser replay on its base says what the templates add
      const target = exact ? theirs : await declared(path)
      const entries = isRegistration(path) || story[0]!.kind === 'edit'
      outcome = upgradeFile(base.text, ours, entries ? withoutRepeats(base.text, ours, target) : target, labels)
    }
    files.push({ path, outcome, ...(base.how ? { how: base.how } : {}) })
    if (exact && theirs !== base.text) rebased[path] = { rendered: theirs, hash: hashAfter(outcome, ours) }
  }

  // files the templates make now and no scaffold made before
  for (const [path, theirs] of now.state.written) {
    if (start.has(path) || theirs === null) continue
    const ours = await tree.read(path)
    const outcome = upgradeFile(null, ours, theirs, labels)
    if (outcome.status === 'same') continue
    files.push({ path, outcome })
    if (outcome.status === 'replaced' || outcome.status === 'created') rebased[path] = { rendered: theirs, hash: sha256(theirs) }
  }
  return { files, unrenderable, rebased, scaffolds: selected.length }
}

/**
 * Whether the story's last text is the scaffolds' own output and nothing else: every manifest in it
 * is one being replayed (or an upgrade's re-base), and each found the file as the one before left it.
 */
function isExact(story: Link[], chosen: Set<Manifest>): boolean {
  return story.every((l, i) => (l.rebased || chosen.has(l.manifest)) && (i === 0 || l.beforeHash === story[i - 1]!.afterHash))
}

/** Whether `after` keeps every word of `before`, in order: it only adds. */
function onlyAdds(before: string, after: string): boolean {
  return diffArrays(before.match(/\w+|[^\w\s]|\s+/g) ?? [], after.match(/\w+|[^\w\s]|\s+/g) ?? []).every((part) => !part.removed)
}

function hashAfter(outcome: FileOutcome, ours: string | null): string | null {
  if (outcome.status === 'replaced' || outcome.status === 'created' || outcome.status === 'merged') return sha256(outcome.text)
  if (outcome.status === 'removed') return null
  return ours === null ? null : sha256(ours)
}
