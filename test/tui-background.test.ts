import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { BIN, cli, starterApp } from './helpers.ts'
import { terminal } from './tmux.ts'
import { waitUntil } from './wait.ts'

describe('the menus never wait on the pending-migrations check', () => {
  it('a key is answered and q exits while the check still waits on a database that never answers', async (t) => {
    // a "PostgreSQL" that accepts connections and never says a word: the check cannot finish
    const sockets: Socket[] = []
    const server = createServer((socket) => { sockets.push(socket) })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.after(() => { for (const s of sockets) s.destroy(); server.close() })
    const port = (server.address() as { port: number }).port
    const app = await starterApp(t)
    assert.equal((await cli(['module', 'visits', '--quiet', '--cwd', app])).code, 0)
    // one migration file, so the check has to ask the database
    mkdirSync(join(app, 'src', 'modules', 'visits', 'migrations'), { recursive: true })
    writeFileSync(join(app, 'src', 'modules', 'visits', 'migrations', 'Migration20260101000000.ts'), 'export class Migration20260101000000 {}\n')
    writeFileSync(join(app, '.env'), `DATABASE_URL=postgres://u:p@127.0.0.1:${port}/db\n`)

    const term = terminal(t, 'cmm-slowdb', { columns: 100, rows: 30 }, `env -u DATABASE_URL ${process.execPath} ${BIN} --cwd ${app}; echo TUI-EXIT-$?; sleep 30`)
    await term.waitFor(/› module/)
    await term.waitFor(/migrations: checking/)
    // the check has reached the database (it is connected and waiting), and is still running
    await waitUntil(() => sockets.length > 0, 'the check to connect to the database', term.screen)
    term.keys('Down')
    await term.waitFor(/› page/)
    assert.match(term.screen(), /migrations: checking/, 'the key was answered before the check finished')
    term.keys('q')
    await term.waitFor(/TUI-EXIT-0/)
    assert.doesNotMatch(term.screen(), /migrations: (no pending|unknown|\d)/, 'it quit without waiting for an answer')
  })
})
