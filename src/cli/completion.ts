import { ACTIONS, findAction } from '../actions'
import { fieldsOf, type ActionSpec } from '../actions/spec'
import { findApp } from '../app/detect'
import { createTree } from '../services/tree'
import { UsageError } from '../errors'
import { createNodeFileSystem } from '../services/fs'
import { BIN, commandWords, globalFlagsOf } from './help'

/**
 * The shell scripts are thin: they hand the words typed so far to `create-mercato-module __complete`,
 * which answers from the same specs as the parser (commands, flags, enum values) and from the app
 * (module ids, entities: the TUI's pickers). A new flag needs no change here.
 */
const SCRIPTS: Record<string, string> = {
  bash: `# bash completion for ${BIN}: eval "$(${BIN} completion bash)" (e.g. in ~/.bashrc)
_create_mercato_module() {
  local IFS=$'\\n'
  COMPREPLY=($(${BIN} __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _create_mercato_module ${BIN}
`,
  zsh: `#compdef ${BIN}
# zsh completion for ${BIN}: eval "$(${BIN} completion zsh)" (e.g. in ~/.zshrc, after compinit)
_create_mercato_module() {
  local -a items
  items=("\${(@f)$(${BIN} __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  (( \${#items} )) && compadd -Q -- "\${items[@]}" || _files
}
compdef _create_mercato_module ${BIN}
`,
  fish: `# fish completion for ${BIN}: ${BIN} completion fish > ~/.config/fish/completions/${BIN}.fish
complete -c ${BIN} -f -a '(${BIN} __complete (commandline -opc)[2..-1] (commandline -ct))'
`,
}

export function completionScript(shell: string | undefined): string {
  const script = shell ? SCRIPTS[shell] : undefined
  if (!script) throw new UsageError(`completion needs a shell: ${Object.keys(SCRIPTS).join(', ')} (e.g. ${BIN} completion bash)`)
  return script
}

async function appValues(spec: ActionSpec, key: string, given: Record<string, unknown>, cwd: string): Promise<string[]> {
  const picker = spec.pickers?.[key]
  if (!picker) return []
  const fs = createNodeFileSystem()
  const app = await findApp(cwd, fs)
  return app ? picker.options(createTree(app.root, fs), given) : []
}

/** Candidates for the last of `words` (the word being typed; empty after a space). */
export async function complete(words: string[], cwd = process.cwd()): Promise<string[]> {
  const current = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  const starts = (list: string[]) => list.filter((c) => c.startsWith(current))
  if (before.length === 0) return starts(commandWords())
  if (before[0] === 'help' || before[0] === 'schema') return before.length === 1 ? starts(commandWords()) : []
  if (before[0] === 'completion') return before.length === 1 ? starts(Object.keys(SCRIPTS)) : []
  const spec = findAction(...before)
  if (!spec) {
    const group = ACTIONS.filter((a) => a.name.startsWith(`${before[0]} `))
    return before.length === 1 ? starts(group.map((a) => a.name.split(' ')[1]!)) : []
  }
  const fields = fieldsOf(spec)
  const flagOf = (word: string | undefined) => fields.find((f) => !f.positional && `--${f.flag}` === word)
  const previous = flagOf(before.at(-1))
  const args = before.slice(spec.name.split(' ').length)
  // values given so far, for pickers that depend on another field (entities of the chosen module)
  const given: Record<string, unknown> = {}
  const positional = args.filter((w, i) => !w.startsWith('-') && !(flagOf(args[i - 1]) && flagOf(args[i - 1])!.kind !== 'boolean'))
  spec.positionals.forEach((key, i) => { if (positional[i] !== undefined) given[key] = positional[i] })
  if (previous && previous.kind !== 'boolean') {
    if (previous.choices) return starts(previous.choices)
    return starts(await appValues(spec, previous.key, given, cwd))
  }
  if (current.startsWith('-')) {
    const own = fields.filter((f) => !f.positional).map((f) => `--${f.flag}`)
    return starts([...own, ...globalFlagsOf(spec).map((g) => `--${g.flag}`)])
  }
  const key = spec.positionals[positional.length]
  return key ? starts(await appValues(spec, key, given, cwd)) : []
}
