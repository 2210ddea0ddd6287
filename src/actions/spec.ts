import { z } from 'zod'
import type { AppInfo } from '../app/detect'
import type { Picker } from '../app/pickers'
import type { Rebase } from '../engine/manifest'
import type { FollowUp } from '../engine/plan'
import type { Tree } from '../services/tree'
import type { Services, TemplateRenderer } from '../services/types'

export interface PlanContext {
  tree: Tree
  /** The app the action works in; null only for actions with `needsApp: false`. */
  app: AppInfo | null
  templates: TemplateRenderer
  force: boolean
  cwd: string
  /** The plan will only be shown (--dry-run), never applied: its summary and notes say what it would do. */
  dryRun: boolean
}

export interface PlanOutcome {
  summary: string
  followUps?: FollowUp[]
  notes?: string[]
  /** Commands a user naturally runs next (`db generate && db migrate` after a new entity). */
  next?: string[]
  /** Where paths are relative to; defaults to the app root. */
  root?: string
  /** Set to keep no undo manifest (for regenerated files). */
  historyDir?: string | null
  /** upgrade: the templates' output each file was merged from, kept in the manifest for the next upgrade. */
  rebased?: Record<string, Rebase>
}

/** What a read-only action (or a finished task) tells: text for people, data for --json and MCP. */
export interface Report {
  text: string
  data: unknown
  /** 1 when the report is a failure (doctor with findings); 0 when absent. */
  exitCode?: number
  /** The text is tables (list): a screen narrower than a row cuts it rather than wrapping it onto a row of its own. */
  table?: boolean
}

export interface ReportContext {
  tree: Tree
  app: AppInfo | null
  cwd: string
  /** Reading a database (db status) needs the runner and the file system. */
  services: Services
}

/**
 * Progress of one item of a task's numbered steps (module 2 of 5; `index` counts from 1). It is sent
 * twice: as the item starts, with the items still to come in `pending`, and as it ends, with `outcome`.
 */
export interface StepProgress {
  index: number
  total: number
  item: string
  /** How the item ended ("applied Migration…"); absent while it runs. */
  outcome?: string
  /** On the start event: the items after this one, in order, so a face can list them. */
  pending?: string[]
}

/** One line of progress from running work; `step` marks per-item progress. */
export interface ProgressEvent {
  level: 'info' | 'out' | 'warn' | 'error'
  text: string
  step?: StepProgress
}

/** A step's start is news only while it runs: a log keeps the line that says how the step ended. */
export const isStepStart = (event: ProgressEvent) => event.step !== undefined && event.step.outcome === undefined

export interface TaskContext {
  /** The services to work with; their reporter feeds the face's progress. */
  services: Services
  app: AppInfo | null
  cwd: string
  /** Aborted when the user cancels (Ctrl+C, Esc on a live screen): stop, kill children, roll back. */
  signal: AbortSignal
  progress(event: ProgressEvent): void
  /** The user confirmed what the preview showed, or said --yes: destructive steps need not ask again. */
  confirmed?: boolean
}

/**
 * What a task would do, shown before it runs (the TUI always, the CLI for --dry-run). Computing it
 * must change nothing: db generate gives the SQL per module, db migrate the pending migrations with
 * their SQL, db greenfield what it drops.
 */
export interface TaskPreview {
  /** One line: "2 migrations to apply in sales, fleet". */
  summary: string
  /** One section per item (module), with the text to show (SQL, a list of tables). */
  sections: Array<{ title: string; body: string; language?: 'sql' | 'text' }>
  /** Running the task would change nothing: the face says so instead of asking. */
  nothingToDo: boolean
}

/** A preview hook: the same inputs and context as the task's `run`. */
export type TaskPreviewHook<I> = (input: I, ctx: TaskContext) => Promise<TaskPreview>

