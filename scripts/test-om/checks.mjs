// How test:om reports: one line per check as it ends, its time, and for a failure the tail of the
// command's log; a check whose prerequisite failed is skipped and says which.
import { tail } from './run.mjs'

const seconds = (ms) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`)

export class Checks {
  constructor(print = (line) => process.stdout.write(`${line}\n`)) {
    this.print = print
    this.results = []
    this.started = Date.now()
  }

  status(name) {
    return this.results.find((r) => r.name === name)?.status
  }

  /**
   * Runs one check: `fn` resolves with a detail line or throws; it is skipped when a check it `needs`
   * did not pass.
   */
  async check(name, fn, { needs = [] } = {}) {
    const missing = needs.find((n) => this.status(n) !== 'ok')
    if (missing) {
      this.results.push({ name, status: 'skip', ms: 0 })
      this.print(`skip ${name}: needs ${missing}`)
      return undefined
    }
    const begin = Date.now()
    try {
      const detail = await fn()
      const ms = Date.now() - begin
      this.results.push({ name, status: 'ok', ms })
      this.print(`ok   ${name} (${seconds(ms)})${detail ? `: ${detail}` : ''}`)
      return detail
    } catch (error) {
      const ms = Date.now() - begin
      this.results.push({ name, status: 'fail', ms, message: error.message })
      this.print(`FAIL ${name} (${seconds(ms)}): ${error.message}`)
      const log = error.log ? tail(error.log, 30) : ''
      if (log) this.print(log.replace(/^/gm, '     | '))
      return undefined
    }
  }

  get failed() {
    return this.results.filter((r) => r.status === 'fail').length
  }

  summary(where) {
    const count = (s) => this.results.filter((r) => r.status === s).length
    return `test:om: ${count('ok')} passed, ${count('fail')} failed, ${count('skip')} skipped in ${seconds(Date.now() - this.started)}${where ? `; ${where}` : ''}`
  }
}
