import { Box, Text, useWindowSize } from 'ink'
import { useEffect, useMemo, useState } from 'react'
import { fieldsOf, type ActionSpec, type FieldInfo } from '../actions/spec'
import { actionable, rerunnable, type GlobalKey, type Remedy } from '../dispatch/hint'
import { fieldProblem } from '../dispatch/problems'
import { createTree } from '../services/tree'
import type { Services } from '../services/types'
import { useKeys, useLatest } from './keys'
import { Menu, windowStart } from './menu'
import { editText } from './text-edit'
import { palette } from './theme'
import { wrapRows } from './wrap'

/** A field's value in the form; null is "the action's default" for a yes/no whose default depends on other inputs. */
export type FormValue = string | boolean | null
export type FormValues = Record<string, FormValue>

/** A yes/no without a fixed default (page --require-auth): default / yes / no. */
const triState = (f: FieldInfo) => f.kind === 'boolean' && !f.required && f.defaultValue === undefined

function initialValues(fields: FieldInfo[]): FormValues {
  const values: FormValues = {}
  for (const f of fields) {
    if (f.kind === 'boolean') values[f.key] = triState(f) ? null : f.defaultValue === true
    else if (Array.isArray(f.defaultValue)) values[f.key] = f.defaultValue.join(',')
    else values[f.key] = f.defaultValue === undefined ? '' : String(f.defaultValue)
  }
  return values
}

/** Form values as raw input for the action's schema: empty optional text and "default" count as not given. */
export function toRawInput(fields: FieldInfo[], values: FormValues): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  for (const f of fields) {
    const v = values[f.key]
    if (v === null || v === undefined || (v === '' && !f.required)) continue
    // a repeatable flag is typed as space-separated items in the form
    raw[f.key] = f.kind === 'repeated' && typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v
  }
  return raw
}

/** A value's problem in the command line's words, so the form and `--flag value` say the same. */
function fieldError(spec: ActionSpec, field: FieldInfo, value: FormValue): string | null {
  if (value === '' || value === null) return null
  return fieldProblem(spec, field, toRawInput([field], { [field.key]: value })[field.key])
}

const invalid = (spec: ActionSpec, field: FieldInfo, value: FormValue) => (field.required && value === '') || fieldError(spec, field, value) !== null

// rows for the focused field's description, its problem, the form's error and its remedy: enough to
// read them whole in most cases, few enough that a form still shows several fields at 80x24
const DESCRIPTION_ROWS = 3
const PROBLEM_ROWS = 2
const ERROR_ROWS = 4
const REMEDY_ROWS = 2

/** `untouched`: what the form started with (defaults, and what a picker prefilled): Esc asks only when values differ from it. */
interface FormState { values: FormValues; untouched: FormValues; focus: number; cursor: number; asking: boolean; picking: string | null }

/**
 * The form of an action, built from its spec: one row per input field, then a submit row.
 * ↑/↓ or Tab move; text fields edit like a shell line (←/→, Home/End, Ctrl+U, Ctrl+W); Space toggles
 * a yes/no (default → yes → no when the default depends on other inputs); ←/→ cycle a choice; Enter on a
 * field with existing values opens a filtering picker; Esc on a changed form asks before dropping it.
 */
/** The TUI's words for a remedy: a key that runs the action again with it, or the field to fill in. */
export function remedyLine(remedy: Remedy, fields: FieldInfo[]): string {
  const flagOf = (key: string) => fields.find((f) => f.key === key)?.flag ?? key
  const words = [
    ...Object.entries(remedy.globals).map(([k, v]) => (k === 'generate' ? (v ? 'the registry generated' : 'no registry generation') : v ? k : `no ${k}`)),
    ...Object.entries(remedy.inputs).map(([k, v]) => `${flagOf(k)} ${v === true ? 'on' : v === false ? 'off' : v}`),
  ]
  if (words.length > 0) return `ctrl+r: run again with ${words.join(', ')}, to ${remedy.text}`
  if (remedy.field) return `try: fill in ${flagOf(remedy.field)}, to ${remedy.text}`
  return `try: ${remedy.text}`
}

