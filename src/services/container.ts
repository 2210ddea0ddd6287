import { asFunction, asValue, createContainer, InjectionMode, type AwilixContainer } from 'awilix'
import { createNodeFileSystem } from './fs'
import { createProgress } from './progress'
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
    async run(file, args, { cwd, env, onLine }) {
      const { execa } = await import('execa')
      const child = execa(file, args, { cwd, env, reject: false, stdin: 'ignore', lines: false })
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
  return {
    interactive,
    async confirm(question) {
      if (!interactive) return false
      const { createInterface } = await import('node:readline/promises')
      const rl = createInterface({ input: stdin, output: options.stderr ?? process.stderr })
      try {
        const answer = (await rl.question(`${question} (Y/n) `)).trim().toLowerCase()
        return answer === '' || answer === 'y' || answer === 'yes'
      } finally {
        rl.close()
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