/** Everything every kind of action has: CLI flags, --help, validation, --json and the TUI form come from it. */
interface ActionBase<S extends z.ZodObject> {
  name: string
  aliases?: string[]
  summary: string
  /** Input keys taken from positional arguments, in order. */
  positionals: ReadonlyArray<keyof z.infer<S> & string>
  input: S
  needsApp: boolean
  examples: readonly string[]
  /** Fields the TUI offers existing values for (modules, entities). */
  pickers?: Partial<Record<keyof z.infer<S> & string, Picker>>
  /**
   * For an action whose inputs ask for another kind of work on the same schema (`generate --watch` is
   * a task, `doctor --fix` a plan): the spec that does it. Without it, this spec does the work.
   */
  select?(input: z.infer<S>, ctx: { app: AppInfo | null; services: Services }): Promise<ActionSpec<S>>
  /** What the action does beyond what its kind says; faces read it through `capabilitiesOf`, never by name. */
  traits?: Traits<keyof z.infer<S> & string>
}

/** What an action's kind cannot tell: declared on the spec, read through `capabilitiesOf`. */
export interface Traits<K extends string = string> {
  /** Its `select` can turn the work into a file plan (generate plans unless it watches or hands over to mercato). */
  plans?: boolean
  /** The boolean input that makes a report change files (doctor --fix); without it the action changes nothing. */
  changesWith?: K
  /** The boolean input that makes it run until it is stopped (generate --watch). */
  runsUntilStopped?: K
  /** Deletes files or data whatever the inputs (undo, db migrate, db greenfield). */
  destructive?: boolean
  /** Whether it reads or changes a database. */
  database?: 'reads' | 'writes'
  /** Reaches beyond the app and this machine (add installs a package from a registry). */
  openWorld?: boolean
}

/** What an action can do, in the terms help, MCP and the dispatcher ask about. */
export interface Capabilities {
  /** It can end in a file plan: --dry-run, --diff and --force apply, it is applied all-or-nothing and undone by undo. */
  filePlan: boolean
  /** What it would do can be shown first: a file plan, or a task with a preview. */
  previewable: boolean
  /** With some input it changes something: files, a database, installed packages. */
  changes: boolean
  /** The input that alone makes it change something (doctor's fix); served without it, it changes nothing. */
  changingInput?: string
  /** It deletes files or data: declared (undo, db migrate, db greenfield), or a file plan, whose force overwrites. */
  destructive: boolean
  database: 'none' | 'reads' | 'writes'
  openWorld: boolean
  /** The input that makes it run until it is stopped (generate's watch). */
  runsUntilStopped?: string
  /** With these inputs it runs until it is stopped: no lock held throughout, and not for a face that waits for an answer. */
  longRunning(input: Record<string, unknown>): boolean
  /** With these inputs it suits a face that waits for the answer (an agent's tool call): it ends on its own and asks nothing. */
  forAgents(input: Record<string, unknown>): boolean
}

export function capabilitiesOf(spec: ActionSpec): Capabilities {
  const traits = spec.traits ?? {}
  const filePlan = spec.kind === 'plan' || traits.plans === true || traits.changesWith !== undefined
  const previewable = filePlan || (spec.kind === 'task' && spec.preview !== undefined)
  const longRunning = (input: Record<string, unknown>) => traits.runsUntilStopped !== undefined && input[traits.runsUntilStopped] === true
  return {
    filePlan,
    previewable,
    changes: spec.kind !== 'report' || filePlan || traits.database === 'writes',
    changingInput: traits.changesWith,
    destructive: traits.destructive === true || filePlan,
    database: traits.database ?? 'none',
    openWorld: traits.openWorld === true,
    runsUntilStopped: traits.runsUntilStopped,
    longRunning,
    forAgents: (input) => !longRunning(input),
  }
}

/** Scaffolds and edits: a plan on the virtual Tree, previewed, then applied all-or-nothing. */
export interface PlanAction<S extends z.ZodObject = z.ZodObject> extends ActionBase<S> {
  kind: 'plan'
  /** For an action outside an app (new-app): the folder its plan writes in, instead of the cwd. */
  root?(input: z.infer<S>, cwd: string): string
  /** Whether the plan runs the registry generator afterwards (and so takes --no-generate). */
  generates?: boolean
  plan(input: z.infer<S>, ctx: PlanContext): Promise<PlanOutcome>
}

