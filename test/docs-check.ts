/**
 * Reading the docs as a user pastes them: the shell lines of each `sh` block, split into words as the
 * shell splits them (quotes, escapes, `~`), and what would make a pasted line do something else than
 * the one command it shows (a pipe, a placeholder read as a redirect, a glob).
 */
import { spawnSync } from 'node:child_process'
import { homedir } from 'node:os'

export interface Fence { lang: string; body: string; line: number }

/** The fenced blocks of a markdown text, with the line each starts on. */
export function fencesOf(markdown: string): Fence[] {
  const fences: Fence[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!)
    if (!open) continue
    const start = i
    const body: string[] = []
    while (++i < lines.length && !/^```\s*$/.test(lines[i]!)) body.push(lines[i]!)
    fences.push({ lang: open[1]!, body: body.join('\n'), line: start + 1 })
  }
  return fences
}

/** Each command line of a shell block: continuations joined, blank and comment lines left out. */
export function shellLines(block: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = []
  const lines = block.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const offset = i
    let text = lines[i]!
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!}`
    if (text.trim() === '' || text.trim().startsWith('#')) continue
    out.push({ text, offset })
  }
  return out
}

/** One simple command of a line: its words (quotes removed) and what the shell would do beside running it. */
export interface Simple { words: string[]; redirects: string[]; expands: string[] }
export interface Parsed { commands: Simple[]; operators: string[]; unsupported?: string }

/**
 * Splits a line as bash does for the constructs docs use: '…', "…" (with `$(…)` inside kept whole),
 * backslash escapes, `~` at a word's start, `#` comments, and the operators between simple commands.
 */
export function parseShell(line: string): Parsed {
  const commands: Simple[] = []
  const operators: string[] = []
  let current: Simple = { words: [], redirects: [], expands: [] }
  let word: string | null = null
  let redirect = false
  const end = () => {
    if (word === null) return
    if (redirect) current.redirects.push(word)
    else current.words.push(word)
    word = null
    redirect = false
  }
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === '\\') {
      word = (word ?? '') + (line[++i] ?? '')
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1)
      if (close < 0) return { commands, operators, unsupported: 'an unclosed single quote' }
      word = (word ?? '') + line.slice(i + 1, close)
      i = close
    } else if (c === '"') {
      let text = ''
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && '$`"\\'.includes(line[i + 1] ?? '')) text += line[++i]
        else {
          if (line[i] === '$' || line[i] === '`') current.expands.push(line.slice(i, i + 2))
          text += line[i]
        }
      }
      if (i >= line.length) return { commands, operators, unsupported: 'an unclosed double quote' }
      word = (word ?? '') + text
    } else if (c === ' ' || c === '\t') {
      end()
    } else if (c === '#' && word === null) {
      break
    } else if ('|&;'.includes(c)) {
      end()
      const op = line[i + 1] === c && c !== ';' ? c + c : c
      i += op.length - 1
      operators.push(op)
      commands.push(current)
      current = { words: [], redirects: [], expands: [] }
    } else if (c === '>' || c === '<') {
      end()
      if (c === '<') current.expands.push('<')
      if (line[i + 1] === '>') i++
      redirect = true
    } else {
      if (c === '~' && word === null) {
        word = homedir()
        continue
      }
      if ('$`*?['.includes(c)) current.expands.push(c)
      word = (word ?? '') + c
    }
  }
  end()
  commands.push(current)
  return { commands, operators }
}

export interface Rules {
  /** Programs a docs line may start with (after `VAR=value` assignments). */
  tools: ReadonlySet<string>
  /** Our own command name; its arguments go to `check`. */
  bin: string
  /** Throws when the tool would refuse these arguments. */
  check(argv: string[]): void
}

/** What is wrong with one pasted line, or nothing. */
export function lineProblems(line: string, rules: Rules): string[] {
  const syntax = spawnSync('bash', ['-n', '-c', line], { encoding: 'utf8' })
  if (syntax.status !== 0) return [`bash -n refuses it: ${syntax.stderr.trim().split('\n')[0]}`]
  const parsed = parseShell(line)
  if (parsed.unsupported) return [parsed.unsupported]
  const problems: string[] = []
  for (const op of parsed.operators) {
    if (op === '|') problems.push('an unquoted | makes it a pipeline: quote the argument that holds it (--field \'status:enum=active|retired\')')
    else if (op !== '&&') problems.push(`"${op}" runs more than one command: one command per line, or join them with &&`)
  }
  for (const command of parsed.commands) {
    const words = command.words.slice(command.words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)))
    const [program, ...rest] = words
    if (program === undefined) {
      problems.push('an empty command')
      continue
    }
    if (!rules.tools.has(program)) {
      problems.push(`"${program}" is not a command the docs use (${[...rules.tools].join(', ')})`)
      continue
    }
    const ours = program === rules.bin ? rest : program === 'npx' && rest[0] === rules.bin ? rest.slice(1) : null
    if (ours === null) continue
    if (command.expands.includes('<')) problems.push('an unquoted < reads a file: is it a placeholder such as <id>? Write a real value')
    const globs = command.expands.filter((e) => e !== '<')
    if (globs.length > 0) problems.push(`unquoted ${globs.join(' ')}: the shell expands it; quote the argument`)
    try {
      rules.check(ours)
    } catch (error) {
      problems.push(`the tool refuses it: ${(error as Error).message}`)
    }
  }
  return problems
}

/** Every problem of every `sh` block of a page, as `file:line: the line: what is wrong`. */
export function pageProblems(file: string, markdown: string, rules: Rules): string[] {
  const problems: string[] = []
  for (const fence of fencesOf(markdown)) {
    if (fence.lang !== 'sh') continue
    for (const { text, offset } of shellLines(fence.body)) {
      for (const problem of lineProblems(text, rules)) problems.push(`${file}:${fence.line + 1 + offset}: ${text.trim()}\n  ${problem}`)
    }
  }
  return problems
}
