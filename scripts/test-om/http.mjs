// A logged-in HTTP session against the running Open Mercato: a cookie jar over node:http. Not fetch:
// its client waits at most 300 s for response headers whatever the signal says, and the first request
// of a backend page compiles it for longer than that on a busy small machine ('fetch failed').
import { request as httpRequest } from 'node:http'

/** One request; the answer's status, headers (a Headers) and body text. Times out only after `timeoutMs`. */
function send(url, { method, headers, body, timeoutMs }) {
  return new Promise((resolve, reject) => {
    // a connection per request (agent: false): a kept-alive socket the server has since closed answers ECONNRESET
    const req = httpRequest(url, { method, headers, agent: false, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const answer = new Headers()
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value].flat()) if (v !== undefined) answer.append(name, v)
        resolve({ status: res.statusCode, headers: answer, text: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.on('error', (error) => reject(new Error(`${method} ${url}: ${error.code ?? error.name}: ${error.message}`)))
    req.end(body)
  })
}

export class Session {
  constructor(base) {
    this.base = base
    this.cookies = new Map()
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** A request with the session's cookies; redirects are answers, not followed; the body read as text (and JSON when it is). */
  async request(method, path, { json, form, headers = {}, timeoutMs = 15 * 60_000 } = {}) {
    const init = { method, headers: { ...headers }, body: undefined, timeoutMs }
    if (this.cookies.size > 0) init.headers.cookie = this.cookieHeader()
    if (json !== undefined) {
      init.headers['content-type'] = 'application/json'
      init.body = JSON.stringify(json)
    } else if (form !== undefined) {
      init.headers['content-type'] = 'application/x-www-form-urlencoded'
      init.body = new URLSearchParams(form).toString()
    }
    const res = await send(new URL(path, this.base), init)
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair.indexOf('=')
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
    }
    const text = res.text
    let body = null
    try {
      body = JSON.parse(text)
    } catch {
      body = null
    }
    return { status: res.status, headers: res.headers, text, body }
  }
}

/** One line of a response for a failure message. */
export function shown(res) {
  const text = res.body ? JSON.stringify(res.body) : res.text.replace(/\s+/g, ' ')
  return `${res.status} ${text.slice(0, 400)}`
}
