/** A plan is plain data: what an action will write, and what it will run afterwards. */

import type { PackageManager } from '../app/tool-source'
import type { FileChange } from '../services/tree'
import type { Rebase, TemplateUse } from './manifest'

export type FollowUp = { kind: 'generate' } | { kind: 'install'; packageManager: PackageManager }

export interface Plan {
  action: string
  /** Absolute folder the change paths are relative to (the app root, or the cwd for new-app). */
  root: string
  /** Where the manifest of this change is kept for undo; absent for changes not worth undoing (generated files). */
  historyDir?: string
  summary: string
  changes: FileChange[]
  followUps: FollowUp[]
  notes: string[]
  /** Commands a user naturally runs next, printed once the change is applied. */
  next: string[]
  input: Record<string, unknown>
  /** The templates the plan rendered, kept in its manifest so an upgrade can tell what changed since. */
  templates?: Record<string, TemplateUse>
  /** An upgrade's record of the templates' output each file was merged from. */
  rebased?: Record<string, Rebase>
}
