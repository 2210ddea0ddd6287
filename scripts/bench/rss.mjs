// Preloaded with --import: appends this process's peak resident memory (KiB) to $BENCH_RSS_FILE on exit.
import { appendFileSync } from 'node:fs'

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`)
})
