// A private PostgreSQL cluster for one test:om run: its own data folder, a free port on 127.0.0.1,
// password auth. PostgreSQL refuses to run as root, so as root the cluster belongs to user postgres.
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, run } from './run.mjs'

const PASSWORD = 'postgres'

/** The newest PostgreSQL server binaries installed the Debian way, or those on PATH. */
function binDir() {
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    if (versions.length > 0) return join(base, versions[0], 'bin')
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('PostgreSQL server binaries not found (no /usr/lib/postgresql/<version>/bin/initdb, no pg_config); install postgresql')
  }
}

function postgresUser() {
  if (process.getuid?.() !== 0) return null
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':')
  return { name: 'postgres', uid: Number(line[2]), gid: Number(line[3]) }
}

/** Starts a cluster under `dir`; returns its DATABASE_URL for `database` and `stop()`. */
export async function startPostgres(dir, { database, log }) {
  const bin = binDir()
  const user = postgresUser()
  const data = join(dir, 'data')
  mkdirSync(dir, { recursive: true })
  const pwfile = join(dir, 'pw')
  writeFileSync(pwfile, `${PASSWORD}\n`)
  if (user) {
    // the cluster's owner must reach its folder through the (private) temp folders above it
    chmodSync(join(dir, '..'), 0o755)
    chownSync(dir, user.uid, user.gid)
    chownSync(pwfile, user.uid, user.gid)
  }
  const as = (command, args) => (user ? ['runuser', ['-u', user.name, '--', command, ...args]] : [command, args])
  const pg = (command, args) => run(...as(join(bin, command), args), { cwd: dir, log })
  await pg('initdb', ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '--no-sync'])
  const port = await freePort()
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`
  await pg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start'])
  const admin = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`
  await run('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-c', `create database "${database}"`], { cwd: dir, log })
  return {
    port,
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']),
  }
}
