/** A single-quoted TypeScript string literal, the way Open Mercato sources write them. */
export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`
}

/** "sales_orders" → "Sales Orders" */
export function titleFromId(id: string): string {
  return id.split('_').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ')
}

