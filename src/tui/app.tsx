import { Box, Text, useApp, useWindowSize } from 'ink'
import { useEffect, useRef, useState } from 'react'
import { ACTIONS } from '../actions'
import { fieldsOf, type ActionSpec, type TaskAction, type TaskPreview } from '../actions/spec'
import { dispatch, type Face } from '../dispatch'
import { remedyFor, type GlobalKey } from '../dispatch/hint'
import { hintOf, InterruptedError, type TryHint } from '../errors'
import type { ApplyResult } from '../dispatch/execute'
import type { Plan } from '../engine/plan'
import type { PendingCheck } from '../db/pending'
import { checkPendingInBackground, type BackgroundCheck } from './background'
import type { Services } from '../services/types'
import { appSummary, pendingLine, type AppSummary } from './app-summary'
import { ActionForm, type FormValues } from './form'
import { useKeys, useLatest } from './keys'
import { useSpinner } from './spinner'
import { Menu, type MenuItem } from './menu'
import { Hint } from './hint'
import { Outcome } from './outcome'
import { Pager, type Line } from './pager'
import { Preview, TaskPreviewScreen } from './preview'
import { StepList, stepLines, withStep, type StepRow } from './steps'
import { palette } from './theme'
import { READING, type KnownApp } from './first-frame'
import { wrapRows } from './wrap'

/** Global flags given with the menus; they apply to everything run from them. */
export interface TuiFlags { dryRun: boolean; yes: boolean; force: boolean; generate: boolean }
const NO_FLAGS: TuiFlags = { dryRun: false, yes: false, force: false, generate: true }

type Screen =
  | { name: 'home' }
  | { name: 'form'; spec: ActionSpec; error?: string; hint?: TryHint; values?: FormValues }
  | { name: 'preview'; plan: Plan; answer: (yes: boolean) => void }
  | { name: 'task-preview'; spec: TaskAction; preview: TaskPreview; answer: (yes: boolean) => void }
  | { name: 'confirm'; word: string; warning: string; answer: (yes: boolean) => void }
  | { name: 'running'; title: string; lines: Line[]; steps: StepRow[]; done?: 'ok' | 'failed' }
  | { name: 'result'; plan: Plan; result: ApplyResult }
  | { name: 'report'; title: string; text: string; table?: boolean }
  | { name: 'error'; message: string; hint?: TryHint }

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))
const MAX_NOTICE_ROWS = 6
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

function Result({ plan, result, height, onDone }: { plan: Plan; result: ApplyResult; height: number; onDone: (quit: boolean) => void }) {
  const lines: Line[] = [
    { text: `✓ ${plan.summary}`, color: palette.ok, bold: true },
    ...plan.changes.map((c) => ({ text: `  ${{ create: '+', edit: '~', delete: '-' }[c.kind]} ${c.path}` })),
    ...result.followUps.map((f) => ({ text: `  ${f.summary}`, dim: true })),
    ...[...plan.notes, ...result.followUps.flatMap((f) => f.notes)].map((n) => ({ text: `note: ${n}`, color: palette.warn })),
    ...plan.next.map((n) => ({ text: `next: ${n}` })),
  ]
  return (
    <Box flexDirection="column">
      <Pager lines={lines} height={height - 1} onKey={(k) => {
        if (k.name === 'return' || k.name === 'escape') onDone(false)
        else if (k.name === 'text' && k.text === 'q') onDone(true)
      }} />
      <Hint>enter: back to menu · q: quit</Hint>
    </Box>
  )
}

