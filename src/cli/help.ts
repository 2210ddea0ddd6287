import { capabilitiesOf, fieldsOf, generatesRegistry, type ActionSpec, type FieldInfo } from '../actions/spec'
import { fieldLabel } from '../dispatch/execute'
import { UsageError } from '../errors'
import { BIN } from './bin'

export { BIN }

const filePlan = (spec: ActionSpec) => capabilitiesOf(spec).filePlan
const always = () => true

/** Flags with the same meaning everywhere; `takes` says which actions accept each, from the spec. */
export const GLOBAL_FLAGS: Array<{ flag: string; value?: string; example?: string; description: string; takes: (spec: ActionSpec) => boolean }> = [
  { flag: 'cwd', value: 'dir', example: '--cwd ../shop', description: 'work in this folder (the app root or any folder inside it)', takes: always },
  { flag: 'dry-run', description: 'show what would change and change nothing', takes: (s) => capabilitiesOf(s).previewable },
  { flag: 'diff', description: 'print unified diffs of every change', takes: filePlan },
  { flag: 'json', description: 'print one JSON document on stdout (its shape: docs/output.md)', takes: always },
  { flag: 'yes', description: 'apply without asking (nothing is asked off a terminal)', takes: (s) => capabilitiesOf(s).previewable || (s.kind === 'task' && s.confirm !== undefined) },
  { flag: 'force', description: 'overwrite scaffold files that differ', takes: filePlan },
  { flag: 'no-generate', description: 'do not run the registry generator afterwards', takes: (s) => generatesRegistry(s) },
  { flag: 'quiet', description: 'print only the summary and errors', takes: always },
  { flag: 'help', description: 'show help', takes: always },
  { flag: 'version', description: 'print the version', takes: () => false },
]

/** The global flags one action takes; an action's own flag (module --version) wins over a global one. */
export function globalFlagsOf(spec: ActionSpec) {
  const own = new Set(fieldsOf(spec).map((f) => f.flag))
  return GLOBAL_FLAGS.filter((g) => g.takes(spec) && !own.has(g.flag))
}

/** Commands about the tool, not an app: how to call each (for help and for refusing extra arguments). */
export const ABOUT_TOOL = [
  { name: 'schema', usage: 'schema [command]', summary: "JSON Schema of every command's input and of its --json output" },
  { name: 'completion', usage: 'completion bash|zsh|fish', summary: "shell completion of commands, flags, values and the app's module ids" },
  { name: 'mcp', usage: 'mcp [--read-only]', summary: 'serve every command as a tool to a coding agent (Model Context Protocol on stdio)' },
  { name: 'help', usage: 'help <command>', summary: 'the flags of one command' },
] as const

/** `completion bash extra` would otherwise run as if "extra" were not there. */
export function refuseExtraWords(words: string[], command: (typeof ABOUT_TOOL)[number]['name']): void {
  const usage = ABOUT_TOOL.find((c) => c.name === command)!.usage
  // the words it takes; a [--flag] in the usage is not one
  const count = usage.split(' ').filter((w) => !w.startsWith('[')).length
  if (words.length > count) throw new UsageError(`unexpected argument "${words[count]}" (usage: ${BIN} ${usage})`)
}

/** The first word of every command and alias, what a user can type first (`actions`: ACTIONS, which the caller loads). */
export const commandWords = (actions: readonly ActionSpec[]) => [...new Set(actions.flatMap((a) => [a.name, ...(a.aliases ?? [])]).map((n) => n.split(' ')[0]!)), ...ABOUT_TOOL.map((c) => c.name)]

export const EXIT_CODES = 'Exit codes: 0 done (or nothing to change), 1 the work failed, 2 bad input (nothing was changed)'

const pad = (rows: Array<[string, string]>) => {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join('\n')
}

/** `page <module> [path]`: the command and its arguments, as help and the commands page show them. */
export const usageOf = (spec: ActionSpec) => {
  const fields = fieldsOf(spec)
  return [spec.name, ...spec.positionals.map((p) => {
    const field = fields.find((f) => f.key === p)!
    return field.kind === 'list' ? `[${p}...]` : field.required ? `<${p}>` : `[${p}]`
  })].join(' ')
}

/** A flag as written with its value: `--area <backend|frontend>`, `--locales <a,b>`, `--with-page`. */
export function flagUsage(field: FieldInfo): string {
  const value = field.kind === 'boolean' ? '' : field.kind === 'list' ? ' <a,b>' : field.kind === 'enum' ? ` <${field.choices!.join('|')}>` : ' <value>'
  return `${fieldLabel(field)}${value}`
}

/** The default worth showing (none for off, empty and an empty list). */
export function shownDefault(field: FieldInfo): string | undefined {
  const value = field.defaultValue
  if (value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) return undefined
  return Array.isArray(value) ? value.join(',') : String(value)
}

