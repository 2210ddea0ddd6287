import type { FieldKind } from '../actions/spec'

/** The kinds and flags a `--field key:kind[:flags]` value takes (validation/field-spec.ts). */
export interface FieldSpecMeta { kinds: string[]; flags: string[] }

/** One flag or argument of a command, as completion needs it. */
export interface IndexedField {
  key: string
  flag: string
  kind: FieldKind
  positional: boolean
  choices?: string[]
  /** For a `--field`-style value: what completes after `name:` and `name:kind:`. */
  fieldSpec?: FieldSpecMeta
  /** Whether the app supplies its values (module ids, entities): completing it loads the action. */
  picker: boolean
  /** The tiny reader that answers it without loading the action (src/cli/quick-values.ts), when there is one. */
  quick?: 'app-modules' | 'declared-events'
}

export interface IndexedCommand {
  name: string
  aliases: string[]
  /** The one line the menus and --help show for it. */
  summary: string
  /** Whether it works in an app (the menus offer it only there). */
  needsApp: boolean
  /** The whole `<command> --help` text. */
  help: string
  positionals: string[]
  fields: IndexedField[]
  /** The global flags this command takes, without the dashes. */
  globalFlags: string[]
}

/** What dist/commands.json holds (written by the build from ./command-index.ts). */
export interface CommandIndex {
  version: string
  /** The whole `--help` text. */
  help: string
  /** The first word of every command and alias, and the commands about the tool. */
  words: string[]
  /** `db --help` and the like: the help of each two-word command's first word. */
  groups: Record<string, string>
  /** `schema --help`, `completion --help`, `mcp --help`: the commands about the tool. */
  tools: Record<string, string>
  commands: IndexedCommand[]
}

/** A command by name or alias; `words` are the leading arguments, for two-word commands such as `db migrate`. */
export function findIndexed(index: CommandIndex, words: string[]): IndexedCommand | undefined {
  for (const name of [words.slice(0, 2).join(' '), words[0]!]) {
    const command = index.commands.find((c) => c.name === name || c.aliases.includes(name))
    if (command) return command
  }
  return undefined
}