export function ActionForm({ spec, height, error, remedy, initial, appRoot, services, onSubmit, onCancel }: {
  spec: ActionSpec
  height: number
  error?: string
  /** What the user can do about the error, when the action said. */
  remedy?: Remedy
  /** Values to start from, when coming back from an error or the preview. */
  initial?: FormValues
  appRoot: string | null
  services: Services
  /** `globals`: options for this run only (force, no registry generation), from the remedy of an error. */
  onSubmit: (raw: Record<string, unknown>, values: FormValues, globals?: Partial<Record<GlobalKey, boolean>>) => void
  onCancel: () => void
}) {
  const { columns } = useWindowSize()
  const fields = useMemo(() => fieldsOf(spec), [spec])
  const pristine = useMemo(() => initialValues(fields), [fields])
  const start = initial ?? pristine
  const [state, setState, latest] = useLatest<FormState>(() => ({
    values: start,
    untouched: pristine,
    // back from the preview or an error, the user was on the submit row, unless a field is wanted
    focus: remedy?.field ? fields.findIndex((f) => f.key === remedy.field) : initial ? fields.length : 0,
    cursor: String(start[fields[0]?.key ?? ''] ?? '').length,
    asking: false,
    picking: null,
  }))
  const [options, setOptions] = useState<Record<string, string[]>>({})
  const pickers = Object.entries(spec.pickers ?? {})

  // entity pickers depend on the chosen module, so options reload when it changes
  useEffect(() => {
    let live = true
    for (const [key, picker] of pickers) {
      if (!picker || !appRoot) continue
      void picker.options(createTree(appRoot, services.fs), latest.current.values).then((found) => {
        if (!live) return
        setOptions((o) => ({ ...o, [key]: found }))
        if (picker.prefill && found[0]) {
          setState((s) => (s.values[key] === '' ? { ...s, values: { ...s.values, [key]: found[0]! }, untouched: { ...s.untouched, [key]: found[0]! }, cursor: s.focus === fields.findIndex((f) => f.key === key) ? found[0]!.length : s.cursor } : s))
        }
      })
    }
    return () => { live = false }
  }, [state.values.module, appRoot])

  const rows = fields.length + 1
  const focusOn = (s: FormState, focus: number): FormState => ({ ...s, focus, cursor: String(s.values[fields[focus]?.key ?? ''] ?? '').length })

  useKeys((k) => {
    const s = latest.current
    if (s.picking) return
    if (s.asking) {
      if (k.name === 'text' && k.text === 'y') onCancel()
      else if (k.name === 'escape' || (k.name === 'text' && k.text === 'n')) setState({ ...s, asking: false })
      return
    }
    const current = fields[s.focus]
    const set = (value: FormValue, cursor = s.cursor) => setState({ ...s, values: { ...s.values, [current!.key]: value }, cursor })
    switch (k.name) {
      case 'ctrl-r': {
        if (!remedy || !rerunnable(remedy)) return
        const values = { ...s.values, ...remedy.inputs }
        setState({ ...s, values })
        return onSubmit(toRawInput(fields, values), values, remedy.globals)
      }
      case 'escape':
        if (fields.some((f) => s.values[f.key] !== s.untouched[f.key])) return setState({ ...s, asking: true })
        return onCancel()
      case 'up':
      case 'backtab': return setState(focusOn(s, (s.focus - 1 + rows) % rows))
      case 'down':
      case 'tab': return setState(focusOn(s, (s.focus + 1) % rows))
      case 'return': {
        if (current && options[current.key]?.length) return setState({ ...s, picking: current.key })
        if (current) return setState(focusOn(s, s.focus + 1))
        const bad = fields.findIndex((f) => invalid(spec, f, s.values[f.key]!))
        if (bad !== -1) return setState(focusOn(s, bad))
        return onSubmit(toRawInput(fields, s.values), s.values)
      }
      default:
    }
    if (!current) return
    const value = s.values[current.key]!
    if (current.kind === 'boolean') {
      if (k.name === 'text' && k.text === ' ') set(triState(current) ? (value === null ? true : value === true ? false : null) : !value)
      return
    }
    if (current.kind === 'enum' && (k.name === 'left' || k.name === 'right')) {
      const choices = current.choices!
      const at = choices.indexOf(String(value))
      return set(choices[(at + (k.name === 'right' ? 1 : choices.length - 1)) % choices.length]!)
    }
    const edited = editText({ value: String(value), cursor: s.cursor }, k)
    if (edited) set(edited.value, edited.cursor)
  })

  if (state.picking) {
    const key = state.picking
    return (
      <Box flexDirection="column">
        <Text bold wrap="truncate-end">{`${spec.name}: pick ${fields.find((f) => f.key === key)?.flag ?? key}`}</Text>
        <Menu
          items={(options[key] ?? []).map((o) => ({ value: o, label: o }))}
          height={height - 2}
          initial={String(state.values[key] ?? '')}
          filterable
          onSelect={(value) => setState((s) => ({ ...s, picking: null, values: { ...s.values, [key]: value }, cursor: value.length }))}
          onCancel={() => setState((s) => ({ ...s, picking: null }))}
        />
        <Text dimColor wrap="truncate-end">type to filter · ↑/↓ move · enter pick · esc back</Text>
      </Box>
    )
  }

  const width = Math.max(...fields.map((f) => f.flag.length), 6) + 2
  const current = fields[state.focus]
  const currentProblem = current ? fieldError(spec, current, state.values[current.key]!) : null
  const description = current?.description ? wrapRows(`  ${current.flag}: ${current.description}`, columns, DESCRIPTION_ROWS, '    ') : []
  const problem = currentProblem ? wrapRows(`  ✗ ${currentProblem}`, columns, PROBLEM_ROWS, '    ') : []
  const errorRows = state.asking ? ['discard the changes to this form? y/n'] : error ? wrapRows(`✗ ${error}`, columns, ERROR_ROWS) : []
  const remedyRows = !state.asking && error && remedy ? wrapRows(remedyLine(remedy, fields), columns, REMEDY_ROWS) : []
  // the fields get what the title, the keys, the submit row and the lines under it leave
  const room = Math.max(3, height - 3 - description.length - problem.length - errorRows.length - remedyRows.length)
  const first = windowStart(Math.min(state.focus, fields.length - 1), fields.length, room)
  const render = (f: FieldInfo, i: number) => {
    const value = state.values[f.key]!
    const focused = i === state.focus
    const bad = fieldError(spec, f, value) !== null
    const text = String(value)
    let shown
    if (f.kind === 'boolean') shown = <Text>{value === null ? '[default]' : value ? '[x]' : '[ ]'}</Text>
    else if (focused && f.kind !== 'enum') {
      shown = <Text color={bad ? palette.error : undefined}>{text.slice(0, state.cursor)}<Text inverse>{text[state.cursor] ?? ' '}</Text>{text.slice(state.cursor + 1)}</Text>
    } else shown = <Text color={bad ? palette.error : undefined}>{text || '—'}{f.kind === 'enum' && focused ? <Text dimColor>  ←/→</Text> : null}</Text>
    return (
      <Text key={f.key} wrap="truncate-end">
        <Text color={focused ? palette.accent : undefined} bold={focused}>{`${focused ? '›' : ' '} ${f.flag.padEnd(width)}`}</Text>
        {shown}
        {f.required ? <Text color={palette.warn}> *</Text> : null}
        {bad && !focused ? <Text color={palette.error}> ✗</Text> : null}
        {focused && options[f.key]?.length ? <Text dimColor>{`  enter: pick from ${options[f.key]!.length}`}</Text> : null}
      </Text>
    )
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">{`${spec.name}: ${spec.summary}`}</Text>
      <Text dimColor wrap="truncate-end">{state.asking ? '' : '↑/↓ move · type to edit · space toggles · enter next · esc back'}</Text>
      {fields.slice(first, first + room).map((f, i) => render(f, first + i))}
      <Text color={state.focus === fields.length ? palette.accent : undefined} bold={state.focus === fields.length}>{`${state.focus === fields.length ? '›' : ' '} [ Preview changes ]`}</Text>
      {description.map((row, i) => <Text key={`d${i}`} dimColor wrap="truncate-end">{row}</Text>)}
      {problem.map((row, i) => <Text key={`p${i}`} color={palette.error} wrap="truncate-end">{row}</Text>)}
      {errorRows.map((row, i) => <Text key={`e${i}`} color={state.asking ? palette.warn : palette.error} wrap="truncate-end">{row}</Text>)}
      {remedyRows.map((row, i) => <Text key={`r${i}`} color={remedy && actionable(remedy) ? palette.accent : undefined} wrap="truncate-end">{row}</Text>)}
    </Box>
  )
}