export const REPEATED = 'repeat the flag for more'

function flagRow(field: FieldInfo): [string, string] {
  const shown = shownDefault(field)
  return [flagUsage(field), `${field.description}${shown === undefined ? '' : ` (default: ${shown})`}${field.kind === 'repeated' ? ` (${REPEATED})` : ''}`]
}

/** The tool's --help; `actions` is ACTIONS, which the caller loads (a command run loads only its own action). */
export function globalHelp(actions: readonly ActionSpec[]): string {
  return [
    `${BIN}: scaffold, register and generate Open Mercato-style modules`,
    '',
    `Usage: ${BIN} <command> [arguments] [flags]`,
    `       ${BIN}            (in a terminal: interactive menus)`,
    '',
    'Commands:',
    pad(actions.map((a) => [usageOf(a), a.summary + (a.aliases?.length ? ` (alias: ${a.aliases.join(', ')})` : '')])),
    '',
    'About the tool:',
    pad(ABOUT_TOOL.map((c): [string, string] => [c.usage, c.summary])),
    '',
    'Global flags (each command takes the ones that apply; see its --help):',
    pad(GLOBAL_FLAGS.map((g) => [`--${g.flag}${g.value ? ` <${g.value}>` : ''}`, g.description])),
    '',
    `Run "${BIN} <command> --help" for the flags of one command.`,
    EXIT_CODES,
  ].join('\n')
}

export function actionHelp(spec: ActionSpec): string {
  const fields = fieldsOf(spec)
  const positional = fields.filter((f) => f.positional)
  const flags = fields.filter((f) => !f.positional)
  const globals = globalFlagsOf(spec)
  return [
    `Usage: ${BIN} ${usageOf(spec)} [flags]`,
    '',
    spec.summary + (spec.aliases?.length ? ` (alias: ${spec.aliases.join(', ')})` : ''),
    ...(positional.length ? ['', 'Arguments:', pad(positional.map((f) => [fieldLabel(f), f.description]))] : []),
    ...(flags.length ? ['', 'Flags:', pad(flags.map(flagRow))] : []),
    '',
    'Global flags:',
    pad(globals.map((g) => [`--${g.flag}${g.value ? ` <${g.value}>` : ''}`, g.description])),
    '',
    'Examples:',
    ...spec.examples.map((e) => `  ${BIN} ${e}`),
    '',
    EXIT_CODES,
  ].join('\n')
}

/** `db --help`: the subcommands of a two-word command. */
export function groupHelp(command: string, group: ActionSpec[]): string {
  const subs = group.map((a) => a.name.slice(command.length + 1))
  return [
    `Usage: ${BIN} ${command} <${subs.join('|')}> [flags]`,
    '',
    'Commands:',
    pad(group.map((a) => [usageOf(a), a.summary])),
    '',
    `Run "${BIN} ${command} <command> --help" for the flags of one command.`,
  ].join('\n')
}

/** `completion --help`: how each shell loads the script (docs/agents.md, "completion"). */
export function completionHelp(): string {
  return [
    `Usage: ${BIN} completion bash|zsh|fish`,
    '',
    'Prints a completion script for the shell: commands, flags, their choices, and values read from the',
    'app you are in (module ids, entities, events). Load it once per shell, e.g.:',
    `  bash:  eval "$(${BIN} completion bash)"             in ~/.bashrc`,
    `  zsh:   eval "$(${BIN} completion zsh)"              in ~/.zshrc, after compinit`,
    `  fish:  ${BIN} completion fish > ~/.config/fish/completions/${BIN}.fish`,
  ].join('\n')
}

/** `mcp --help`: what the server is and how an agent is told to start it (docs/agents.md, "mcp"). */
export function mcpHelp(): string {
  return [
    `Usage: ${BIN} mcp [--read-only]`,
    '',
    'A Model Context Protocol server on stdio for coding agents: one tool per command (module, page,',
    'data-entity, db_migrate, ...), each taking the command\'s input, plus cwd (the app folder) and, where',
    'something changes, apply. Without apply: true a call only returns the plan and its diff. Nothing is',
    'ever asked. The agent starts the server, which runs until the agent closes its stdin.',
    '',
    'Register it with the command that starts it, e.g. in a project\'s .mcp.json:',
    `  { "mcpServers": { "${BIN}": { "command": "npx", "args": ["${BIN}", "mcp"] } } }`,
    'or with Claude Code:',
    `  claude mcp add ${BIN} -- npx ${BIN} mcp`,
    'Start the agent in the app folder, or pass cwd in each call.',
    '',
    'Flags:',
    '  --read-only  serve only the tools that change nothing (list, doctor without fix, db status, ...)',
    '',
    'Each tool\'s annotations say what it does: read-only, destructive (deletes files or data, or',
    'overwrites them with force), open-world (installs packages).',
  ].join('\n')
}
