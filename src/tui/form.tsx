import { Box, Text, useInput } from 'ink'
import { useEffect, useMemo, useState } from 'react'
import { fieldsOf, type ActionSpec, type FieldInfo } from '../actions/spec'

export type FormValues = Record<string, string | boolean>

function initialValues(fields: FieldInfo[]): FormValues {
  const values: FormValues = {}
  for (const f of fields) {
    if (f.kind === 'boolean') values[f.key] = f.defaultValue === true
    else if (Array.isArray(f.defaultValue)) values[f.key] = f.defaultValue.join(',')
    else values[f.key] = f.defaultValue === undefined ? '' : String(f.defaultValue)
  }
  return values
}

/** Form values as raw input for the action's schema: empty optional text counts as not given. */
export function toRawInput(fields: FieldInfo[], values: FormValues): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  for (const f of fields) {
    const v = values[f.key]
    if (v === '' && !f.required) continue
    // an untouched optional yes/no without a default stays unset, so the action's own default applies
    if (v === false && !f.required && f.defaultValue === undefined) continue
    // a repeatable flag is typed as space-separated items in the form
    raw[f.key] = f.kind === 'repeated' && typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v
  }
  return raw
}

function fieldError(field: FieldInfo, value: string | boolean): string | null {
  if (value === '') return null
  const result = field.schema.safeParse(toRawInput([field], { [field.key]: value })[field.key])
  return result.success ? null : result.error.issues[0]!.message
}

/**
 * The form of an action, built from its spec: one row per input field, then a submit row.
 * ↑/↓ or Tab move, typing edits text, Space toggles a yes/no field, ←/→ cycle a choice,
 * Enter moves on (on the last row it submits), Esc goes back.
 */
export function ActionForm({ spec, error, initial, loadOptions, onSubmit, onCancel }: {
  spec: ActionSpec
  error?: string
  /** Values to start from, when coming back from an error or the preview. */
  initial?: FormValues
  /** Existing values for a field with a picker (modules, entities), given the form so far. */
  loadOptions: (key: string, values: FormValues) => Promise<string[]>
  onSubmit: (raw: Record<string, unknown>, values: FormValues) => void
  onCancel: () => void
}) {
  const fields = useMemo(() => fieldsOf(spec), [spec])
  const [values, setValues] = useState(() => initial ?? initialValues(fields))
  const [focus, setFocus] = useState(0)
  const [options, setOptions] = useState<Record<string, string[]>>({})
  const pickers = Object.entries(spec.pickers ?? {})

  // entity pickers depend on the chosen module, so options reload when it changes
  useEffect(() => {
    let live = true
    for (const [key, picker] of pickers) {
      void loadOptions(key, values).then((found) => {
        if (!live) return
        setOptions((o) => ({ ...o, [key]: found }))
        if (picker?.prefill && found[0]) setValues((v) => (v[key] === '' ? { ...v, [key]: found[0]! } : v))
      })
    }
    return () => { live = false }
  }, [values.module])
  const rows = fields.length + 1
  const current = fields[focus]
  const set = (key: string, value: string | boolean) => setValues((v) => ({ ...v, [key]: value }))

  useInput((input, key) => {
    if (key.escape) return onCancel()
    if (key.upArrow || (key.tab && key.shift)) return setFocus((f) => (f - 1 + rows) % rows)
    if (key.downArrow || key.tab) return setFocus((f) => (f + 1) % rows)
    if (key.return) {
      if (!current) return onSubmit(toRawInput(fields, values), values)
      return setFocus((f) => f + 1)
    }
    if (!current) return
    const value = values[current.key]!
    if (current.kind === 'boolean') {
      if (input === ' ') set(current.key, !value)
      return
    }
    if (current.kind === 'enum' && (key.leftArrow || key.rightArrow)) {
      const choices = current.choices!
      const at = choices.indexOf(String(value))
      set(current.key, choices[(at + (key.rightArrow ? 1 : choices.length - 1)) % choices.length]!)
      return
    }
    const choices = options[current.key]
    if (choices?.length && (key.leftArrow || key.rightArrow)) {
      const at = choices.indexOf(String(value))
      const next = at === -1 ? (key.rightArrow ? 0 : choices.length - 1) : (at + (key.rightArrow ? 1 : choices.length - 1)) % choices.length
      return set(current.key, choices[next]!)
    }
    if (key.backspace || key.delete) return set(current.key, String(value).slice(0, -1))
    if (input && !key.ctrl && !key.meta) set(current.key, String(value) + input)
  })

  const width = Math.max(...fields.map((f) => f.flag.length)) + 2
  return (
    <Box flexDirection="column">
      <Text bold>{`${spec.name}: ${spec.summary}`}</Text>
      <Text dimColor>↑/↓ move · type to edit · space toggles · enter next · esc back</Text>
      <Box flexDirection="column" marginTop={1}>
        {fields.map((f, i) => {
          const value = values[f.key]!
          const problem = fieldError(f, value)
          const focused = i === focus
          return (
            <Box key={f.key} flexDirection="column">
              <Text>
                <Text color={focused ? 'cyan' : undefined}>{`${focused ? '›' : ' '} ${f.flag.padEnd(width)}`}</Text>
                {f.kind === 'boolean'
                  ? <Text>{value ? '[x]' : '[ ]'}</Text>
                  : <Text color={problem ? 'red' : undefined}>{String(value) || (focused ? '' : '—')}{focused ? <Text inverse> </Text> : null}</Text>}
                {f.required ? <Text color="yellow"> *</Text> : null}
              </Text>
              {focused && f.description ? <Text dimColor>{`    ${f.description}`}</Text> : null}
              {focused && options[f.key]?.length ? <Text color="cyan">{`    ←/→ pick: ${options[f.key]!.join(' · ')}`}</Text> : null}
              {problem ? <Text color="red">{`    ✗ ${problem}`}</Text> : null}
            </Box>
          )
        })}
        <Text color={focus === fields.length ? 'cyan' : undefined}>{`${focus === fields.length ? '›' : ' '} [ Preview changes ]`}</Text>
      </Box>
      {error ? <Box marginTop={1}><Text color="red">{`✗ ${error}`}</Text></Box> : null}
    </Box>
  )
}
