import { UsageError } from '../errors'
import { BIN } from './bin'
import { findIndexed, type CommandIndex, type FieldSpecMeta } from './command-index-data'

/**
 * The shell scripts are thin: they hand the words typed so far to `create-mercato-module __complete`,
 * which answers from the same specs as the parser (commands, flags, enum values, the kinds of a
 * `--field`) and from the app (module ids, entities, events: the TUI's pickers). A new flag needs no
 * change here. They complete `npx create-mercato-module ...` too, with the app's own copy
 * (node_modules/.bin, looked for from the current folder up) when there is one.
 */
const SCRIPTS: Record<string, string> = {
  bash: [
    `# bash completion for ${BIN} and npx ${BIN}: eval "$(${BIN} completion bash)" (e.g. in ~/.bashrc)`,
    '_create_mercato_module_bin() {',
    '  local dir="$PWD"',
    '  while [[ -n "$dir" ]]; do',
    `    [[ -x "$dir/node_modules/.bin/${BIN}" ]] && { printf '%s' "$dir/node_modules/.bin/${BIN}"; return; }`,
    '    dir="${dir%/*}"',
    '  done',
    `  printf '%s' ${BIN}`,
    '}',
    '_create_mercato_module() {',
    '  local line="${COMP_LINE:0:COMP_POINT}" cur i start=1',
    '  local -a words',
    // bash splits words at ":" (COMP_WORDBREAKS), which --field name:kind needs whole: split the line itself
    "  read -ra words <<< \"$line\"",
    '  [[ "$line" =~ [[:space:]]$ || ${#words[@]} -eq 0 ]] && words+=("")',
    '  cur="${words[${#words[@]}-1]}"',
    '  if [[ "${words[0]}" == npx ]]; then',
    `    if (( \${#words[@]} == 2 )); then COMPREPLY=($(compgen -W ${BIN} -- "$cur")); return; fi`,
    `    start=0; for (( i = 1; i < \${#words[@]} - 1; i++ )); do [[ "\${words[i]}" == ${BIN} ]] && { start=$((i + 1)); break; }; done`,
    '    (( start == 0 )) && return',
    '  fi',
    "  local IFS=$'\\n'",
    '  COMPREPLY=($("$(_create_mercato_module_bin)" __complete "${words[@]:start}" 2>/dev/null))',
    '  # bash replaces only what follows the last ":" of the word',
    '  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then local head="${cur%"${cur##*:}"}"; COMPREPLY=("${COMPREPLY[@]#"$head"}"); fi',
    '}',
    `complete -o default -F _create_mercato_module ${BIN} npx`,
    '',
  ].join('\n'),
  zsh: [
    `#compdef ${BIN} npx`,
    `# zsh completion for ${BIN} and npx ${BIN}: eval "$(${BIN} completion zsh)" (e.g. in ~/.zshrc, after compinit)`,
    '_create_mercato_module() {',
    `  local -a items; local bin=${BIN} dir=$PWD start=2`,
    `  while [[ -n $dir ]]; do [[ -x $dir/node_modules/.bin/${BIN} ]] && { bin=$dir/node_modules/.bin/${BIN}; break; }; dir=\${dir%/*}; done`,
    '  if [[ $words[1] == npx ]]; then',
    `    (( CURRENT == 2 )) && { compadd -- ${BIN}; return; }`,
    `    start=\${words[(i)${BIN}]}; (( start >= CURRENT )) && { _files; return; }; (( start++ ))`,
    '  fi',
    '  items=("${(@f)$($bin __complete "${(@)words[start,CURRENT]}" 2>/dev/null)}")',
    '  (( ${#items} )) && compadd -Q -- "${items[@]}" || _files',
    '}',
    `compdef _create_mercato_module ${BIN} npx`,
    '',
  ].join('\n'),
  fish: [
    `# fish completion for ${BIN} and npx ${BIN}: ${BIN} completion fish > ~/.config/fish/completions/${BIN}.fish`,
    '# (for npx too: also link it as ~/.config/fish/completions/npx.fish)',
    'function __create_mercato_module_complete',
    '    set -l words (commandline -opc)',
    `    set -l at (contains -i -- ${BIN} $words); or return`,
    `    set -l bin ${BIN}`,
    '    set -l dir $PWD',
    '    while test -n "$dir"',
    `        if test -x $dir/node_modules/.bin/${BIN}; set bin $dir/node_modules/.bin/${BIN}; break; end`,
    "        set dir (string replace -r '/[^/]*$' '' -- $dir)",
    '    end',
    '    $bin __complete $words[(math $at + 1)..-1] (commandline -ct)',
    'end',
    `complete -c ${BIN} -f -a '(__create_mercato_module_complete)'`,
    `complete -c npx -n 'test (count (commandline -opc)) -eq 1' -f -a ${BIN}`,
    `complete -c npx -n '__fish_seen_subcommand_from ${BIN}' -f -a '(__create_mercato_module_complete)'`,
    '',
  ].join('\n'),
}

