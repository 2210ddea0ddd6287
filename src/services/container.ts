import { asFunction, asValue, createContainer, InjectionMode, type AwilixContainer } from 'awilix'
import { createNodeFileSystem } from './fs'
import { createProgress } from './progress'
import { InterruptedError } from '../errors'
import { createPlopTemplates } from './templates'
import type { Clock, FileSystem, Prompter, Reporter, Runner, Services } from './types'

export interface ContainerOptions {
  quiet?: boolean
  /** Replace any service; tests use this instead of mocking modules. */
  overrides?: Partial<Services>
  stdout?: NodeJS.WritableStream
  stderr?: NodeJS.WritableStream
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean }
}

function createStreamReporter(options: ContainerOptions): Reporter {
  const stdout = options.stdout ?? process.stdout
  const stderr = options.stderr ?? process.stderr
  const line = (stream: NodeJS.WritableStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`)
  return {
    out: (text) => line(stdout, text),
    info: (text) => { if (!options.quiet) line(stderr, text) },
    warn: (text) => line(stderr, `warning: ${text}`),
    error: (text) => line(stderr, `error: ${text}`),
    progress: (label) => (options.quiet ? { update() {}, done() {} } : createProgress(stderr, label)),
  }
}

function createExecaRunner(): Runner {
  return {
    async run(file, args, { cwd, env, onLine, signal }) {
      const { execa } = await import('execa')
      const child = execa(file, args, { cwd, env, reject: false, stdin: 'ignore', lines: false, cancelSignal: signal })
      if (onLine) {
        for (const stream of [child.stdout, child.stderr]) {
          let rest = ''
          stream?.on('data', (chunk: Buffer) => {
            const lines = (rest + chunk.toString()).split('\n')
            rest = lines.pop() ?? ''
            for (const line of lines) if (line.trim()) onLine(line)
          })
          stream?.on('end', () => { if (rest.trim()) onLine(rest) })
        }
      }
      const result = await child
      return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) }
    },
  }
}

function createTerminalPrompter(options: ContainerOptions): Prompter {
  const stdin = options.stdin ?? process.stdin
  const interactive = Boolean(stdin.isTTY && (options.stdout ?? process.stdout) === process.stdout && process.stdout.isTTY)
  async function ask(question: string): Promise<string> {
    const { createInterface } = await import('node:readline/promises')
    const rl = createInterface({ input: stdin, output: options.stderr ?? process.stderr })
    const interrupted = new AbortController()
    // readline turns Ctrl+C into this event instead of a signal while it owns the terminal
    rl.once('SIGINT', () => interrupted.abort())
    try {
      return await rl.question(question, { signal: interrupted.signal })
    } catch (error) {
      if (interrupted.signal.aborted) {
        ;(options.stderr ?? process.stderr).write('\n')
        throw new InterruptedError('interrupted at the prompt: nothing was changed')
      }
      throw error
    } finally {
      rl.close()
    }
  }
  return {
    interactive,
    ask,
    async confirm(question) {
      if (!interactive) return false
      for (let prompt = `${question} (Y/n) `; ; prompt = 'Please answer y or n: (Y/n) ') {
        const answer = (await ask(prompt)).trim().toLowerCase()
        if (['', 'y', 'yes'].includes(answer)) return true
        if (['n', 'no'].includes(answer)) return false
      }
    },
  }
}

export function createServices(options: ContainerOptions = {}): Services {
  const container: AwilixContainer<Services> = createContainer<Services>({ injectionMode: InjectionMode.PROXY, strict: true })
  const o = options.overrides ?? {}
  const value = <T>(v: T | undefined, make: () => T) => (v ? asValue(v) : asFunction(make).singleton())
  container.register({
    fs: value<FileSystem>(o.fs, createNodeFileSystem),
    templates: o.templates ? asValue(o.templates) : asFunction(({ fs }: Services) => createPlopTemplates(fs)).singleton(),
    runner: value<Runner>(o.runner, createExecaRunner),
    prompter: value<Prompter>(o.prompter, () => createTerminalPrompter(options)),
    reporter: value<Reporter>(o.reporter, () => createStreamReporter(options)),
    clock: value<Clock>(o.clock, () => ({ now: () => new Date() })),
  })
  // The cradle resolves each service on first use, so a command pays only for what it touches.
  return container.cradle
}
