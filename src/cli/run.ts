import { EXIT } from '../errors'
import { answerFromIndex, readCommandIndex } from './start'

// A reader that stops early (`| head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

// The first Ctrl+C asks the running work to stop (a task aborts and rolls back, an apply finishes
// its all-or-nothing write); a second one leaves at once. Either way the exit code is 130.
const interrupt = new AbortController()
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(EXIT.interrupted)
  interrupt.abort()
})

// --help, --version and completion answer from the command index the build wrote; everything else
// loads main(), and through it only what the command needs
const argv = process.argv.slice(2)
const index = readCommandIndex(new URL('./commands.json', import.meta.url))
const quick = index ? await answerFromIndex(argv, index, process.stdout) : undefined
process.exitCode = quick ?? (await (await import('./main')).main(argv, { signal: interrupt.signal }))
