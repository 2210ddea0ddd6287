import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { fieldsOf, type ActionSpec } from '../actions/spec'
import { UsageError } from '../errors'
import { eg, exampleFor } from '../validation/messages'
import { didYouMean } from '../validation/suggest'
import { BIN, GLOBAL_FLAGS, globalFlagsOf } from './help'

export interface GlobalOptions {
  cwd: string
  dryRun: boolean
  diff: boolean
  json: boolean
  yes: boolean
  force: boolean
  generate: boolean
  quiet: boolean
  help: boolean
  version: boolean
}

function globalConfig(flags = GLOBAL_FLAGS): ParseArgsOptionsConfig {
  const config: ParseArgsOptionsConfig = {}
  for (const g of flags) {
    if (g.flag === 'no-generate') config.generate = { type: 'boolean', default: true }
    else config[g.flag] = { type: g.value ? 'string' : 'boolean', ...(g.flag === 'help' ? { short: 'h' } : g.flag === 'version' ? { short: 'v' } : {}) }
  }
  return config
}

function globalsFrom(values: Record<string, unknown>): GlobalOptions {
  return {
    cwd: typeof values.cwd === 'string' ? values.cwd : process.cwd(),
    dryRun: Boolean(values['dry-run']),
    diff: Boolean(values.diff),
    json: Boolean(values.json),
    yes: Boolean(values.yes),
    force: Boolean(values.force),
    generate: values.generate !== false,
    quiet: Boolean(values.quiet),
    help: Boolean(values.help),
    version: Boolean(values.version),
  }
}

type Examples = (flag: string) => string | undefined

/** An example for a global flag (`--cwd ../shop`). */
const globalExample: Examples = (flag) => GLOBAL_FLAGS.find((g) => g.flag === flag)?.example

/** An example for a flag of this action: its own fields first, then the global flags. */
const actionExample = (spec: ActionSpec): Examples => (flag) => {
  const field = fieldsOf(spec).find((f) => f.flag === flag)
  return field ? exampleFor(spec.examples, flag, field) : globalExample(flag)
}

/** node's parseArgs messages ("Option '--title <value>' argument missing") in our one-line style. */
function parseError(error: NodeJS.ErrnoException, options: ParseArgsOptionsConfig, context: string, exampleOf: Examples): UsageError {
  // with no command there is no command help to point at, only the tool's, which the try: line names
  const see = context ? ` (see "${BIN} ${context}--help")` : ''
  const hint = context ? undefined : { text: `${BIN} --help` }
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? ''
  const name = flag.replace(/^-+/, '').replace(/=.*$/, '')
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(options).flatMap((o) => (options[o]!.type === 'boolean' ? [o, `no-${o}`] : [o]))
    return new UsageError(`unknown flag ${flag.replace(/=.*$/, '')}${context ? ` for ${context.trim()}` : ''}${didYouMean(name, known, (k) => `--${k}`)}${see}`, hint)
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && options[name]?.type === 'string') {
    return new UsageError(`--${name} needs a value${eg(exampleOf(name))}${see}`, hint)
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new UsageError(`--${name} is a switch and takes no value${see}`, hint)
  return new UsageError(`${error.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '')}${see}`, hint)
}

/**
 * `--concurrency -1` gives the flag the value -1: parseArgs reads a word that starts with "-" as the
 * next flag, which made a negative number "needs a value" instead of the schema's own words about it.
 */
function joinNegativeNumbers(argv: string[], options: ParseArgsOptionsConfig): string[] {
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') return [...words, ...argv.slice(i)]
    const takesValue = word.startsWith('--') && !word.includes('=') && options[word.slice(2)]?.type === 'string'
    const next = argv[i + 1]
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      words.push(`${word}=${next}`)
      i++
    } else words.push(word)
  }
  return words
}

