// A headless Chromium driven over the DevTools protocol (Node's own WebSocket, no library): open a page
// with the session's cookies, wait until a table row shows a text, save a PNG.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { start, waitFor } from './run.mjs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export function chromiumPath() {
  const found = [process.env.CHROMIUM, ...CANDIDATES].find((p) => p && existsSync(p))
  if (!found) throw new Error('no Chromium found (looked for $CHROMIUM, /usr/bin/chromium); install it: apt-get update && apt-get install -y chromium')
  return found
}

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--hide-scrollbars', '--window-size=1440,900',
  '--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1',
]

/** A DevTools connection: `send(method, params, sessionId)` resolves with the result; events go to `on`. */
function connect(url) {
  const socket = new WebSocket(url)
  let next = 1
  const pending = new Map()
  const listeners = []
  socket.addEventListener('message', (event) => {
    const msg = JSON.parse(String(event.data))
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id)
      pending.delete(msg.id)
      if (msg.error) reject(new Error(`${msg.error.message} (${msg.error.code})`))
      else resolve(msg.result)
    } else if (msg.method) {
      for (const l of listeners) l(msg)
    }
  })
  const opened = new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener('error', () => reject(new Error(`cannot connect to Chromium at ${url}`)), { once: true })
  })
  return {
    opened,
    on: (listener) => listeners.push(listener),
    send: (method, params = {}, sessionId) => new Promise((resolve, reject) => {
      const id = next++
      pending.set(id, { resolve, reject })
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }))
    }),
    close: () => socket.close(),
  }
}

/**
 * Opens `url` with `cookies` ({ name: value }), waits until a table row contains `text` (the first
 * compile of a backend page can take minutes), and writes a PNG to `file`. Returns what it saw.
 */
export async function screenshotRow({ url, cookies, text, file, dir, log, timeoutMs }) {
  const profile = join(dir, 'chromium-profile')
  const browser = start(chromiumPath(), [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], { cwd: dir, log })
  const errors = []
  let cdp
  try {
    const portFile = join(profile, 'DevToolsActivePort')
    const [port, path] = await waitFor('Chromium DevTools port', () => (existsSync(portFile) && readFileSync(portFile, 'utf8').includes('\n') ? readFileSync(portFile, 'utf8').split('\n') : undefined), { timeoutMs: 60_000, intervalMs: 250 })
    cdp = connect(`ws://127.0.0.1:${port}${path}`)
    await cdp.opened
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' })
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true })
    const send = (method, params) => cdp.send(method, params, sessionId)
    cdp.on((msg) => {
      if (msg.sessionId !== sessionId) return
      if (msg.method === 'Runtime.exceptionThrown') errors.push(msg.params.exceptionDetails?.exception?.description ?? msg.params.exceptionDetails?.text)
      if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') errors.push(msg.params.entry.text)
    })
    await send('Page.enable')
    await send('Runtime.enable')
    await send('Log.enable')
    await send('Network.enable')
    await send('Emulation.setDeviceMetricsOverride', { width: 1440, height: 900, deviceScaleFactor: 1, mobile: false })
    await send('Network.setCookies', { cookies: Object.entries(cookies).map(([name, value]) => ({ name, value, url })) })
    await send('Page.navigate', { url })
    const probe = `(() => {
      const rows = [...document.querySelectorAll('tr, [role="row"]')]
      return JSON.stringify({ location: location.pathname, title: document.title, rows: rows.length, hit: rows.some((r) => r.innerText.includes(${JSON.stringify(text)})), body: (document.body?.innerText ?? '').slice(0, 300) })
    })()`
    let seen = null
    try {
      await waitFor(`a row showing "${text}"`, async () => {
        const { result } = await send('Runtime.evaluate', { expression: probe, returnByValue: true })
        seen = JSON.parse(result.value)
        if (seen.hit) return seen
        throw new Error(`at ${seen.location} "${seen.title}", ${seen.rows} rows, page text: ${seen.body.replace(/\s+/g, ' ')}`)
      }, { timeoutMs, intervalMs: 3000 })
    } finally {
      // the picture is worth having either way: it shows what the page did instead
      const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false })
      writeFileSync(file, Buffer.from(data, 'base64'))
    }
    return { ...seen, errors }
  } catch (error) {
    if (errors.length > 0) error.message += `; page errors: ${errors.slice(0, 3).join(' | ').slice(0, 600)}`
    throw error
  } finally {
    try {
      await cdp?.send('Browser.close')
    } catch {
      // already gone
    }
    cdp?.close()
    await browser.stop()
  }
}
