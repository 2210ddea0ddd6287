import { ACTIONS, findAction } from '../actions'
import { schemaAction } from '../actions/schema'
import { fieldsOf, type ActionSpec } from '../actions/spec'
import { validateInput } from '../dispatch/problems'
import { fieldLabel } from '../dispatch/execute'
import { UsageError } from '../errors'
import { parseActionArgs, parseGlobal } from './args'
import { ABOUT_TOOL, BIN, completionHelp, EXIT_CODES, flagUsage, GLOBAL_FLAGS, globalFlagsOf, mcpHelp, REPEATED, shownDefault, usageOf } from './help'

/** Where a topic page says more about a command: `[page](scaffolds.md#page)`. */
export interface MoreLink { title: string; href: string }

/** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen. */
export const anchorOf = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')

/** Table cells: a `|` would end the cell, a bare `<id>` would be read as HTML. */
const placeholder = /(?:[\w./@:=[\]-]*<[\w.-]+>)+[\w./@:=[\]-]*/.source
const cell = (text: string) => text.replace(new RegExp(`${placeholder}(?: ${placeholder})*`, 'g'), (code) => `\`${code}\``).replace(/\|/g, '\\|')
const sentence = (summary: string) => `${cell(summary.charAt(0).toUpperCase() + summary.slice(1))}.`
const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

function section(spec: ActionSpec, more: MoreLink[]): string[] {
  const fields = fieldsOf(spec)
  const args = fields.filter((f) => f.positional)
  const flags = fields.filter((f) => !f.positional)
  const alias = spec.aliases?.length ? ` Alias: ${spec.aliases.map((a) => code(a)).join(', ')}.` : ''
  return [
    `## \`${usageOf(spec)}\``,
    '',
    `${sentence(spec.summary)}${alias}`,
    ...(args.length ? ['', ...table(['argument', 'meaning'], args.map((f) => [code(fieldLabel(f)), cell(f.description)]))] : []),
    ...(flags.length
      ? ['', ...table(['flag', 'meaning', 'default'], flags.map((f) => {
        const shown = shownDefault(f)
        return [code(flagUsage(f)), cell(f.description + (f.kind === 'repeated' ? ` (${REPEATED})` : '')), shown === undefined ? '' : code(shown)]
      }))]
      : []),
    '',
    `Global flags: ${globalFlagsOf(spec).map((g) => code(`--${g.flag}`)).join(', ')}.`,
    '',
    '```sh',
    ...spec.examples.map((e) => `npx ${BIN} ${e}`),
    '```',
    ...(more.length ? ['', `More: ${more.map((m) => `[${m.title}](${m.href})`).join(', ')}.`] : []),
    '',
  ]
}

/**
 * The sections of the topic pages about each command: a `##`/`###` heading whose code spans start with
 * a command's name (`` ### `data-entity` ``, `` ## `enable` and `disable` ``) is linked from its section.
 */
export function moreLinks(pages: Array<{ file: string; text: string }>): Record<string, MoreLink[]> {
  const names = [...ACTIONS.map((a) => a.name), ...ABOUT_TOOL.map((c) => c.name)].sort((a, b) => b.length - a.length)
  const more: Record<string, MoreLink[]> = {}
  for (const { file, text } of pages) {
    for (const [, heading] of text.matchAll(/^#{2,3} (.+)$/gm)) {
      for (const [, span] of heading!.matchAll(/`([^`]+)`/g)) {
        const name = names.find((n) => span === n || span!.startsWith(`${n} `))
        if (name) (more[name] ??= []).push({ title: file.replace(/\.md$/, ''), href: `${file}#${anchorOf(heading!)}` })
      }
    }
  }
  return more
}

/**
 * docs/commands.md, from the specs that build the flags, --help and `schema`: written by
 * `npm run docs` (scripts/docs.mjs, which also finds the topic pages' sections for `more`).
 */
export function commandsPage(more: Record<string, MoreLink[]> = {}): string {
  const specs: ActionSpec[] = [...ACTIONS, schemaAction]
  const about = ABOUT_TOOL.filter((c) => c.name !== 'schema')
  const help: Record<string, string> = { completion: completionHelp(), mcp: mcpHelp() }
  return [
    '<!-- Generated from the action specs by `npm run docs`: edit the specs (src/actions/), not this page. -->',
    '# Commands',
    '',
    `Every command, from the same specs that build its flags, \`${BIN} <command> --help\` and \`${BIN} schema\`.`,
    'What the flags mean in depth is on the topic pages each section links to.',
    '',
    ...table(['command', 'does'], [...specs.map((s) => [`[${code(usageOf(s))}](#${anchorOf(usageOf(s))})`, cell(s.summary)]),
      ...about.map((c) => [`[${code(c.usage)}](#${anchorOf(c.usage)})`, cell(c.summary)])]),
    '',
    '## Global flags',
    '',
    'Each command takes the ones that apply to it (its section lists them); see [output.md](output.md).',
    '',
    ...table(['flag', 'meaning'], GLOBAL_FLAGS.map((g) => [code(`--${g.flag}${g.value ? ` <${g.value}>` : ''}`), cell(g.description)])),
    '',
    `${EXIT_CODES}; see [output.md](output.md#exit-codes).`,
    '',
    ...specs.flatMap((s) => section(s, more[s.name] ?? [])),
    ...about.flatMap((c) => [
      `## \`${c.usage}\``,
      '',
      sentence(c.summary),
      ...(help[c.name] ? ['', '```text', help[c.name]!, '```'] : []),
      ...((more[c.name] ?? []).length ? ['', `More: ${more[c.name]!.map((m) => `[${m.title}](${m.href})`).join(', ')}.`] : []),
      '',
    ]),
  ].join('\n')
}

/**
 * A command line from the docs, taken as the CLI would take it, without running it: the command
 * exists, its flags and arguments parse, and its input passes the schema. Throws the CLI's UsageError.
 */
export function checkCommandLine(argv: string[]): void {
  const { words } = parseGlobal(argv)
  const first = words[0]
  if (first === undefined || first === 'help') return
  const spec = findAction(...words) ?? (first === schemaAction.name ? schemaAction : undefined)
  if (spec) {
    const { raw, globals } = parseActionArgs(spec, argv)
    if (!globals.help) validateInput(spec, raw)
    return
  }
  const about = ABOUT_TOOL.find((c) => c.name === first)
  if (!about) throw new UsageError(`unknown command "${first}"`)
  // its usage says what may follow: `bash|zsh|fish` one of these, `<x>` any word, `[x]` any or none
  const slots = about.usage.split(' ').slice(1)
  const fits = words.length - 1 <= slots.length && slots.every((slot, i) => {
    const word = words[i + 1]
    if (slot.startsWith('[')) return true
    return word !== undefined && (slot.startsWith('<') || slot.split('|').includes(word))
  })
  if (!fits) throw new UsageError(`"${words.join(' ')}" does not fit "${about.usage}"`)
}