/** Typed confirmation before a destructive task: the user types the word the action names. */
function Confirm({ word, warning, onAnswer }: { word: string; warning: string; onAnswer: (yes: boolean) => void }) {
  const [typed, setTyped, latest] = useLatest('')
  useKeys((k) => {
    if (k.name === 'escape') onAnswer(false)
    else if (k.name === 'return') { if (latest.current === word) onAnswer(true) }
    else if (k.name === 'backspace') setTyped((t) => t.slice(0, -1))
    else if (k.name === 'ctrl-u') setTyped('')
    else if (k.name === 'text') setTyped((t) => t + k.text)
  })
  return (
    <Box flexDirection="column">
      <Text color={palette.error} wrap="wrap">{`${warning}.`}</Text>
      <Text>{`Type "${word}" and press enter to go on: `}<Text color={palette.accent}>{typed}</Text><Text inverse> </Text></Text>
      <Hint>esc: back</Hint>
    </Box>
  )
}

/**
 * Running work: for work in numbered steps (db commands, module by module) the step list, then its
 * progress as it comes (the latest lines that fit).
 */
function Running({ title, lines, steps, height, onStop }: { title: string; lines: Line[]; steps: StepRow[]; height: number; onStop: () => void }) {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 100)
    return () => clearInterval(timer)
  }, [])
  useKeys((k) => { if (k.name === 'escape') onStop() })
  const spinner = SPINNER[tick % SPINNER.length]!
  const room = Math.max(1, height - 3)
  // the step list comes first, but leaves the latest lines some room
  const stepRows = Math.max(0, Math.min(steps.length, room - Math.min(lines.length, 2)))
  const lineRows = room - stepRows
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">{title}</Text>
      {stepRows > 0 ? <StepList rows={steps} height={stepRows} spinner={spinner} /> : null}
      {lines.slice(Math.max(0, lines.length - lineRows)).map((line, i) => <Text key={i} wrap="truncate-end" color={line.color} dimColor={line.dim}>{line.text || ' '}</Text>)}
      <Text color={palette.accent}>{`${spinner} working…`}</Text>
      <Hint>esc or ctrl+c: stop</Hint>
    </Box>
  )
}

/** A finished run, whole: every step and how it ended, what it printed, its result. */
const runLines = (lines: Line[], steps: StepRow[], done: 'ok' | 'failed'): Line[] => [
  ...stepLines(steps, done === 'failed'),
  ...lines,
  done === 'ok' ? { text: '✓ done', color: palette.ok } : { text: '✗ failed', color: palette.error },
]

const progressLine = (level: string, text: string): Line =>
  level === 'error' ? { text: `error: ${text}`, color: palette.error } : level === 'warn' ? { text: `warning: ${text}`, color: palette.warn } : { text }

function flagBadges(flags: TuiFlags): string {
  return [flags.dryRun && 'dry run', flags.yes && '--yes', flags.force && '--force', !flags.generate && '--no-generate'].filter(Boolean).join(' · ')
}

