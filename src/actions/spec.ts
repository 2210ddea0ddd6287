import { z } from 'zod'
import type { AppInfo } from '../app/detect'
import type { Picker } from '../app/pickers'
import type { FollowUp } from '../engine/plan'
import type { Tree } from '../engine/tree'
import type { Services, TemplateRenderer } from '../services/types'

export interface PlanContext {
  tree: Tree
  /** The app the action works in; null only for actions with `needsApp: false`. */
  app: AppInfo | null
  templates: TemplateRenderer
  force: boolean
  cwd: string
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
}

export interface ExecuteContext {
  services: Services
  app: AppInfo | null
  cwd: string
  json: boolean
  /** The global --yes: the user confirmed a destructive action up front. */
  yes: boolean
  dryRun: boolean
}

/**
 * One spec per action: the zod schema of its inputs and the function from valid inputs to a plan.
 * CLI flags, --help, validation messages, --json and the TUI form are all derived from it.
 */
export interface ActionSpec<S extends z.ZodObject = z.ZodObject> {
  name: string
  aliases?: string[]
  summary: string
  /** Input keys taken from positional arguments, in order. */
  positionals: Array<keyof z.infer<S> & string>
  input: S
  needsApp: boolean
  /** For an action outside an app (new-app): the folder its plan writes in, instead of the cwd. */
  root?(input: z.infer<S>, cwd: string): string
  /** Whether the plan runs the registry generator afterwards (and so takes --no-generate). */
  generates?: boolean
  examples: string[]
  /** Fields the TUI offers existing values for (modules, entities). */
  pickers?: Partial<Record<keyof z.infer<S> & string, Picker>>
  plan(input: z.infer<S>, ctx: PlanContext): Promise<PlanOutcome>
  /**
   * Work that is not a change to files (watching, driving another CLI) runs here instead of
   * plan/apply when it returns an exit code; undefined means "make a plan as usual".
   */
  execute?(input: z.infer<S>, ctx: ExecuteContext): Promise<number | undefined>
  /** Set when `execute` is the whole action (database work): there is no file plan to preview. */
  executeOnly?: boolean
  /** A word the TUI asks the user to type before a destructive action runs. */
  confirmWord?: string
  /**
   * Read-only actions (list, doctor) describe the app instead of planning: text for people, data for
   * --json. Returning null means "make a plan after all" (doctor --fix).
   */
  report?(input: z.infer<S>, ctx: PlanContext): Promise<{ text: string; data: unknown; exitCode?: number } | null>
}

export const defineAction = <S extends z.ZodObject>(spec: ActionSpec<S>): ActionSpec<S> => spec

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

/** Comma-separated list input, trimmed, empties dropped: `--locales en, pl` → ['en', 'pl']. */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(item),
  )
