import { Box, Text, useApp, useInput } from 'ink'
import { useEffect, useState } from 'react'
import { ACTIONS } from '../actions'
import type { ActionSpec } from '../actions/spec'
import { findApp } from '../app/detect'
import { applyAction, planAction, validateInput, type ApplyResult } from '../engine/execute'
import type { Plan } from '../engine/plan'
import { createTree } from '../engine/tree'
import type { Services } from '../services/types'
import { ActionForm, type FormValues } from './form'
import { Menu } from './menu'
import { Preview } from './preview'

type Screen =
  | { name: 'home' }
  | { name: 'form'; spec: ActionSpec; error?: string; values?: FormValues }
  | { name: 'preview'; spec: ActionSpec; plan: Plan; values: FormValues }
  | { name: 'working'; message: string }
  | { name: 'result'; plan: Plan; result: ApplyResult }
  | { name: 'error'; message: string }
  | { name: 'report'; text: string }
  | { name: 'confirm'; spec: ActionSpec; input: Record<string, unknown> }
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
function Confirm({ word, onConfirm, onBack }: { word: string; onConfirm: () => void; onBack: () => void }) {
  const [typed, setTyped] = useState('')
  useInput((input, key) => {
    if (key.escape) onBack()
    else if (key.return) { if (typed === word) onConfirm() }
    else if (key.backspace || key.delete) setTyped((t) => t.slice(0, -1))
    else if (input && !key.ctrl && !key.meta) setTyped((t) => t + input)
  })
  return (
    <Box flexDirection="column">
      <Text color="red">This deletes every migration and drops the module tables.</Text>
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
  const app = appRoot ? { root: appRoot, modulesFile: `${appRoot}/src/modules.ts` } : null

  const preview = async (spec: ActionSpec, raw: Record<string, unknown>, values: FormValues) => {
    try {
      const input = validateInput(spec, raw)
      if (spec.executeOnly) {
        if (spec.confirmWord) setScreen({ name: 'confirm', spec, input })
        else void run(spec, input)
        return
      }
      const described = spec.report && app ? await spec.report(input, { tree: createTree(app.root, services.fs), app, templates: services.templates, force: false, cwd }) : null
      if (described) {
        setScreen({ name: 'report', text: described.text })
        return
      }
      setScreen({ name: 'preview', spec, values, plan: await planAction(spec, input, services, { cwd }) })
    } catch (error) {
      setScreen({ name: 'form', spec, values, error: message(error) })
    }
  }

  /** Runs an execute-only action (database work), showing its progress lines as they come. */
  const run = async (spec: ActionSpec, input: Record<string, unknown>) => {
    const lines: string[] = []
    const title = spec.name
    const push = (line: string) => {
      lines.push(line)
      setScreen({ name: 'running', title, lines: [...lines] })
    }
    push(`running ${spec.name}…`)
    const reporter = { out: push, info: push, warn: (t: string) => push(`warning: ${t}`), error: (t: string) => push(`error: ${t}`) }
    const runServices: Services = { fs: services.fs, templates: services.templates, runner: services.runner, prompter: services.prompter, clock: services.clock, reporter }
    try {
      const code = await spec.execute!(input, { services: runServices, app, cwd, json: false, yes: true, dryRun: false })
      setScreen({ name: 'running', title, lines: [...lines], done: code === 0 ? 'ok' : 'failed' })
    } catch (error) {
      setScreen({ name: 'running', title, lines: [...lines, `error: ${message(error)}`], done: 'failed' })
    }
  }

  const apply = async (plan: Plan) => {
    setScreen({ name: 'working', message: 'applying…' })
    try {
      setScreen({ name: 'result', plan, result: await applyAction(plan, services) })
    } catch (error) {
      setScreen({ name: 'error', message: message(error) })
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
          onSubmit={(raw, values) => void preview(spec, raw, values)}
          onCancel={() => setScreen({ name: 'home' })}
        />
      )
    }
    case 'preview':
      return <Preview plan={screen.plan} onConfirm={() => void apply(screen.plan)} onCancel={() => setScreen({ name: 'form', spec: screen.spec, values: screen.values })} />
    case 'working':
      return <Text color="yellow">{screen.message}</Text>
    case 'result':
      return <Result plan={screen.plan} result={screen.result} onDone={(quit) => (quit ? exit() : setScreen({ name: 'home' }))} />
    case 'error':
      return <ErrorScreen text={screen.message} onBack={() => setScreen({ name: 'home' })} />
    case 'report':
      return <Report text={screen.text} onBack={() => setScreen({ name: 'home' })} />
    case 'confirm':
      return <Confirm word={screen.spec.confirmWord!} onConfirm={() => void run(screen.spec, screen.input)} onBack={() => setScreen({ name: 'home' })} />
    case 'running':
      return <Running title={screen.title} lines={screen.lines} done={screen.done} onBack={() => setScreen({ name: 'home' })} />
  }
}