/** Read-only: describes the app (list, doctor, db status); opens directly, changes nothing. */
export interface ReportAction<S extends z.ZodObject = z.ZodObject> extends ActionBase<S> {
  kind: 'report'
  report(input: z.infer<S>, ctx: ReportContext): Promise<Report>
}

/** Work that is not a file plan (database commands, watching, another CLI): previewed when it can be, then run. */
export interface TaskAction<S extends z.ZodObject = z.ZodObject> extends ActionBase<S> {
  kind: 'task'
  preview?: TaskPreviewHook<z.infer<S>>
  /** Destructive: the TUI asks for `word` typed, the CLI for --yes; `warning` says what is lost. */
  confirm?: { word: string; warning: string }
  run(input: z.infer<S>, ctx: TaskContext): Promise<Report>
}

export type ActionSpec<S extends z.ZodObject = z.ZodObject> = PlanAction<S> | ReportAction<S> | TaskAction<S>

export function defineAction<S extends z.ZodObject>(spec: PlanAction<S>): PlanAction<S>
export function defineAction<S extends z.ZodObject>(spec: ReportAction<S>): ReportAction<S>
export function defineAction<S extends z.ZodObject>(spec: TaskAction<S>): TaskAction<S>
export function defineAction(spec: ActionSpec): ActionSpec {
  return spec
}

/** Whether the action takes --no-generate. */
export const generatesRegistry = (spec: ActionSpec) => spec.kind === 'plan' && spec.generates === true

export type FieldKind = 'string' | 'boolean' | 'list' | 'repeated' | 'enum' | 'number'

export interface FieldInfo {
  key: string
  flag: string
  kind: FieldKind
  required: boolean
  positional: boolean
  description: string
  defaultValue?: unknown
  choices?: string[]
  schema: z.ZodType
}

export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

function kindOf(schema: z.ZodType): { kind: FieldKind; choices?: string[] } {
  if ((schema.meta() as { repeated?: boolean } | undefined)?.repeated) return { kind: 'repeated' }
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType }
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return kindOf(def.innerType!)
    case 'pipe':
      return kindOf(def.in!._zod.def.type === 'transform' ? def.out! : def.in!)
    case 'boolean':
      return { kind: 'boolean' }
    case 'array':
      return { kind: 'list' }
    case 'number':
      return { kind: 'number' }
    case 'enum':
      return { kind: 'enum', choices: (schema as unknown as z.ZodEnum).options.map(String) }
    default:
      return { kind: 'string' }
  }
}

function defaultOf(schema: z.ZodType): unknown {
  const def = schema._zod.def as { type: string; defaultValue?: unknown; innerType?: z.ZodType }
  if (def.type === 'default') return def.defaultValue
  return def.innerType ? defaultOf(def.innerType) : undefined
}

/** The fields of an action, as the CLI and the TUI see them. */
export function fieldsOf(spec: ActionSpec): FieldInfo[] {
  return Object.entries(spec.input.shape).map(([key, raw]) => {
    const schema = raw as z.ZodType
    const { kind, choices } = kindOf(schema)
    return {
      key,
      flag: kebab(key),
      kind,
      choices,
      required: !schema.safeParse(undefined).success,
      positional: spec.positionals.includes(key),
      description: schema.description ?? '',
      defaultValue: defaultOf(schema),
      schema,
    }
  })
}

/** A flag given once per item (`--field a --field b`), for items that contain commas themselves. */
export const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item)).meta({ repeated: true })

/**
 * Comma-separated list input, trimmed: `--locales en, pl` → ['en', 'pl']. An empty item (`GET,,POST`,
 * `en,`) is refused rather than dropped: it is a typo whose meaning cannot be guessed.
 */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v
    const items = v.split(',').map((s) => s.trim())
    if (items.includes('')) ctx.addIssue({ code: 'custom', message: v.trim() === '' ? 'must not be empty' : `"${v}" has an empty item; separate items with single commas`, input: v })
    return items
  }, z.array(item))