/** The interactive face: home menu → form → preview → apply → result, through the same dispatcher as the CLI. */
export function App({ services, cwd: startCwd, flags = NO_FLAGS, known, onExitCode }: {
  services: Services
  cwd: string
  flags?: TuiFlags
  /** The app the first frame found and drew (tui/first-frame.ts): shown, with its actions, until its summary is read. */
  known?: KnownApp | null
  /** The exit code the process should end with (130 after Ctrl+C on the home screen). */
  onExitCode?: (code: number) => void
}) {
  const { exit } = useApp()
  const { rows, columns } = useWindowSize()
  const [screen, setScreen, latestScreen] = useLatest<Screen>({ name: 'home' })
  const [cwd, setCwd] = useState(startCwd)
  const [app, setApp] = useState<AppSummary | null | undefined>(undefined)
  // the last action is remembered in the app it ran in; a new app starts on `module` (its first step)
  const [lastAction, setLastAction] = useState<{ root: string | undefined; action: string } | undefined>(undefined)
  const [hint, setHint] = useState<string>('')
  const [pending, setPending] = useState<PendingCheck | null>(null)
  // bumped when an action has changed something, so the migrations line is asked again
  const [changes, setChanges] = useState(0)
  // what a cancelled task left ("cancelled: …"), shown on the home screen until the next action
  const [notice, setNotice] = useState<string | null>(null)
  const work = useRef<AbortController | null>(null)
  // the pending check holds the embedded database while it reads; actions wait for it to let go
  const checking = useRef<Promise<unknown>>(Promise.resolve())
  const background = useRef<BackgroundCheck | null>(null)

  const quit = (code: number) => {
    background.current?.stop()
    onExitCode?.(code)
    exit()
  }

  // read on the home screen (an action may have changed the app) and as soon as the menus move into
  // another folder (new-app), so the header names the app the user is in
  const home = screen.name === 'home'
  const readFor = useRef<string | null>(null)
  useEffect(() => {
    if (!home && readFor.current === cwd) return undefined
    readFor.current = cwd
    let live = true
    void appSummary(cwd, services).then((found) => { if (live) setApp(found) })
    return () => { live = false }
  }, [home, cwd, services])

  // after the first frame: asking the database takes a while, so the menu does not wait for it. It is
  // asked on the home screen only, once per app and per change made from the menus.
  const appRoot = app?.root
  const asked = useRef({ key: '', seq: 0 })
  useEffect(() => {
    const key = `${appRoot}:${changes}`
    if (!home || !appRoot || asked.current.key === key) return
    const seq = ++asked.current.seq
    asked.current.key = key
    setPending(null)
    const check = checkPendingInBackground(appRoot)
    background.current = check
    checking.current = check.result.then((found) => {
      if (background.current === check) background.current = null
      if (asked.current.seq === seq) setPending(found)
    })
  }, [home, appRoot, changes, services])
  // quitting while the check runs ends it, so the process exits at once
  useEffect(() => () => background.current?.stop(), [])
  const spinner = useSpinner(Boolean(appRoot) && pending === null)

  // Ctrl+C stops running work; anywhere else it goes home, and on the home screen it quits (130).
  useKeys((k) => {
    if (k.name !== 'ctrl-c') return
    if (work.current && !work.current.signal.aborted) work.current.abort()
    else if (latestScreen.current.name === 'home' || work.current) quit(130)
    else setScreen({ name: 'home' })
  })

  // one frame that fits: a line less than the terminal, so ink redraws in place instead of scrolling
  const height = Math.max(8, rows - 1)
  // the home screen says more about the app: a second line under the title
  // until the summary is read, the app the first frame found, so ink draws the rows that frame drew
  const shown = app !== undefined ? app : cwd === startCwd ? known : undefined
  const about = home && shown
  const body = height - (about ? 3 : 2)
  const badges = flagBadges(flags)

  /** Runs the action through the one dispatcher; this face answers its questions with screens. */
  const run = async (spec: ActionSpec, raw: Record<string, unknown>, values: FormValues, globals: Partial<Record<GlobalKey, boolean>> = {}) => {
    // until the user has said yes to something, a failure belongs on the form (bad input, a refused plan)
    let started = false
    const lines: Line[] = []
    let steps: StepRow[] = []
    const controller = new AbortController()
    const ask = (make: (answer: (yes: boolean) => void) => Screen) =>
      new Promise<boolean>((resolve) => setScreen(make((yes) => {
        if (yes) {
          started = true
          // the running screen shows the run: what computing the preview said is behind the user
          lines.length = 0
        }
        resolve(yes)
      })))
    const face: Face = {
      previews: true,
      confirmPlan: (plan) => ask((answer) => ({ name: 'preview', plan, answer })),
      confirmTask: async (task, preview) => {
        if (preview) return ask((answer) => ({ name: 'task-preview', spec: task, preview, answer }))
        started = true
        return true
      },
      confirmTyped: ({ word, warning }) => ask((answer) => ({ name: 'confirm', word, warning, answer })),
      progress: ({ level, text, step }) => {
        if (step) steps = withStep(steps, step)
        else lines.push(...text.split('\n').map((t) => progressLine(level, t)))
        setScreen({ name: 'running', title: spec.name, lines: [...lines], steps })
      },
    }
    const back = () => setScreen({ name: 'form', spec, values })
    work.current = controller
    try {
      await checking.current
      const outcome = await dispatch(spec, raw, { services, cwd, ...flags, ...globals, signal: controller.signal }, face)
      if ((outcome.kind === 'plan' || outcome.kind === 'task') && outcome.result) setChanges((n) => n + 1)
      // Ctrl+C stopped the work (its children were killed): back to the menu
      if (controller.signal.aborted) setScreen({ name: 'home' })
      else if (outcome.kind === 'report') setScreen({ name: 'report', title: spec.name, text: outcome.report.text, table: outcome.report.table })
      else if (outcome.kind === 'plan') {
        if (outcome.result) {
          if (outcome.plan.action === 'new-app') {
            // "looking for an app…" until the new one is read, never the old folder's answer
            setApp(undefined)
            setCwd(outcome.plan.root)
          }
          setScreen({ name: 'result', plan: outcome.plan, result: outcome.result })
        } else if (outcome.cancelled) back()
        // nothing to change, or --dry-run: the plan is shown, and leads back to the form
        else await ask((answer) => ({ name: 'preview', plan: outcome.plan, answer })).then(back)
      } else if (outcome.cancelled) back()
      else if (!outcome.result && outcome.preview) await ask((answer) => ({ name: 'task-preview', spec: outcome.spec, preview: outcome.preview!, answer })).then(back)
      else {
        const result = outcome.result!
        const done = (result.exitCode ?? 0) === 0 ? 'ok' : 'failed'
        setScreen({ name: 'running', title: spec.name, lines: [...lines, ...result.text.split('\n').map((text) => ({ text }))], steps, done })
      }
    } catch (error) {
      const failed: Line = { text: `error: ${message(error)}`, color: palette.error }
      if (controller.signal.aborted) {
        // a cancelled task says what it left (dispatch phrases every one so), and may have changed something
        if (error instanceof InterruptedError) {
          setNotice(error.message)
          setChanges((n) => n + 1)
        }
        setScreen({ name: 'home' })
      } else if (!started) setScreen({ name: 'form', spec, values, error: message(error), hint: hintOf(error) })
      else if (lines.length > 0 || steps.length > 0) setScreen({ name: 'running', title: spec.name, lines: [...lines, failed], steps, done: 'failed' })
      else setScreen({ name: 'error', message: message(error), hint: hintOf(error) })
    } finally {
      work.current = null
    }
  }

  /** Read-only actions, and actions without inputs, open directly; the rest open their form. */
  const open = (spec: ActionSpec) => {
    setNotice(null)
    if (spec.kind === 'report' || fieldsOf(spec).length === 0) void run(spec, {}, {})
    else setScreen({ name: 'form', spec })
  }

  const header = (
    <Box flexDirection="column">
      <Text wrap="truncate-end"><Text bold>create-mercato-module</Text>{badges ? <Text color={palette.warn}>{`  [${badges}]`}</Text> : null}</Text>
      <Text wrap="truncate-end" dimColor>
        {shown === undefined ? 'looking for an app…' : shown === null ? `no app at ${cwd}: create one first` : `app ${shown.name} in ${shown.root}`}
      </Text>
      {about ? <Text wrap="truncate-end" dimColor>{app ? `${app.modules ?? '?'} module${app.modules === 1 ? '' : 's'} · registry ${app.registry} · ${pendingLine(pending, spinner)}` : READING}</Text> : null}
    </Box>
  )

  const content = (() => {
    switch (screen.name) {
      case 'home': {
        if (shown === undefined) return <Text dimColor>…</Text>
        const available = ACTIONS.filter((a) => shown !== null || !a.needsApp)
        const items: MenuItem[] = [...available.map((a) => ({ value: a.name, label: a.name, hint: a.summary })), { value: '__quit', label: 'quit', hint: 'leave the menus (esc or q)' }]
        // the notice takes the blank row under the menu, and as many more as it needs (a few at most)
        const noticeRows = notice ? wrapRows(notice, columns, MAX_NOTICE_ROWS) : [' ']
        const initial = lastAction?.root === shown?.root ? lastAction?.action : shown ? 'module' : undefined
        return (
          <Box flexDirection="column">
            <Menu
              key={`${shown?.root ?? cwd}`}
              items={items}
              height={body - 2 - noticeRows.length}
              initial={initial}
              onMove={(item) => setHint(item?.hint ?? '')}
              onSelect={(value) => {
                setLastAction({ root: shown?.root, action: value })
                const spec = ACTIONS.find((a) => a.name === value)
                if (spec) open(spec)
                else quit(0)
              }}
              onCancel={() => quit(0)}
              onQuit={() => quit(0)}
            />
            {noticeRows.map((row, i) => <Text key={i} wrap="truncate-end" color={palette.warn}>{row}</Text>)}
            <Text wrap="truncate-end" dimColor>{hint || (items.find((i) => i.value === initial) ?? items[0]!).hint}</Text>
            <Hint>↑/↓ move · enter choose · esc/q quit</Hint>
          </Box>
        )
      }
      case 'form':
        return (
          <ActionForm
            key={`${screen.spec.name}:${screen.error ?? ''}`}
            spec={screen.spec}
            height={body}
            error={screen.error}
            remedy={screen.hint && remedyFor(screen.hint, screen.spec)}
            initial={screen.values}
            appRoot={app?.root ?? null}
            services={services}
            onSubmit={(raw, values, globals) => void run(screen.spec, raw, values, globals)}
            onCancel={() => setScreen({ name: 'home' })}
          />
        )
      case 'preview':
        return <Preview plan={screen.plan} height={body} dryRun={flags.dryRun} onConfirm={() => { setScreen({ name: 'running', title: `${screen.plan.action}: applying`, lines: [], steps: [] }); screen.answer(true) }} onCancel={() => screen.answer(false)} />
      case 'task-preview':
        return <TaskPreviewScreen spec={screen.spec} preview={screen.preview} height={body} dryRun={flags.dryRun} onConfirm={() => screen.answer(true)} onCancel={() => screen.answer(false)} />
      case 'confirm':
        return <Confirm word={screen.word} warning={screen.warning} onAnswer={screen.answer} />
      case 'running':
        if (screen.done) return <Outcome title={screen.title} lines={runLines(screen.lines, screen.steps, screen.done)} height={body} atEnd onBack={() => setScreen({ name: 'home' })} />
        return <Running title={screen.title} lines={screen.lines} steps={screen.steps} height={body} onStop={() => work.current?.abort()} />
      case 'result':
        return <Result plan={screen.plan} result={screen.result} height={body} onDone={(q) => (q ? quit(0) : setScreen({ name: 'home' }))} />
      case 'report':
        return <Outcome title={screen.title} lines={screen.text.split('\n').map((text) => ({ text }))} height={body} table={screen.table} onBack={() => setScreen({ name: 'home' })} />
      case 'error':
        return (
          <Box flexDirection="column">
            <Text color={palette.error} wrap="wrap">{`✗ ${screen.message}`}</Text>
            {screen.hint ? <Text wrap="wrap">{`try: ${screen.hint.text}`}</Text> : null}
            <ErrorKeys onBack={() => setScreen({ name: 'home' })} />
          </Box>
        )
    }
  })()

  return (
    <Box flexDirection="column" height={height}>
      {header}
      {content}
    </Box>
  )
}

function ErrorKeys({ onBack }: { onBack: () => void }) {
  useKeys((k) => { if (k.name === 'return' || k.name === 'escape') onBack() })
  return <Hint>enter: back</Hint>
}
