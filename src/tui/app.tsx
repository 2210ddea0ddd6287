import { Box, Text, useApp, useInput } from 'ink'
import { useEffect, useState } from 'react'
import { ACTIONS } from '../actions'
import type { ActionSpec, TaskAction, TaskPreview } from '../actions/spec'
import { findApp } from '../app/detect'
import { dispatch, type Face } from '../dispatch'
import type { ApplyResult } from '../engine/execute'
import type { Plan } from '../engine/plan'
import { createTree } from '../engine/tree'
import type { Services } from '../services/types'
import { ActionForm, type FormValues } from './form'
import { Menu } from './menu'
import { Preview, TaskPreviewScreen } from './preview'

type Screen =
  | { name: 'home' }
  | { name: 'form'; spec: ActionSpec; error?: string; values?: FormValues }
  | { name: 'preview'; plan: Plan; answer: (yes: boolean) => void }
  | { name: 'task-preview'; spec: TaskAction; preview: TaskPreview; answer: (yes: boolean) => void }
  | { name: 'working'; message: string }
  | { name: 'result'; plan: Plan; result: ApplyResult }
  | { name: 'error'; message: string }
  | { name: 'report'; text: string }
  | { name: 'confirm'; word: string; warning: string; answer: (yes: boolean) => void }
  | { name: 'running'; title: string; lines: string[]; done?: 'ok' | 'failed' }

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

function Result({ plan, result, onDone }: { plan: Plan; result: ApplyResult; onDone: (quit: boolean) => void }) {
  useInput((input, key) => {
    if (key.return) onDone(false)
    else if (input === 'q') onDone(true)
  })
  return (
    <Box flexDirection="column">
      <Text color="green">{`✓ ${plan.summary}`}</Text>
      {plan.changes.map((c) => <Text key={c.path}>{`  ${{ create: '+', edit: '~', delete: '-' }[c.kind]} ${c.path}`}</Text>)}
      {result.followUps.map((f) => <Text key={f.kind} dimColor>{`  ${f.summary}`}</Text>)}
      {[...plan.notes, ...result.followUps.flatMap((f) => f.notes)].map((n) => <Text key={n} color="yellow">{`note: ${n}`}</Text>)}
      <Text dimColor>enter: back to menu · q: quit</Text>
    </Box>
  )
}

function Report({ text, onBack }: { text: string; onBack: () => void }) {
  useInput((_input, key) => { if (key.return || key.escape) onBack() })
  return (
    <Box flexDirection="column">
      <Text>{text}</Text>
      <Text dimColor>enter: back</Text>
    </Box>
  )
}

/** Typed confirmation before a destructive action: the user types the spec's word. */
function Confirm({ word, warning, onConfirm, onBack }: { word: string; warning: string; onConfirm: () => void; onBack: () => void }) {
  const [typed, setTyped] = useState('')
  useInput((input, key) => {
    if (key.escape) onBack()
    else if (key.return) { if (typed === word) onConfirm() }
    else if (key.backspace || key.delete) setTyped((t) => t.slice(0, -1))
    else if (input && !key.ctrl && !key.meta) setTyped((t) => t + input)
  })
  return (
    <Box flexDirection="column">
      <Text color="red">{`${warning}.`}</Text>
      <Text>{`Type "${word}" and press enter to go on: `}<Text color="yellow">{typed}</Text><Text inverse> </Text></Text>
      <Text dimColor>esc: back</Text>
    </Box>
  )
}

/** Live progress of database work, then its result. */
function Running({ title, lines, done, onBack }: { title: string; lines: string[]; done?: 'ok' | 'failed'; onBack: () => void }) {
  useInput((_input, key) => { if (done && (key.return || key.escape)) onBack() })
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {lines.map((line, i) => <Text key={i} color={line.startsWith('error') ? 'red' : undefined}>{line}</Text>)}
      {done === undefined ? <Text color="yellow">working…</Text> : <Text color={done === 'ok' ? 'green' : 'red'}>{done === 'ok' ? '✓ done' : '✗ failed'}</Text>}
      {done ? <Text dimColor>enter: back to menu</Text> : null}
    </Box>
  )
}

function ErrorScreen({ text, onBack }: { text: string; onBack: () => void }) {
  useInput((_input, key) => { if (key.return || key.escape) onBack() })
  return (
    <Box flexDirection="column">
      <Text color="red">{`✗ ${text}`}</Text>
      <Text dimColor>enter: back</Text>
    </Box>
  )
}

