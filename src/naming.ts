import pluralize from 'pluralize'

/**
 * Every spelling of one name the tool writes, derived in one place (like Nx devkit's `names()`), so
 * a class, its table, its file and its title never disagree:
 * `names('sales_order')` → SalesOrder, salesOrder, SALES_ORDER, sales-order, sales_order, "Sales Order".
 */
export interface Names {
  /** The input as given. */
  name: string
  /** PascalCase: `SalesOrder`. */
  className: string
  /** camelCase: `salesOrder`. */
  propertyName: string
  /** `SALES_ORDER`. */
  constantName: string
  /** kebab-case, for file names: `sales-order`. */
  fileName: string
  /** snake_case, for ids, tables and columns: `sales_order`. */
  snake: string
  kebab: string
  /** Every word capitalised: `Sales Order`. */
  title: string
  /** First word capitalised: `Sales order`. */
  sentence: string
  /** snake_case with the last word made plural by the pluralization library: `person` → `people`. */
  plural: string
  /** snake_case with the last word made singular: `people` → `person`. */
  singular: string
}

/**
 * The words of a name in any spelling: separators (`_ - . / space`, brackets) split, and so do case
 * changes (`salesOrder`, `HTMLPage` → html, page). Digits stay with the word before them.
 */
export function words(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
}

const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1)

/** Applies `change` to the last word of a snake_case name, keeping the others: sales_person → sales_people. */
function lastWord(snake: string, change: (w: string) => string): string {
  const parts = snake.split('_')
  parts[parts.length - 1] = change(parts.at(-1)!)
  return parts.join('_')
}

export function names(input: string): Names {
  const w = words(input)
  const snake = w.join('_')
  const kebab = w.join('-')
  return {
    name: input,
    className: w.map(capital).join(''),
    propertyName: w.map((x, i) => (i === 0 ? x : capital(x))).join(''),
    constantName: snake.toUpperCase(),
    fileName: kebab,
    snake,
    kebab,
    title: w.map(capital).join(' '),
    sentence: w.length === 0 ? '' : capital(w.join(' ')),
    plural: snake === '' ? '' : lastWord(snake, (x) => pluralize.plural(x)),
    singular: snake === '' ? '' : lastWord(snake, (x) => pluralize.singular(x)),
  }
}
