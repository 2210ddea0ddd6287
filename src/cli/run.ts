import { EXIT } from '../errors'
import { main } from './main'

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

process.exitCode = await main(process.argv.slice(2), { signal: interrupt.signal })