/** The shells a completion script is written for. */
export const SHELLS = Object.keys(SCRIPTS)

export function completionScript(shell: string | undefined): string {
  const script = shell ? SCRIPTS[shell] : undefined
  if (!script) throw new UsageError(`completion needs a shell: ${Object.keys(SCRIPTS).join(', ')} (e.g. ${BIN} completion bash)`)
  return script
}

/** `plate:` → `plate:text`, …; `plate:text:` and `plate:text:required,` → the flags; a bare name is the user's to choose. */
function fieldSpecValues(current: string, meta: FieldSpecMeta): string[] {
  const parts = current.split(':')
  if (parts.length === 2) return meta.kinds.map((kind) => `${parts[0]}:${kind}`)
  if (parts.length !== 3) return []
  const given = parts[2]!.split(',').slice(0, -1)
  const head = `${parts[0]}:${parts[1]}:${given.map((f) => `${f},`).join('')}`
  return meta.flags.filter((f) => !given.includes(f)).map((flag) => `${head}${flag}`)
}

/** Values the app supplies for one field of a command (module ids, entities), given the values typed so far. */
export type AppValues = (command: string, key: string, given: Record<string, unknown>) => Promise<string[]>

/**
 * Candidates for the last of `words` (the word being typed; empty after a space), from the command
 * index alone: only a field whose values come from the app asks `appValues`, which loads that action.
 */
export async function complete(words: string[], index: CommandIndex, appValues: AppValues): Promise<string[]> {
  const current = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  const starts = (list: string[]) => list.filter((c) => c.startsWith(current))
  if (before.length === 0) return starts(index.words)
  if (before[0] === 'help' || before[0] === 'schema') return before.length === 1 ? starts(index.words) : []
  if (before[0] === 'completion') return before.length === 1 ? starts(SHELLS) : []
  const spec = findIndexed(index, before)
  if (!spec) {
    const group = index.commands.filter((a) => a.name.startsWith(`${before[0]} `))
    return before.length === 1 ? starts(group.map((a) => a.name.split(' ')[1]!)) : []
  }
  const fields = spec.fields
  const flagOf = (word: string | undefined) => fields.find((f) => !f.positional && `--${f.flag}` === word)
  const previous = flagOf(before.at(-1))
  const args = before.slice(spec.name.split(' ').length)
  // values given so far, for pickers that depend on another field (entities of the chosen module)
  const given: Record<string, unknown> = {}
  const positional = args.filter((w, i) => !w.startsWith('-') && !(flagOf(args[i - 1]) && flagOf(args[i - 1])!.kind !== 'boolean'))
  spec.positionals.forEach((key, i) => { if (positional[i] !== undefined) given[key] = positional[i] })
  const fromApp = async (key: string) => (fields.find((f) => f.key === key)?.picker ? appValues(spec.name, key, given) : [])
  if (previous && previous.kind !== 'boolean') {
    if (previous.choices) return starts(previous.choices)
    if (previous.fieldSpec) return starts(fieldSpecValues(current, previous.fieldSpec))
    return starts(await fromApp(previous.key))
  }
  if (current.startsWith('-')) {
    const own = fields.filter((f) => !f.positional).map((f) => `--${f.flag}`)
    return starts([...own, ...spec.globalFlags.map((g) => `--${g}`)])
  }
  const key = spec.positionals[positional.length]
  return key ? starts(await fromApp(key)) : []
}
