import { z } from 'zod'
import type { Outcome } from '.'
import { planToJson } from '../engine/show'

/**
 * The one shape `--json` prints for every command (docs/output.md, "JSON"): scripts and agents read
 * `ok` and `exitCode` first, then `plan` (what would change or changed), `result` (what applying it
 * ran), `data` (what a report or task returned) or `error` (one line).
 */
export const envelopeSchema = z.object({
  ok: z.boolean().describe('true when exitCode is 0'),
  command: z.string().describe('the command that ran, e.g. "module" or "db migrate"'),
  exitCode: z.number().int().describe('0 done, 1 the work failed (or doctor has findings), 2 bad input, 130 interrupted'),
  dryRun: z.boolean().optional().describe('true when nothing was written or run because of --dry-run'),
  cancelled: z.boolean().optional().describe('true when the user said no at the prompt'),
  plan: z.object({
    action: z.string(),
    root: z.string(),
    summary: z.string(),
    input: z.record(z.string(), z.unknown()),
    changes: z.array(z.object({ path: z.string(), kind: z.enum(['create', 'edit', 'delete']), before: z.string().nullable(), after: z.string().nullable(), generated: z.boolean().optional().describe('written by the registry generator run on the plan') })),
    followUps: z.array(z.record(z.string(), z.unknown())),
    notes: z.array(z.string()),
    next: z.array(z.string()),
  }).optional().describe('a scaffold or edit: every file change with its text before and after'),
  result: z.object({
    manifestPath: z.string().optional(),
    followUps: z.array(z.object({ kind: z.string(), summary: z.string(), notes: z.array(z.string()), files: z.array(z.string()).optional() })),
  }).nullable().optional().describe('what applying the plan did; null when it was not applied'),
  preview: z.unknown().optional().describe('a task under --dry-run: what it would run'),
  data: z.unknown().optional().describe('what a report (list, doctor, db status) or a finished task returned'),
  error: z.string().optional().describe('the one-line error message'),
  problems: z.array(z.object({
    field: z.string().optional().describe('the input key; absent for the input as a whole'),
    kind: z.enum(['missing', 'invalid']),
    message: z.string().describe('what is wrong, naming neither a flag nor a field; for a missing input, what it is'),
    given: z.unknown().optional(),
    allowed: z.array(z.string()).optional().describe('the values the field takes, when they are a closed set'),
    suggestion: z.string().optional().describe('the allowed value closest to what was given'),
    example: z.unknown().optional().describe('a value that works here'),
  })).optional().describe('bad input: every missing and invalid field at once'),
  missing: z.array(z.string()).optional().describe('MCP: the fields that are missing'),
  invalid: z.array(z.string()).optional().describe('MCP: the fields whose values are invalid'),
  try: z.union([
    z.string().describe('the CLI: the flags that do it, "--force to overwrite it (page wrote it and it is unchanged since), or pick another name"'),
    z.object({
      arguments: z.record(z.string(), z.unknown()).describe('the whole arguments to call the tool again with'),
      text: z.string().optional().describe('what calling with them achieves'),
      fill: z.array(z.string()).optional().describe('inputs still to choose, with no value the tool could give'),
    }).describe('MCP: the arguments to call again with'),
  ]).optional().describe('what to do about the error'),
})

export type Envelope = z.infer<typeof envelopeSchema>

export function envelopeOf(command: string, outcome: Outcome, exitCode: number, dryRun: boolean): Envelope {
  const head = { ok: exitCode === 0, command, exitCode }
  switch (outcome.kind) {
    case 'plan':
      return { ...head, dryRun, cancelled: outcome.cancelled, plan: planToJson(outcome.plan), result: outcome.result }
    case 'report':
      return { ...head, data: outcome.report.data }
    case 'task':
      return outcome.result ? { ...head, data: outcome.result.data } : { ...head, dryRun, cancelled: outcome.cancelled, preview: outcome.preview }
  }
}

export const errorEnvelope = (command: string | undefined, exitCode: number, message: string, hint?: string, problems?: Envelope['problems']): Envelope =>
  ({ ok: false, command: command ?? '', exitCode, error: message, ...(problems ? { problems } : {}), ...(hint ? { try: hint } : {}) })