function parse(argv: string[], options: ParseArgsOptionsConfig, context: string, exampleOf: Examples = globalExample) {
  try {
    return parseArgs({ args: joinNegativeNumbers(argv, options), options, allowPositionals: true, allowNegative: true, strict: true })
  } catch (error) {
    throw parseError(error as NodeJS.ErrnoException, options, context, exampleOf)
  }
}

/** `--order=` or `--require-features ""` would otherwise reach the schema as 0 or an empty list: a default silently lost. Runs before any action-specific check, so it words `--database-url=` too. */
function refuseEmpty(values: Record<string, unknown>, spec: ActionSpec): void {
  for (const [flag, value] of Object.entries(values)) {
    const given = Array.isArray(value) ? value : [value]
    if (!given.some((v) => typeof v === 'string' && v.trim() === '')) continue
    throw new UsageError(`--${flag} is empty; give a value${eg(actionExample(spec)(flag))} or leave the flag out (see "${BIN} ${spec.name} --help")`)
  }
}

/**
 * Only the global flags, to find the command and --help/--version before an action is known. With no
 * command every flag must be a global one: `--nope` alone is a typo, not a request for the whole help.
 */
export function parseGlobal(argv: string[]): { words: string[]; globals: GlobalOptions } {
  const { values, positionals } = parseArgs({ args: argv, options: globalConfig(), allowPositionals: true, allowNegative: true, strict: false })
  if (positionals.length === 0) parse(argv, globalConfig(), '')
  return { words: positionals, globals: globalsFrom(values) }
}

/**
 * A command about the tool: whether --help was asked for. `mcp` takes no other flag; `completion`
 * takes the global ones as every command does (they change nothing there). Any other flag is refused.
 */
export function parseHelpOnly(argv: string[], command: string, globals = false): boolean {
  return Boolean(parse(argv, globals ? globalConfig() : { help: { type: 'boolean', short: 'h' } }, `${command} `).values.help)
}

/** `mcp [--read-only]`: whether --help was asked for, and whether to serve only the tools that change nothing. */
export function parseMcpArgs(argv: string[]): { help: boolean; readOnly: boolean } {
  const { values } = parse(argv, { help: { type: 'boolean', short: 'h' }, 'read-only': { type: 'boolean' } }, 'mcp ')
  return { help: Boolean(values.help), readOnly: Boolean(values['read-only']) }
}

/** Flags of one action, derived from its spec, plus the global ones. Values stay raw; the schema validates. */
export function parseActionArgs(spec: ActionSpec, argv: string[]): { raw: Record<string, unknown>; globals: GlobalOptions } {
  const fields = fieldsOf(spec)
  const config = globalConfig(globalFlagsOf(spec))
  for (const field of fields) {
    if (field.positional) continue
    config[field.flag] = { type: field.kind === 'boolean' ? 'boolean' : 'string', multiple: field.kind === 'repeated' }
  }
  const { values, positionals } = parse(argv, config, `${spec.name} `, actionExample(spec))
  refuseEmpty(values, spec)
  const args = positionals.slice(spec.name.split(' ').length)
  const names = spec.positionals
  const variadic = fields.find((f) => f.key === names.at(-1))?.kind === 'list'
  if (variadic && args.length >= names.length) args.splice(names.length - 1, args.length, args.slice(names.length - 1).join(','))
  if (args.length > names.length) {
    throw new UsageError(`unexpected argument "${args[names.length]}" (usage: ${BIN} ${[spec.name, ...names.map((n) => `<${n}>`)].join(' ')})`)
  }
  const raw: Record<string, unknown> = {}
  names.forEach((name, i) => { if (args[i] !== undefined) raw[name] = args[i] })
  for (const field of fields) {
    if (field.positional || values[field.flag] === undefined) continue
    const value = values[field.flag]
    // a value that is not a number stays text, so the message can quote what was typed
    const number = field.kind === 'number' && typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
    raw[field.key] = Number.isNaN(number) ? value : number
  }
  return { raw, globals: globalsFrom(values) }
}
