// node:fs, not the FileSystem service: this is the start-up path, which answers --help and
// completion from dist/commands.json before the container (and the services) are loaded at all.
import { readFileSync } from 'node:fs'
import { EXIT } from '../errors'
import type { CommandIndex } from './command-index-data'
import { complete, completionScript, SHELLS } from './completion'

type Out = NodeJS.WritableStream

/** dist/commands.json, written by the build; null when it is not there, and then main() answers everything. */
export function readCommandIndex(url: URL): CommandIndex | null {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as CommandIndex
  } catch {
    return null
  }
}

const HELP = new Set(['--help', '-h'])

/** The help text for `words --help`, when the words name exactly one command, a group or a command about the tool. */
function helpOf(index: CommandIndex, words: string[]): string | undefined {
  if (words.length === 0) return index.help
  if (words.some((w) => w.startsWith('-'))) return undefined
  const name = words.join(' ')
  const command = index.commands.find((c) => c.name === name || c.aliases.includes(name))
  if (command) return command.help
  return words.length === 1 ? (index.groups[name] ?? (Object.hasOwn(index.tools, name) ? index.tools[name] : undefined)) : undefined
}

/**
 * What can be answered from the command index alone, before any action, zod or parser is loaded:
 * --version, the help of the tool, of one command, a group or a command about the tool, the completion
 * scripts and the completion candidates. Only these exact shapes are taken (`module x --help` or
 * `--quiet --help` take the full path, which also checks the flags); undefined means main() answers.
 * tests/start-up.test.ts holds every answer here to main()'s for the same words.
 */
export async function answerFromIndex(argv: string[], index: CommandIndex, stdout: Out, cwd = process.cwd()): Promise<number | undefined> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    stdout.write(`${index.version}\n`)
    return EXIT.ok
  }
  if (argv[0] === '__complete') {
    const appValues = async (command: string, key: string, given: Record<string, unknown>) => {
      // the app's module ids and events through a tiny reader; what it cannot read exactly, the action's picker does
      const reader = index.commands.find((c) => c.name === command)?.fields.find((f) => f.key === key)?.quick
      const quick = reader ? (await import('./quick-values')).quickValues(reader, cwd) : null
      return quick ?? (await import('./completion-values')).appValues(command, key, given, cwd)
    }
    stdout.write((await complete(argv.slice(1), index, appValues)).map((c) => `${c}\n`).join(''))
    return EXIT.ok
  }
  if (argv.length === 2 && argv[0] === 'completion' && SHELLS.includes(argv[1]!)) {
    stdout.write(completionScript(argv[1]))
    return EXIT.ok
  }
  // `help <command>` is `<command> --help`
  const args = argv[0] === 'help' ? [...argv.slice(1), '--help'] : argv
  if (!HELP.has(args.at(-1) ?? '')) return undefined
  const help = helpOf(index, args.slice(0, -1))
  if (help === undefined) return undefined
  stdout.write(`${help}\n`)
  return EXIT.ok
}
