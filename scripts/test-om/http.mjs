// A logged-in HTTP session against the running Open Mercato: a cookie jar over fetch.

export class Session {
  constructor(base) {
    this.base = base
    this.cookies = new Map()
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** fetch with the session's cookies; redirects are answers, not followed; the body read as text (and JSON when it is). */
  async request(method, path, { json, form, headers = {}, timeoutMs = 15 * 60_000 } = {}) {
    const init = { method, redirect: 'manual', headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) }
    if (this.cookies.size > 0) init.headers.cookie = this.cookieHeader()
    if (json !== undefined) {
      init.headers['content-type'] = 'application/json'
      init.body = JSON.stringify(json)
    } else if (form !== undefined) {
      init.body = new URLSearchParams(form)
    }
    const res = await fetch(new URL(path, this.base), init)
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair.indexOf('=')
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
    }
    const text = await res.text()
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
