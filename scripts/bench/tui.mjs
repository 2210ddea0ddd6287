// The TUI's first frame and its menu, in a real terminal (tmux at 80x24): time from starting the
// process until capture-pane shows the title, then the home menu. Polling every 5 ms bounds the error.
import { execFileSync, spawnSync } from 'node:child_process'

// A server of its own (-L): on the shared default one, another user's last kill-session stops the
// server while a session of ours starts ('server exited unexpectedly'). A keeper session holds it up.
const SOCKET = `cmm-bench-${process.pid}`
const tmux = (...args) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' })

function once(command, session) {
  const start = process.hrtime.bigint()
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command)
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6
  let frame = null
  try {
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', session)
      if (frame === null && /^create-mercato-module/m.test(screen)) frame = elapsed()
      if (/› module/.test(screen)) return { frame: frame ?? elapsed(), menu: elapsed() }
      if (elapsed() > 20000) throw new Error(`the TUI did not show its menu:\n${screen}`)
      spawnSync('sleep', ['0.005'])
    }
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', session])
  }
}

/** Median first-frame and menu times of `runs` starts of the TUI in `appDir`. */
export function benchTui({ bin, appDir, runs }) {
  if (spawnSync('tmux', ['-V']).status !== 0) {
    console.log('\nTUI first frame: skipped (no tmux)')
    return
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const baseline = []
  const frames = []
  const menus = []
  tmux('new-session', '-d', '-s', 'keeper', 'sleep 100000')
  try {
  once(`${process.execPath} ${bin} --cwd ${appDir}`, `cmm-bench-warm-${process.pid}`)
  for (let i = 0; i < runs; i++) {
    // the same measurement of a program that prints a line at once: the floor of node + tmux + polling
    const floor = once(`${process.execPath} -e "console.log('create-mercato-module'); console.log('› module'); setTimeout(() => {}, 60000)"`, `cmm-bench-floor-${process.pid}-${i}`)
    baseline.push(floor.menu)
    const r = once(`${process.execPath} ${bin} --cwd ${appDir}`, `cmm-bench-tui-${process.pid}-${i}`)
    frames.push(r.frame)
    menus.push(r.menu)
  }
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server'])
  }
  console.log(`\nTUI in tmux at 80x24, ${runs} runs (median; target: first frame within 350 ms)\n`)
  console.log('| first frame ms | menu (action list) ms | node printing two lines ms | first frame × that | menu × that (goal <= 2) |')
  console.log('|---:|---:|---:|---:|---:|')
  console.log(`| ${median(frames).toFixed(0)} | ${median(menus).toFixed(0)} | ${median(baseline).toFixed(0)} | ${(median(frames) / median(baseline)).toFixed(2)} | ${(median(menus) / median(baseline)).toFixed(2)} |`)
}
