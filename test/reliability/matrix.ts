/**
 * Contract 1 as a table: bad input to every command is one `error:` line, exit 2, and no change
 * inside the app or beside it. All rows share one app (with module sales) and run in-process, so
 * the table can grow without slowing the suite; a row that changed anything would poison the
 * rows after it, which is why each row checks both tree hashes itself.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cli } from '../helpers.ts'
import { arena, ok, tallyMany, type Arena } from './contract.ts'

type Row = [args: string[], message: RegExp]

const LONG = 'a'.repeat(120)

const ROWS: Row[] = [
  // module
  [['module', 'Sales2'], /^error: invalid <id>: "Sales2" is not a module id: use snake_cas/],
  [['module', 'my module'], /^error: invalid <id>: "my module" is not a module id: use snake_/],
  [['module', 'café'], /^error: invalid <id>: "café" is not a module id: use snake_case/],
  [['module', '..'], /^error: invalid <id>: must not contain "\.\."/],
  [['module', '../evil'], /^error: invalid <id>: must not contain "\.\."/],
  [['module', 'a/b'], /^error: invalid <id>: must not contain "\/" or "\\"/],
  [['module', 'a\\b'], /^error: invalid <id>: must not contain "\/" or "\\"/],
  [['module', ''], /^error: missing <id>: module id: snake_case, plural by conventio/],
  [['module', '1abc'], /^error: invalid <id>: "1abc" is not a module id: use snake_case/],
  [['module', '-abc'], /^error: unknown flag -a for module \(see "create-mercato-module m/],
  [['module', 'ab-'], /^error: invalid <id>: "ab-" is not a module id: use snake_case l/],
  [['module', 'a.b'], /^error: invalid <id>: "a\.b" is not a module id: use snake_case l/],
  [['module', 'ABC'], /^error: invalid <id>: "ABC" is not a module id: use snake_case l/],
  [['module'], /^error: missing <id>: module id: snake_case, plural by conventio/],
  [['module', 'x1', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['module', 'x1', '--nope'], /^error: unknown flag --nope for module \(see "create-mercato-modu/],
  [['module', 'x1', '--requires', 'Bad Id'], /^error: invalid --requires: "Bad Id" is not a module id: use sna/],
  [['module', 'x1', '--requires', 'ghost'], /^error: refused: after this change the registry could not be gen/],
  [['module', 'x1', '--requires='], /^error: --requires is empty; give a value \(e\.g\. --requires sales/],
  [['module', '😀'], /^error: invalid <id>: "😀" is not a module id: use snake_case le/],
  [['module', 'a b'], /^error: invalid <id>: "a b" is not a module id: use snake_case l/],
  [['module', '_abc'], /^error: invalid <id>: "_abc" is not a module id: use snake_case/],
  [['module', 'abc_'], /^error: invalid <id>: "abc_" is not a module id: use snake_case/],
  [['module', 'a__b'], /^error: invalid <id>: "a__b" is not a module id: use snake_case/],
  [['module', 'node_modules'], /^error: invalid <id>: "node_modules" is reserved by the mercato/],
  [['init', 'Bad'], /^error: invalid <id>: "Bad" is not a module id: use snake_case l/],
  [['init'], /^error: missing <id>: module id: snake_case, plural by conventio/],
  // page
  [['page'], /^error: missing <module>: the module the page belongs to \(give i/],
  [['page', 'ghost', 'reports'], /^error: unknown module "ghost"/],
  [['page', 'Sales', 'reports'], /^error: invalid <module>: "Sales" is not a module id: use snake_/],
  [['page', 'sales', '../x'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['page', 'sales', 'a//b'], /^error: invalid <path>: must not contain empty segments \("\/\/"\)/],
  [['page', 'sales', 'Reports Page'], /^error: invalid <path>: segment "Reports Page" is neither lowerc/],
  [['page', 'sales', 'répertoire'], /^error: invalid <path>: segment "répertoire" is neither lowercas/],
  [['page', 'sales', 'reports', '--order', 'abc'], /^error: invalid --order: "abc" is not a number \(e\.g\. --order 20\)/],
  [['page', 'sales', 'reports', '--order', '1.5x'], /^error: invalid --order: "1\.5x" is not a number \(e\.g\. --order 20/],
  [['page', 'sales', 'reports', '--order='], /^error: --order is empty; give a value \(e\.g\. --order 20\) or leav/],
  [['page', 'sales', 'reports', '--title='], /^error: --title is empty; give a value \(e\.g\. --title "Sales repo/],
  [['page', 'sales', 'reports', '--require-features='], /^error: --require-features is empty; give a value \(e\.g\. --requir/],
  [['page', 'sales', 'reports', '--require-roles='], /^error: --require-roles is empty; give a value \(e\.g\. --require-r/],
  [['page', 'sales', 'reports', '--nope'], /^error: unknown flag --nope for page \(see "create-mercato-module/],
  [['page', 'sales', 'reports', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['page', 'sales', 'reports', '--kind', 'sideways'], /^error: unknown flag --kind for page \(see "create-mercato-module/],
  [['page', 'sales', 'reports', '--area', 'sideways'], /^error: invalid --area: "sideways" is not one of backend, fronte/],
  [['page', 'sales', 'reports', '--frontend', '--backend'], /^error: unknown flag --frontend for page \(see "create-mercato-mo/],
  [['page', 'sales', 'reports', '--require-features', 'Bad Feature'], /^error: invalid --require-features: "Bad Feature" is not a featu/],
  [['page', 'sales', '..'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['page', 'sales', 'a/../b'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['page', 'sales', 'reports', '--icon', ''], /^error: --icon is empty; give a value \(e\.g\. --icon <value>\) or l/],
  [['page', 'sales', 'reports', '--group='], /^error: --group is empty; give a value \(e\.g\. --group Sales\) or l/],
  [['page', 'sales', 'a\\b'], /^error: invalid <path>: segment "a\\b" is neither lowercase text/],
  [['page', '..', 'reports'], /^error: invalid <module>: must not contain "\.\."/],
  [['page', 'sales', '[id'], /^error: invalid <path>: segment "\[id" is neither lowercase text/],
  [['page', 'sales', 'a b'], /^error: invalid <path>: segment "a b" is neither lowercase text/],
  // api
  [['api'], /^error: missing <module>: the module the route belongs to \(give/],
  [['api', 'ghost', 'orders'], /^error: unknown module "ghost"/],
  [['api', 'Sales', 'orders'], /^error: invalid <module>: "Sales" is not a module id: use snake_/],
  [['api', 'sales', '../orders'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['api', 'sales', 'orders', '--methods', 'FETCH'], /^error: invalid --methods: "FETCH" is not one of GET, POST, PUT,/],
  [['api', 'sales', 'orders', '--methods', ''], /^error: --methods is empty; give a value \(e\.g\. --methods GET,PUT/],
  [['api', 'sales', 'orders', '--methods='], /^error: --methods is empty; give a value \(e\.g\. --methods GET,PUT/],
  [['api', 'sales', 'orders', '--method', 'FETCH'], /^error: unknown flag --method for api; did you mean --methods\? \(/],
  [['api', 'sales', 'orders', '--nope'], /^error: unknown flag --nope for api \(see "create-mercato-module/],
  [['api', 'sales', 'orders', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['api', 'sales', 'orders', '--require-features='], /^error: --require-features is empty; give a value \(e\.g\. --requir/],
  [['api', 'sales', 'or ders'], /^error: invalid <path>: segment "or ders" is neither lowercase t/],
  [['api', 'sales', 'ordérs'], /^error: invalid <path>: segment "ordérs" is neither lowercase te/],
  [['api', 'sales', 'a//b'], /^error: invalid <path>: must not contain empty segments \("\/\/"\)/],
  [['api', 'sales', 'orders', '--methods', 'get,get'], /^error: invalid --methods: a method is listed twice \(e\.g\. --meth/],
  [['api', 'sales', '..'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['api', 'sales', 'orders', '--require-auth', 'maybe'], /^error: unknown flag --require-auth for api \(see "create-mercato/],
  // subscriber
  [['subscriber'], /^error: missing <module>: the module the subscriber belongs to \(/],
  [['subscriber', 'sales'], /^error: missing <name>: file name under subscribers\/, e\.g\. send-/],
  [['subscriber', 'ghost', 'notify'], /^error: missing --event: event id to handle: module\.entity\.actio/],
  [['subscriber', 'sales', 'Bad Name'], /^error: missing --event: event id to handle: module\.entity\.actio/],
  [['subscriber', 'sales', '../x'], /^error: missing --event: event id to handle: module\.entity\.actio/],
  [['subscriber', 'sales', 'notify', '--event', 'bad'], /^error: invalid --event: "bad" is not an event id of the form mo/],
  [['subscriber', 'sales', 'notify', '--event', 'Sales.Order.Created'], /^error: invalid --event: "Sales\.Order\.Created" is not an event i/],
  [['subscriber', 'sales', 'notify', '--event='], /^error: --event is empty; give a value \(e\.g\. --event sales\.order/],
  [['subscriber', 'sales', 'notify', '--event', 'a..b'], /^error: invalid --event: must not contain "\.\." \(e\.g\. --event sal/],
  [['subscriber', 'sales', 'notify', '--nope'], /^error: unknown flag --nope for subscriber \(see "create-mercato-/],
  [['subscriber', 'sales', 'notify', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['subscriber', 'sales', 'notify', '--persistent', 'maybe'], /^error: unexpected argument "maybe" \(usage: create-mercato-modul/],
  [['subscriber', 'sales', 'nötify'], /^error: missing --event: event id to handle: module\.entity\.actio/],
  [['subscriber', 'sales', LONG], /^error: missing --event: event id to handle: module\.entity\.actio/],
  [['subscriber', 'sales', 'Bad Name', '--event', 'sales.order.created'], /^error: invalid <name>: "Bad Name" is not a file name: lowercase/],
  [['subscriber', 'sales', '../x', '--event', 'sales.order.created'], /^error: invalid <name>: must not contain "\.\."/],
  [['subscriber', 'sales', 'a/b', '--event', 'sales.order.created'], /^error: invalid <name>: must not contain "\/" or "\\"/],
  [['subscriber', 'ghost', 'notify', '--event', 'ghost.order.created'], /^error: unknown module "ghost"/],
  // event
  [['event'], /^error: missing <module>: the module that emits the event \(give/],
  [['event', 'sales'], /^error: missing <event>: entity\.action, e\.g\. order\.shipped; the/],
  [['event', 'ghost', 'ghost.order.created'], /^error: unknown module "ghost"/],
  [['event', 'sales', 'order'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'sales', 'Sales.Order.Created'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'sales', 'sales..created'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'sales', 'sales.order.created.too.deep'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'sales', 'sales order created'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'sales', 'sales.order.created', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['event', 'sales', 'sales.order.created', '--nope'], /^error: unknown flag --nope for event \(see "create-mercato-modul/],
  [['event', 'sales', 'other.order.created'], /^error: "other\.order\.created" names module "other", but events o/],
  [['event', 'sales', 'sales.order.créé'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'sales', 'sales.order.created', '--category', 'weird'], /^error: invalid --category: "weird" is not one of crud, lifecycl/],
  // worker
  [['worker'], /^error: missing <module>: the module the worker belongs to \(give/],
  [['worker', 'sales'], /^error: missing <name>: file name under workers\/, e\.g\. send-remi/],
  [['worker', 'ghost', 'sync'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'sales', 'Bad Name'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'sales', '../sync'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'sales', 'sync', '--concurrency', 'abc'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'sales', 'sync', '--concurrency', '0'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'sales', 'sync', '--concurrency', '-1'], /^error: --concurrency needs a value \(e\.g\. --concurrency 4\) \(see/],
  [['worker', 'sales', 'sync', '--concurrency', '1.5'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'sales', 'sync', '--concurrency='], /^error: --concurrency is empty; give a value \(e\.g\. --concurrency/],
  [['worker', 'sales', 'sync', '--queue', 'Bad Queue'], /^error: invalid --queue: queue names are lowercase words joined/],
  [['worker', 'sales', 'sync', '--queue='], /^error: --queue is empty; give a value \(e\.g\. --queue sales-sync\)/],
  [['worker', 'sales', 'sync', '--nope'], /^error: unknown flag --nope for worker \(see "create-mercato-modu/],
  [['worker', 'sales', 'sync', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['worker', 'sales', 'sÿnc'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'sales', 'Bad Name', '--queue', 'sales-sync'], /^error: invalid <name>: "Bad Name" is not a file name: lowercase/],
  [['worker', 'sales', '../sync', '--queue', 'sales-sync'], /^error: invalid <name>: must not contain "\.\."/],
  [['worker', 'ghost', 'sync', '--queue', 'sales-sync'], /^error: unknown module "ghost"/],
  [['worker', 'sales', 'sync', '--queue', 'sales-sync', '--concurrency', 'abc'], /^error: invalid --concurrency: "abc" is not a number \(e\.g\. --con/],
  [['worker', 'sales', 'sync', '--queue', 'sales-sync', '--concurrency', '0'], /^error: invalid --concurrency: at least 1 \(e\.g\. --concurrency 4\)/],
  [['worker', 'sales', 'sync', '--queue', 'sales-sync', '--concurrency', '1.5'], /^error: invalid --concurrency: 1\.5 is not a whole number \(e\.g\. -/],
  // cli
  [['cli'], /^error: missing <module>: the module whose CLI gets the command/],
  [['cli', 'sales'], /^error: missing <command>: the command name, e\.g\. seed-orders \(g/],
  [['cli', 'ghost', 'import'], /^error: unknown module "ghost"/],
  [['cli', 'sales', 'Bad Command'], /^error: invalid <command>: commands are lowercase words joined b/],
  [['cli', 'sales', '../import'], /^error: invalid <command>: commands are lowercase words joined b/],
  [['cli', 'sales', 'import', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['cli', 'sales', 'import', '--nope'], /^error: unknown flag --nope for cli \(see "create-mercato-module/],
  [['cli', 'sales', 'ïmport'], /^error: invalid <command>: commands are lowercase words joined b/],
  [['cli', 'sales', 'a/b'], /^error: invalid <command>: commands are lowercase words joined b/],
  // widget
  [['widget'], /^error: missing <module>: the module the widget belongs to \(give/],
  [['widget', 'sales'], /^error: missing <name>: widget folder name, e\.g\. sales-summary \(/],
  [['widget', 'ghost', 'stats'], /^error: missing --kind: dashboard \(a tile users add to their das/],
  [['widget', 'sales', 'Bad Name'], /^error: missing --kind: dashboard \(a tile users add to their das/],
  [['widget', 'sales', '../stats'], /^error: missing --kind: dashboard \(a tile users add to their das/],
  [['widget', 'sales', 'stats', '--kind', 'sideways'], /^error: invalid --kind: "sideways" is not one of dashboard, inje/],
  [['widget', 'sales', 'stats', '--kind='], /^error: --kind is empty; give a value \(e\.g\. --kind dashboard\) or/],
  [['widget', 'sales', 'stats', '--spot', 'nowhere'], /^error: missing --kind: dashboard \(a tile users add to their das/],
  [['widget', 'sales', 'stats', '--spot='], /^error: --spot is empty; give a value \(e\.g\. --spot crud-form:sal/],
  [['widget', 'sales', 'stats', '--nope'], /^error: unknown flag --nope for widget \(see "create-mercato-modu/],
  [['widget', 'sales', 'stats', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['widget', 'sales', 'stats', '--size', 'huge'], /^error: unknown flag --size for widget \(see "create-mercato-modu/],
  [['widget', 'sales', 'stäts'], /^error: missing --kind: dashboard \(a tile users add to their das/],
  // entity
  [['entity'], /^error: missing <module>: the module that declares the custom en/],
  [['entity', 'sales'], /^error: missing <name>: entity name, snake_case; its id becomes/],
  [['entity', 'ghost', 'note'], /^error: unknown module "ghost"/],
  [['entity', 'sales', 'Bad Name'], /^error: invalid <name>: "Bad Name" is not a snake_case entity na/],
  [['entity', 'sales', '../note'], /^error: invalid <name>: must not contain "\.\."/],
  [['entity', 'sales', 'note', '--field', 'title'], /^error: invalid --field: "title": write it as key:kind\[:flags\],/],
  [['entity', 'sales', 'note', '--field', 'title:nosuchtype'], /^error: invalid --field: "title:nosuchtype": unknown kind "nosuc/],
  [['entity', 'sales', 'note', '--field', ':text'], /^error: invalid --field: ":text": "" is not a field name: use ca/],
  [['entity', 'sales', 'note', '--field', 'Bad Field:text'], /^error: invalid --field: "Bad Field:text": "Bad Field" is not a/],
  [['entity', 'sales', 'note', '--field='], /^error: --field is empty; give a value \(e\.g\. --field plate:text:/],
  [['entity', 'sales', 'note', '--field', 'title:text', '--field', 'title:text'], /^error: invalid --field: a field key is given twice \(e\.g\. --fiel/],
  [['entity', 'sales', 'note', '--field', 'title:text:extra:more'], /^error: invalid --field: "title:text:extra:more": write it as ke/],
  [['entity', 'sales', 'note', '--nope'], /^error: unknown flag --nope for entity \(see "create-mercato-modu/],
  [['entity', 'sales', 'note', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['entity', 'sales', 'note', '--field', 'tïtle:text'], /^error: invalid --field: "tïtle:text": "tïtle" is not a field na/],
  [['entity', 'sales', 'note', '--field', 'title:'], /^error: invalid --field: "title:": write it as key:kind\[:flags\],/],
  // data-entity
  [['data-entity'], /^error: missing <module>: the module that owns the entity \(give/],
  [['data-entity', 'sales'], /^error: missing <name>: entity class name, PascalCase, e\.g\. Serv/],
  [['data-entity', 'ghost', 'Order'], /^error: unknown module "ghost"/],
  [['data-entity', 'sales', 'Bad Name'], /^error: invalid <name>: "Bad Name" is not a PascalCase class nam/],
  [['data-entity', 'sales', '../Order'], /^error: invalid <name>: must not contain "\.\."/],
  [['data-entity', 'sales', 'Order', '--field', 'total'], /^error: invalid --field: "total": write it as key:kind\[:flags\],/],
  [['data-entity', 'sales', 'Order', '--field', 'total:money'], /^error: invalid --field: "total:money": unknown kind "money"; ki/],
  [['data-entity', 'sales', 'Order', '--field', ':text'], /^error: invalid --field: ":text": "" is not a field name: use ca/],
  [['data-entity', 'sales', 'Order', '--field', 'to tal:text'], /^error: invalid --field: "to tal:text": "to tal" is not a field/],
  [['data-entity', 'sales', 'Order', '--field='], /^error: --field is empty; give a value \(e\.g\. --field plate:text:/],
  [['data-entity', 'sales', 'Order', '--field', 'id:text'], /^error: "id" is one of the standard columns every entity has; pi/],
  [['data-entity', 'sales', 'Order', '--table', 'Bad Table'], /^error: invalid --table: a table name is lower-case letters, dig/],
  [['data-entity', 'sales', 'Order', '--table='], /^error: --table is empty; give a value \(e\.g\. --table <value>\) or/],
  [['data-entity', 'sales', 'Order', '--table', 'a;drop'], /^error: invalid --table: a table name is lower-case letters, dig/],
  [['data-entity', 'sales', 'Order', '--nope'], /^error: unknown flag --nope for data-entity \(see "create-mercato/],
  [['data-entity', 'sales', 'Order', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['data-entity', 'sales', 'Ordér'], /^error: invalid <name>: "Ordér" is not a PascalCase class name \(/],
  [['data-entity', 'sales', 'Order', '--field', 'total:number:maybe'], /^error: invalid --field: "total:number:maybe": unknown kind "num/],
  [['data-entity', 'sales', 'Order', '--field', 'a:text', '--field', 'a:text'], /^error: invalid --field: a field name is given twice \(e\.g\. --fie/],
  [['data-entity', 'sales', 'class'], /^error: invalid <name>: "class" is not a PascalCase class name \(/],
  [['data-entity', 'sales', '123'], /^error: invalid <name>: "123" is not a PascalCase class name \(e\./],
  // extension
  [['extension'], /^error: missing <module>: the module that extends \(it owns the e/],
  [['extension', 'sales'], /^error: missing <name>: extension entity class name, PascalCase,/],
  [['extension', 'ghost', 'Extra'], /^error: missing --base: the entity extended, as <module>:<entity/],
  [['extension', 'sales', 'Bad Name'], /^error: missing --base: the entity extended, as <module>:<entity/],
  [['extension', 'sales', 'Extra', '--base', 'bad'], /^error: invalid --base: name the base entity as <module>:<entity/],
  [['extension', 'sales', 'Extra', '--base='], /^error: --base is empty; give a value \(e\.g\. --base customers:cus/],
  [['extension', 'sales', 'Extra', '--base', 'ghost:Thing'], /^error: invalid --base: name the base entity as <module>:<entity/],
  [['extension', 'sales', 'Extra', '--nope'], /^error: unknown flag --nope for extension \(see "create-mercato-m/],
  [['extension', 'sales', 'Extra', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['extension', 'sales', '../Extra'], /^error: missing --base: the entity extended, as <module>:<entity/],
  [['extension', 'sales', 'Extra', '--field', 'x'], /^error: missing --base: the entity extended, as <module>:<entity/],
  [['extension', 'sales', 'Bad Name', '--base', 'customers:customer'], /^error: invalid <name>: "Bad Name" is not a PascalCase class nam/],
  [['extension', 'sales', '../Extra', '--base', 'customers:customer'], /^error: invalid <name>: must not contain "\.\."/],
  [['extension', 'ghost', 'Extra', '--base', 'customers:customer'], /^error: unknown module "ghost"/],
  [['extension', 'sales', 'Extra', '--base', 'Bad:customer'], /^error: invalid --base: name the base entity as <module>:<entity/],
  // override
  [['override'], /^error: missing <module>: an enabled module that comes from a pa/],
  [['override', 'sales'], /^error: missing <path>: the file inside the module, e\.g\. backend/],
  [['override', 'ghost', 'backend/page.tsx'], /^error: module "ghost" is not enabled \(or its package is not ins/],
  [['override', 'sales', '../../package.json'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['override', 'sales', '/etc/passwd'], /^error: module "sales" is the app's own \(src\/modules\/sales\); edi/],
  [['override', 'sales', 'nosuch/file.ts'], /^error: module "sales" is the app's own \(src\/modules\/sales\); edi/],
  [['override', 'sales', 'page.tsx', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['override', 'sales', 'page.tsx', '--nope'], /^error: unknown flag --nope for override \(see "create-mercato-mo/],
  [['override', 'Sales', 'page.tsx'], /^error: invalid <module>: "Sales" is not a module id: use snake_/],
  // enable
  [['enable'], /^error: missing <id>: module id to enable \(give it as an argumen/],
  [['enable', 'Bad Id'], /^error: invalid <id>: "Bad Id" is not a module id: use snake_cas/],
  [['enable', '..'], /^error: invalid <id>: must not contain "\.\."/],
  [['enable', 'a/b'], /^error: invalid <id>: must not contain "\/" or "\\"/],
  [['enable', 'ghost'], /^error: module "ghost" \(from @open-mercato\/core\) not found; look/],
  [['enable', 'sales', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['enable', 'sales', '--nope'], /^error: unknown flag --nope for enable \(see "create-mercato-modu/],
  [['enable', 'sales', '--from', ''], /^error: --from is empty; give a value \(e\.g\. --from @open-mercato/],
  [['enable', 'x1', '--from='], /^error: --from is empty; give a value \(e\.g\. --from @open-mercato/],
  // disable
  [['disable'], /^error: missing <id>: module id to disable \(give it as an argume/],
  [['disable', 'Bad Id'], /^error: invalid <id>: "Bad Id" is not a module id: use snake_cas/],
  [['disable', '..'], /^error: invalid <id>: must not contain "\.\."/],
  [['disable', 'sales', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['disable', 'sales', '--nope'], /^error: unknown flag --nope for disable \(see "create-mercato-mod/],
  [['disable', 'a/b'], /^error: invalid <id>: must not contain "\/" or "\\"/],
  // add
  [['add', 'Bad Package'], /^error: invalid <package>: is not a package name with an optional version/],
  [['add', '@scope'], /^error: invalid <package>: is not a package name with an optional version/],
  [['add'], /^error: missing <package>: the package: a name \(@acme\/loyalty, @/],
  [['add', '../pkg'], /^error: \S*pkg does not exist; give a package name, a folder or a/],
  [['add', 'pkg', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['add', 'pkg', '--nope'], /^error: unknown flag --nope for add \(see "create-mercato-module/],
  [['add', 'pkg', '--pm', 'bogus'], /^error: unknown flag --pm for add \(see "create-mercato-module ad/],
  [['add', ''], /^error: missing <package>: the package: a name \(@acme\/loyalty, @/],
  // templates
  [['templates'], /^error: "templates" takes one of: list, eject \(see "create-merca/],
  [['templates', 'bogus'], /^error: unknown command "templates bogus"; "templates" takes one/],
  [['templates', 'list', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['templates', 'list', '--nope'], /^error: unknown flag --nope for templates list \(see "create-merc/],
  [['templates', 'eject', 'bogus'], /^error: no templates of kind "bogus"; kinds are acl, api, cli, d/],
  [['templates', 'eject', 'page', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['templates', 'eject', '--nope'], /^error: unknown flag --nope for templates eject \(see "create-mer/],
  [['templates', 'eject', '../x'], /^error: no templates of kind "\.\.\/x"; kinds are acl, api, cli, da/],
  // undo
  [['undo', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['undo', '--nope'], /^error: unknown flag --nope for undo \(see "create-mercato-module/],
  [['undo', '--steps', 'abc'], /^error: unknown flag --steps for undo \(see "create-mercato-modul/],
  // generate
  [['generate', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['generate', '--nope'], /^error: unknown flag --nope for generate \(see "create-mercato-mo/],
  [['generate', '--check', '--watch'], /^error: --check and --watch do not go together: --check answers/],
  // list
  [['list', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['list', '--nope'], /^error: unknown flag --nope for list \(see "create-mercato-module/],
  [['list', '--kind', 'bogus'], /^error: unknown flag --kind for list \(see "create-mercato-module/],
  [['list', '--module', 'ghost'], /^error: unknown flag --module for list \(see "create-mercato-modu/],
  // doctor
  [['doctor', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['doctor', '--nope'], /^error: unknown flag --nope for doctor \(see "create-mercato-modu/],
  [['doctor', '--rule', 'bogus'], /^error: unknown flag --rule for doctor \(see "create-mercato-modu/],
  // db
  [['db'], /^error: "db" takes one of: status, generate, migrate, greenfield/],
  [['db', 'bogus'], /^error: unknown command "db bogus"; "db" takes one of: status, g/],
  [['db', 'status', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['db', 'status', '--nope'], /^error: unknown flag --nope for db status \(see "create-mercato-m/],
  [['db', 'generate', 'ghost'], /^error: unknown or disabled module "ghost" \(enabled: sales\)/],
  [['db', 'generate', 'Bad Id'], /^error: invalid <modules>: "Bad Id" is not a module id: use snak/],
  [['db', 'generate', '--nope'], /^error: unknown flag --nope for db generate \(see "create-mercato/],
  [['db', 'migrate', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['db', 'migrate', '--nope'], /^error: unknown flag --nope for db migrate \(see "create-mercato-/],
  [['db', 'greenfield', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['db', 'greenfield', '--nope'], /^error: unknown flag --nope for db greenfield \(see "create-merca/],
  [['db', 'migrate', '--to', 'nope'], /^error: unknown flag --to for db migrate \(see "create-mercato-mo/],
  // schema
  [['schema', 'bogus'], /^error: unknown command "bogus" \(see "create-mercato-module sche/],
  [['schema', '--nope'], /^error: unknown flag --nope for schema \(see "create-mercato-modu/],
  // completion
  [['completion'], /^error: completion needs a shell: bash, zsh, fish \(e\.g\. create-m/],
  [['completion', 'powershell'], /^error: completion needs a shell: bash, zsh, fish \(e\.g\. create-m/],
  // unknown commands
  [['help', 'bogus'], /^error: unknown command "bogus" \(see "create-mercato-module --he/],
  [['bogus'], /^error: unknown command "bogus" \(see "create-mercato-module --he/],
  [['modul', 'x1'], /^error: unknown command "modul"; did you mean module\? \(see "crea/],
  // --cwd (a missing folder, a file, empty), and a bad module --version
  [['module', 'x1', '--cwd', '/nonexistent/dir'], /^error: \/nonexistent\/dir does not exist or is not a folder/],
  [['module', 'x1', '--cwd', ''], /^error: --cwd is empty; give a value \(e\.g\. --cwd <value>\) or lea/],
  [['list', '--cwd', '/nonexistent/dir'], /^error: \/nonexistent\/dir does not exist or is not a folder/],
  [['page', 'sales', 'reports', '--cwd', '/etc/passwd'], /^error: \/etc\/passwd does not exist or is not a folder/],
  [['module', 'x1', '--version', 'extra'], /^error: invalid --version: must be a version like 0\.1\.0/],
  // new-app
  [['new-app'], /^error: missing <dir>: folder to create the app in: a name, a re/],
  [['new-app', 'a', 'b'], /^error: unexpected argument "b" \(usage: create-mercato-module ne/],
  [['new-app', 'x', '--nope'], /^error: unknown flag --nope for new-app \(see "create-mercato-mod/],
  [['new-app', 'x', '--pm', 'bogus'], /^error: unknown flag --pm for new-app \(see "create-mercato-modul/],
  [['new-app', 'Bad Name'], /^error: invalid <dir>: "Bad Name" is not usable as a package nam/],
  [['new-app', 'x', '--db', 'bogus'], /^error: unknown flag --db for new-app \(see "create-mercato-modul/],
  [['new-app', '.'], /^error: invalid <dir>: "" is not usable as a package name: use l/],
]

/** Runs one row; returns why it broke the contract, or undefined when it held. */
async function breach(a: Arena, args: string[], message: RegExp): Promise<string | undefined> {
  const before = a.snapshot()
  // Rows about --cwd itself name their own folder; the others work in the app.
  const full = args.some((x) => x === '--cwd' || x.startsWith('--cwd=')) ? args : [...args, '--cwd', a.app]
  const r = await cli(full)
  const lines = r.stderr.trim().split('\n')
  const errors = lines.filter((l) => l.startsWith('error:'))
  const problems: string[] = []
  if (r.code !== 2) problems.push(`exit ${r.code}`)
  // one error: line, and at most one try: line after it
  if (errors.length !== 1 || lines.length > 2 || (lines.length === 2 && !lines[1]!.startsWith('try: '))) problems.push(`${lines.length} stderr lines, ${errors.length} error: lines`)
  if (!message.test(r.stderr.trim())) problems.push(`message ${JSON.stringify(r.stderr.trim())} does not match ${message}`)
  const after = a.snapshot()
  if (after.app !== before.app) problems.push('the app changed')
  if (after.outside !== before.outside) problems.push('the folder beside the app changed')
  return problems.length ? `${JSON.stringify(args)}: ${problems.join('; ')}` : undefined
}

describe('1. the bad-input matrix: every command, one line, exit 2, nothing changed', () => {
  it(`${ROWS.length} bad inputs across all commands are refused`, async (t) => {
    assert.ok(ROWS.length >= 150, 'the matrix covers at least 150 bad inputs')
    const a = await arena(t)
    await ok(a, ['module', 'sales', '--quiet'])
    const broken: string[] = []
    for (const [args, message] of ROWS) {
      const why = await breach(a, args, message)
      if (why) broken.push(why)
    }
    tallyMany(ROWS.length, ROWS.length - broken.length)
    assert.deepEqual(broken, [], `rows that broke the contract:\n${broken.join('\n')}`)
  })
})