/** The interactive face of the tool: home menu → form → preview → apply → result, on the same engine as the CLI. */
export function App({ services, cwd }: { services: Services; cwd: string }) {
  const { exit } = useApp()
  const [screen, setScreen] = useState<Screen>({ name: 'home' })
  const [appRoot, setAppRoot] = useState<string | null | undefined>(undefined)

  useEffect(() => {
    if (screen.name === 'home') void findApp(cwd, services.fs).then((found) => setAppRoot(found?.root ?? null))
  }, [screen.name, cwd, services.fs])

  /** Runs the action through the one dispatcher; this face answers its questions with screens. */
  const run = async (spec: ActionSpec, raw: Record<string, unknown>, values: FormValues) => {
    // until the user has said yes to something, a failure belongs on the form (bad input, a refused plan)
    let started = false
    const lines: string[] = []
    const ask = <T extends Screen>(make: (answer: (yes: boolean) => void) => T) =>
      new Promise<boolean>((resolve) => setScreen(make((yes) => {
        if (!yes) resolve(false)
        else {
          started = true
          resolve(true)
        }
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
      progress: ({ level, text }) => {
        lines.push(level === 'error' ? `error: ${text}` : level === 'warn' ? `warning: ${text}` : text)
        setScreen({ name: 'running', title: spec.name, lines: [...lines] })
      },
    }
    try {
      const outcome = await dispatch(spec, raw, { services, cwd }, face)
      if (outcome.kind === 'report') setScreen({ name: 'report', text: outcome.report.text })
      else if (outcome.kind === 'plan') {
        if (outcome.result) setScreen({ name: 'result', plan: outcome.plan, result: outcome.result })
        else if (outcome.cancelled) setScreen({ name: 'form', spec, values })
        else await ask((answer) => ({ name: 'preview', plan: outcome.plan, answer })).then(() => setScreen({ name: 'form', spec, values }))
      } else if (outcome.cancelled) setScreen({ name: 'home' })
      else {
        const result = outcome.result!
        setScreen({ name: 'running', title: spec.name, lines: [...lines, ...result.text.split('\n')], done: (result.exitCode ?? 0) === 0 ? 'ok' : 'failed' })
      }
    } catch (error) {
      if (!started) setScreen({ name: 'form', spec, values, error: message(error) })
      else if (lines.length > 0) setScreen({ name: 'running', title: spec.name, lines: [...lines, `error: ${message(error)}`], done: 'failed' })
      else setScreen({ name: 'error', message: message(error) })
    }
  }

  switch (screen.name) {
    case 'home': {
      if (appRoot === undefined) return <Text dimColor>looking for an app…</Text>
      const available = ACTIONS.filter((a) => appRoot !== null || !a.needsApp)
      return (
        <Box flexDirection="column">
          <Text bold>create-mercato-module</Text>
          <Text dimColor>{appRoot ? `app: ${appRoot}` : `no app at ${cwd}: create one first`}</Text>
          <Box marginTop={1}>
            <Menu
              items={[...available.map((a) => ({ value: a.name, label: a.name, hint: a.summary })), { value: '__quit', label: 'quit' }]}
              onSelect={(value) => {
                const spec = ACTIONS.find((a) => a.name === value)
                if (spec) setScreen({ name: 'form', spec })
                else exit()
              }}
              onCancel={() => exit()}
            />
          </Box>
        </Box>
      )
    }
    case 'form': {
      const { spec } = screen
      const loadOptions = async (key: string, values: Record<string, unknown>) => {
        const picker = spec.pickers?.[key]
        return picker && appRoot ? picker.options(createTree(appRoot, services.fs), values) : []
      }
      return (
        <ActionForm
          key={`${spec.name}:${screen.error ?? ''}`}
          spec={spec}
          error={screen.error}
          initial={screen.values}
          loadOptions={loadOptions}
          onSubmit={(raw, values) => void run(spec, raw, values)}
          onCancel={() => setScreen({ name: 'home' })}
        />
      )
    }
    case 'preview':
      return <Preview plan={screen.plan} onConfirm={() => { setScreen({ name: 'working', message: 'applying…' }); screen.answer(true) }} onCancel={() => screen.answer(false)} />
    case 'task-preview':
      return <TaskPreviewScreen spec={screen.spec} preview={screen.preview} onConfirm={() => screen.answer(true)} onCancel={() => screen.answer(false)} />
    case 'working':
      return <Text color="yellow">{screen.message}</Text>
    case 'result':
      return <Result plan={screen.plan} result={screen.result} onDone={(quit) => (quit ? exit() : setScreen({ name: 'home' }))} />
    case 'error':
      return <ErrorScreen text={screen.message} onBack={() => setScreen({ name: 'home' })} />
    case 'report':
      return <Report text={screen.text} onBack={() => setScreen({ name: 'home' })} />
    case 'confirm':
      return <Confirm word={screen.word} warning={screen.warning} onConfirm={() => screen.answer(true)} onBack={() => screen.answer(false)} />
    case 'running':
      return <Running title={screen.title} lines={screen.lines} done={screen.done} onBack={() => setScreen({ name: 'home' })} />
  }
}
