/**
 * Contract 1 as a table: bad input to every command is one `error:` line, exit 2, and no change
 * inside the app or beside it. All rows share one app (with module my_sales) and run in-process, so
 * the table can grow without slowing the suite; a row that changed anything would poison the
 * rows after it, which is why each row checks both tree hashes itself.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cli } from '../helpers.ts'
import { arena, ok, tallyMany, type Arena } from './contract.ts'

type Row = [args: string[], message: RegExp]

const LONG = 'a'.repeat(300)

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
  // Open Mercato's own module ids, and ids too long for the module's migrations table
  [['module', 'core'], /^error: invalid <id>: "core" is a module of Open Mercato \(@open-mercato\/core\); a module of the app with that id would clash with it once the app enables it, so pick another id \(e\.g\. "my_core"\)$/],
  [['module', 'sales'], /^error: invalid <id>: "sales" is a module of Open Mercato \(@open-mercato\/core\); a module of t/],
  [['module', 'customers'], /^error: invalid <id>: "customers" is a module of Open Mercato \(@open-mercato\/core\)/],
  [['module', 'auth'], /^error: invalid <id>: "auth" is a module of Open Mercato \(@open-mercato\/core\)/],
  [['init', 'directory'], /^error: invalid <id>: "directory" is a module of Open Mercato \(@open-mercato\/core\)/],
  [['module', 'search'], /^error: invalid <id>: "search" is a module of Open Mercato \(@open-mercato\/search\)/],
  [['module', 'a'.repeat(43)], /^error: invalid <id>: "a{20}…" is 43 characters; a module id can have at most 42, so that its migrations table mikro_orm_migrations_<id> fits PostgreSQL's 63 bytes$/],
  // an empty item in a list flag is refused, not dropped
  [['module', 'x1', '--locales', 'en,'], /^error: invalid --locales: "en," has an empty item; separate items with single commas \(e\.g\. --locales en,pl\)$/],
  [['module', 'x1', '--requires', 'my_sales,,visits'], /^error: invalid --requires: "my_sales,,visits" has an empty item; separate items with single commas/],
  // page
  [['page'], /^error: missing <module>: the module the page belongs to \(give i/],
  [['page', 'ghost', 'reports'], /^error: unknown module "ghost"/],
  [['page', 'Sales', 'reports'], /^error: invalid <module>: "Sales" is not a module id: use snake_/],
  [['page', 'my_sales', '../x'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['page', 'my_sales', 'a//b'], /^error: invalid <path>: must not contain empty segments \("\/\/"\)/],
  [['page', 'my_sales', 'Reports Page'], /^error: invalid <path>: segment "Reports Page" is neither lowerc/],
  [['page', 'my_sales', 'répertoire'], /^error: invalid <path>: segment "répertoire" is neither lowercas/],
  [['page', 'my_sales', 'reports', '--order', 'abc'], /^error: invalid --order: "abc" is not a number \(e\.g\. --order 20\)/],
  [['page', 'my_sales', 'reports', '--order', '1.5x'], /^error: invalid --order: "1\.5x" is not a number \(e\.g\. --order 20/],
  [['page', 'my_sales', 'reports', '--order='], /^error: --order is empty; give a value \(e\.g\. --order 20\) or leav/],
  [['page', 'my_sales', 'reports', '--title='], /^error: --title is empty; give a value \(e\.g\. --title "Billing repo/],
  [['page', 'my_sales', 'reports', '--require-features='], /^error: --require-features is empty; give a value \(e\.g\. --requir/],
  [['page', 'my_sales', 'reports', '--require-roles='], /^error: --require-roles is empty; give a value \(e\.g\. --require-r/],
  [['page', 'my_sales', 'reports', '--nope'], /^error: unknown flag --nope for page \(see "create-mercato-module/],
  [['page', 'my_sales', 'reports', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['page', 'my_sales', 'reports', '--kind', 'sideways'], /^error: unknown flag --kind for page \(see "create-mercato-module/],
  [['page', 'my_sales', 'reports', '--area', 'sideways'], /^error: invalid --area: "sideways" is not one of backend, fronte/],
  [['page', 'my_sales', 'reports', '--frontend', '--backend'], /^error: unknown flag --frontend for page \(see "create-mercato-mo/],
  [['page', 'my_sales', 'reports', '--require-features', 'Bad Feature'], /^error: invalid --require-features: "Bad Feature" is not a featu/],
  [['page', 'my_sales', '..'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['page', 'my_sales', 'a/../b'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['page', 'my_sales', 'reports', '--icon', ''], /^error: --icon is empty; give a value \(e\.g\. --icon calendar\) or l/],
  [['page', 'my_sales', 'reports', '--group='], /^error: --group is empty; give a value \(e\.g\. --group Billing\) or l/],
  [['page', 'my_sales', 'a\\b'], /^error: invalid <path>: segment "a\\b" is neither lowercase text/],
  [['page', '..', 'reports'], /^error: invalid <module>: must not contain "\.\."/],
  [['page', 'my_sales', '[id'], /^error: invalid <path>: segment "\[id" is neither lowercase text/],
  [['page', 'my_sales', 'a b'], /^error: invalid <path>: segment "a b" is neither lowercase text/],
  [['page', 'my_sales', '/backend/my_sales/reports'], /^error: invalid <path>: "\/backend\/my_sales\/reports" is a whole URL; give the path below \/backend\/my_sales \(e\.g\. "reports"\)$/],
  [['page', 'my_sales', 'backend'], /^error: invalid <path>: "\/backend" is a whole URL; give the path below \/backend\/my_sales$/],
  [['page', 'my_sales', 'reports', '--require-features', 'my_sales.view,'], /^error: invalid --require-features: "my_sales\.view," has an empty item; separate items/],
  [['page', 'my_sales', 'reports', '--require-roles', ',admin'], /^error: invalid --require-roles: ",admin" has an empty item; separate items/],
  // api
  [['api'], /^error: missing <module>: the module the route belongs to \(give/],
  [['api', 'ghost', 'orders'], /^error: unknown module "ghost"/],
  [['api', 'Sales', 'orders'], /^error: invalid <module>: "Sales" is not a module id: use snake_/],
  [['api', 'my_sales', '../orders'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['api', 'my_sales', 'orders', '--methods', 'FETCH'], /^error: invalid --methods: "FETCH" is not one of GET, POST, PUT,/],
  [['api', 'my_sales', 'orders', '--methods', ''], /^error: --methods is empty; give a value \(e\.g\. --methods GET,PUT/],
  [['api', 'my_sales', 'orders', '--methods='], /^error: --methods is empty; give a value \(e\.g\. --methods GET,PUT/],
  [['api', 'my_sales', 'orders', '--method', 'FETCH'], /^error: unknown flag --method for api; did you mean --methods\? \(/],
  [['api', 'my_sales', 'orders', '--nope'], /^error: unknown flag --nope for api \(see "create-mercato-module/],
  [['api', 'my_sales', 'orders', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['api', 'my_sales', 'orders', '--require-features='], /^error: --require-features is empty; give a value \(e\.g\. --requir/],
  [['api', 'my_sales', 'or ders'], /^error: invalid <path>: segment "or ders" is neither lowercase t/],
  [['api', 'my_sales', 'ordérs'], /^error: invalid <path>: segment "ordérs" is neither lowercase te/],
  [['api', 'my_sales', 'a//b'], /^error: invalid <path>: must not contain empty segments \("\/\/"\)/],
  [['api', 'my_sales', 'orders', '--methods', 'get,get'], /^error: invalid --methods: a method is listed twice \(e\.g\. --meth/],
  [['api', 'my_sales', '..'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['api', 'my_sales', 'orders', '--require-auth', 'maybe'], /^error: unknown flag --require-auth for api \(see "create-mercato/],
  [['api', 'my_sales', 'orders', '--methods', 'GET,,POST'], /^error: invalid --methods: "GET,,POST" has an empty item; separate items with single commas \(e\.g\. --methods GET,PUT,DELETE\)$/],
  [['api', 'my_sales', 'orders', '--methods', 'GET, ,POST'], /^error: invalid --methods: "GET, ,POST" has an empty item; separate items with single commas/],
  [['api', 'my_sales', 'orders', '--require-features', 'my_sales.view,,my_sales.manage'], /^error: invalid --require-features: "my_sales\.view,,my_sales\.manage" has an empty/],
  [['api', 'my_sales', '/api/my_sales/stats'], /^error: invalid <path>: "\/api\/my_sales\/stats" is a whole URL; give the path below \/api\/my_sales \(e\.g\. "stats"\)$/],
  // subscriber
  [['subscriber'], /^error: missing <module>: the module the subscriber belongs to \(/],
  [['subscriber', 'my_sales'], /^error: missing <name>: file name under subscribers\/, e\.g\. send-/],
  [['subscriber', 'my_sales', 'notify'], /^error: missing --event: event id to handle: module\.entity\.actio/],
  [['subscriber', 'my_sales', 'notify', '--event', 'bad'], /^error: invalid --event: "bad" is not an event id of the form module\.entity\.action \(e\.g\. "billing\.invoice\.created"\)$/],
  [['subscriber', 'my_sales', 'notify', '--event', 'Sales.Order.Created'], /^error: invalid --event: "Sales\.Order\.Created" is not an event i/],
  [['subscriber', 'my_sales', 'notify', '--event='], /^error: --event is empty; give a value \(e\.g\. --event billing\.invoice\.created\) or/],
  [['subscriber', 'my_sales', 'notify', '--event', 'a..b'], /^error: invalid --event: must not contain "\.\." \(e\.g\. --event billing\.invoice\.created\)$/],
  [['subscriber', 'my_sales', 'notify', '--nope'], /^error: unknown flag --nope for subscriber \(see "create-mercato-/],
  [['subscriber', 'my_sales', 'notify', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['subscriber', 'my_sales', 'notify', '--persistent', 'maybe'], /^error: unexpected argument "maybe" \(usage: create-mercato-modul/],
  [['subscriber', 'my_sales', 'nötify', '--event', 'sales.order.created'], /^error: invalid <name>: "nötify" is not a file name: lowercase/],
  [['subscriber', 'my_sales', LONG, '--event', 'sales.order.created'], /^error: invalid <name>: "a{20}…" is 300 bytes; a file or folder name can have at most 250/],
  [['subscriber', 'my_sales', 'Bad Name', '--event', 'sales.order.created'], /^error: invalid <name>: "Bad Name" is not a file name: lowercase/],
  [['subscriber', 'my_sales', '../x', '--event', 'sales.order.created'], /^error: invalid <name>: must not contain "\.\."/],
  [['subscriber', 'my_sales', 'a/b', '--event', 'sales.order.created'], /^error: invalid <name>: must not contain "\/" or "\\"/],
  [['subscriber', 'ghost', 'notify', '--event', 'ghost.order.created'], /^error: unknown module "ghost"/],
  // event
  [['event'], /^error: missing <module>: the module that emits the event \(give/],
  [['event', 'my_sales'], /^error: missing <event>: entity\.action, e\.g\. order\.shipped; the/],
  [['event', 'ghost', 'ghost.order.created'], /^error: unknown module "ghost"/],
  [['event', 'my_sales', 'order'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'my_sales', 'Sales.Order.Created'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'my_sales', 'sales..created'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'my_sales', 'sales.order.created.too.deep'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'my_sales', 'sales order created'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'my_sales', 'sales.order.created', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['event', 'my_sales', 'sales.order.created', '--nope'], /^error: unknown flag --nope for event \(see "create-mercato-modul/],
  [['event', 'my_sales', 'other.order.created'], /^error: "other\.order\.created" names module "other", but events o/],
  [['event', 'my_sales', 'sales.order.créé'], /^error: invalid <event>: write the event as entity\.action \(e\.g\./],
  [['event', 'my_sales', 'sales.order.created', '--category', 'weird'], /^error: invalid --category: "weird" is not one of crud, lifecycl/],
  // worker
  [['worker'], /^error: missing <module>: the module the worker belongs to \(give/],
  [['worker', 'my_sales'], /^error: missing <name>: file name under workers\/, e\.g\. send-remi/],
  [['worker', 'my_sales', 'sync'], /^error: missing --queue: the queue whose jobs the worker process/],
  [['worker', 'my_sales', 'sync', '--queue', 'sales-sync', '--concurrency', '-1'], /^error: invalid --concurrency: at least 1 \(e\.g\. --concurrency 4\)$/],
  [['worker', 'my_sales', 'sync', '--concurrency='], /^error: --concurrency is empty; give a value \(e\.g\. --concurrency/],
  [['worker', 'my_sales', 'sync', '--queue', 'Bad Queue'], /^error: invalid --queue: queue names are lowercase words joined/],
  [['worker', 'my_sales', 'sync', '--queue='], /^error: --queue is empty; give a value \(e\.g\. --queue billing-sync\)/],
  [['worker', 'my_sales', 'sync', '--nope'], /^error: unknown flag --nope for worker \(see "create-mercato-modu/],
  [['worker', 'my_sales', 'sync', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['worker', 'my_sales', 'sÿnc', '--queue', 'sales-sync'], /^error: invalid <name>: "sÿnc" is not a file name: lowercase/],
  [['worker', 'my_sales', 'Bad Name', '--queue', 'sales-sync'], /^error: invalid <name>: "Bad Name" is not a file name: lowercase/],
  [['worker', 'my_sales', '../sync', '--queue', 'sales-sync'], /^error: invalid <name>: must not contain "\.\."/],
  [['worker', 'ghost', 'sync', '--queue', 'sales-sync'], /^error: unknown module "ghost"/],
  [['worker', 'my_sales', 'sync', '--queue', 'sales-sync', '--concurrency', 'abc'], /^error: invalid --concurrency: "abc" is not a number \(e\.g\. --con/],
  [['worker', 'my_sales', 'sync', '--queue', 'sales-sync', '--concurrency', '0'], /^error: invalid --concurrency: at least 1 \(e\.g\. --concurrency 4\)/],
  [['worker', 'my_sales', 'sync', '--queue', 'sales-sync', '--concurrency', '1.5'], /^error: invalid --concurrency: 1\.5 is not a whole number \(e\.g\. -/],
  // cli
  [['cli'], /^error: missing <module>: the module whose CLI gets the command/],
  [['cli', 'my_sales'], /^error: missing <command>: the command name, e\.g\. seed-orders \(g/],
  [['cli', 'ghost', 'import'], /^error: unknown module "ghost"/],
  [['cli', 'my_sales', 'Bad Command'], /^error: invalid <command>: commands are lowercase words joined b/],
  [['cli', 'my_sales', '../import'], /^error: invalid <command>: commands are lowercase words joined b/],
  [['cli', 'my_sales', 'import', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['cli', 'my_sales', 'import', '--nope'], /^error: unknown flag --nope for cli \(see "create-mercato-module/],
  [['cli', 'my_sales', 'ïmport'], /^error: invalid <command>: commands are lowercase words joined b/],
  [['cli', 'my_sales', 'a/b'], /^error: invalid <command>: commands are lowercase words joined b/],
  // widget
  [['widget'], /^error: missing <module>: the module the widget belongs to \(give/],
  [['widget', 'my_sales'], /^error: missing <name>: widget folder name, e\.g\. sales-summary \(/],
  [['widget', 'my_sales', 'stats'], /^error: missing --kind: dashboard \(a tile users add to their das/],
  [['widget', 'ghost', 'stats', '--kind', 'dashboard'], /^error: unknown module "ghost"/],
  [['widget', 'my_sales', 'Bad Name', '--kind', 'dashboard'], /^error: invalid <name>: "Bad Name" is not a file name: lowercase/],
  [['widget', 'my_sales', '../stats', '--kind', 'dashboard'], /^error: invalid <name>: must not contain "\.\."/],
  [['widget', 'my_sales', 'stats', '--kind', 'sideways'], /^error: invalid --kind: "sideways" is not one of dashboard, inje/],
  [['widget', 'my_sales', 'stats', '--kind='], /^error: --kind is empty; give a value \(e\.g\. --kind dashboard\) or/],
  [['widget', 'my_sales', 'stats', '--kind', 'dashboard', '--spot', 'crud-form:sales.order'], /^error: --spot and --priority place injection widgets; a dashboard widget is added by users on their dashboard$/],
  [['widget', 'my_sales', 'stats', '--kind', 'injection', '--spot', 'no where'], /^error: invalid --spot: spot ids look like "crud-form:sales\.order"/],
  [['widget', 'my_sales', 'stats', '--spot='], /^error: --spot is empty; give a value \(e\.g\. --spot crud-form:sal/],
  [['widget', 'my_sales', 'stats', '--nope'], /^error: unknown flag --nope for widget \(see "create-mercato-modu/],
  [['widget', 'my_sales', 'stats', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['widget', 'my_sales', 'stats', '--size', 'huge'], /^error: unknown flag --size for widget \(see "create-mercato-modu/],
  [['widget', 'my_sales', 'stäts', '--kind', 'dashboard'], /^error: invalid <name>: "stäts" is not a file name: lowercase/],
  // entity
  [['entity'], /^error: missing <module>: the module that declares the custom en/],
  [['entity', 'my_sales'], /^error: missing <name>: entity name, snake_case; its id becomes/],
  [['entity', 'ghost', 'note'], /^error: unknown module "ghost"/],
  [['entity', 'my_sales', 'Bad Name'], /^error: invalid <name>: "Bad Name" is not a snake_case entity na/],
  [['entity', 'my_sales', '../note'], /^error: invalid <name>: must not contain "\.\."/],
  [['entity', 'my_sales', 'note', '--field', 'title'], /^error: invalid --field: "title": write it as key:kind\[:flags\],/],
  [['entity', 'my_sales', 'note', '--field', 'title:nosuchtype'], /^error: invalid --field: "title:nosuchtype": unknown kind "nosuc/],
  [['entity', 'my_sales', 'note', '--field', ':text'], /^error: invalid --field: ":text": "" is not a field name: use ca/],
  [['entity', 'my_sales', 'note', '--field', 'Bad Field:text'], /^error: invalid --field: "Bad Field:text": "Bad Field" is not a/],
  [['entity', 'my_sales', 'note', '--field='], /^error: --field is empty; give a value \(e\.g\. --field plate:text:/],
  [['entity', 'my_sales', 'note', '--field', 'title:text', '--field', 'title:text'], /^error: invalid --field: a field key is given twice \(e\.g\. --fiel/],
  [['entity', 'my_sales', 'note', '--field', 'title:text:extra:more'], /^error: invalid --field: "title:text:extra:more": write it as ke/],
  [['entity', 'my_sales', 'note', '--nope'], /^error: unknown flag --nope for entity \(see "create-mercato-modu/],
  [['entity', 'my_sales', 'note', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['entity', 'my_sales', 'note', '--field', 'tïtle:text'], /^error: invalid --field: "tïtle:text": "tïtle" is not a field na/],
  [['entity', 'my_sales', 'note', '--field', 'title:'], /^error: invalid --field: "title:": write it as key:kind\[:flags\],/],
  [['entity', 'my_sales', 'note', '--field', 'constructor:text'], /^error: invalid --field: "constructor" is a property every JavaScript object has; pick another field key/],
  [['entity', 'my_sales', 'note', '--field', 'id:text'], /^error: invalid --field: "id" is a key every custom entity record has \(Open Mercato drops it from the values saved\); pick another field key/],
  [['entity', 'my_sales', 'note', '--field', 'createdAt:date'], /^error: invalid --field: "createdAt" is a key every custom entity record has/],
  [['entity', 'my_sales', 'note', '--field', 'entity_id:text'], /^error: invalid --field: "entity_id" is a key every custom entity record has/],
  // data-entity
  [['data-entity'], /^error: missing <module>: the module that owns the entity \(give/],
  [['data-entity', 'my_sales'], /^error: missing <name>: entity class name, PascalCase, e\.g\. Serv/],
  [['data-entity', 'ghost', 'Order'], /^error: unknown module "ghost"/],
  [['data-entity', 'my_sales', 'Bad Name'], /^error: invalid <name>: "Bad Name" is not a PascalCase class nam/],
  [['data-entity', 'my_sales', '../Order'], /^error: invalid <name>: must not contain "\.\."/],
  [['data-entity', 'my_sales', 'Order', '--field', 'total'], /^error: invalid --field: "total": write it as key:kind\[:flags\],/],
  [['data-entity', 'my_sales', 'Order', '--field', 'total:money'], /^error: invalid --field: "total:money": unknown kind "money"; ki/],
  [['data-entity', 'my_sales', 'Order', '--field', ':text'], /^error: invalid --field: ":text": "" is not a field name: use ca/],
  [['data-entity', 'my_sales', 'Order', '--field', 'to tal:text'], /^error: invalid --field: "to tal:text": "to tal" is not a field/],
  [['data-entity', 'my_sales', 'Order', '--field='], /^error: --field is empty; give a value \(e\.g\. --field plate:text:/],
  [['data-entity', 'my_sales', 'Order', '--field', 'id:text'], /^error: "id" is one of the standard columns every entity has; pi/],
  [['data-entity', 'my_sales', 'Order', '--table', 'Bad Table'], /^error: invalid --table: a table name is lower-case letters, dig/],
  [['data-entity', 'my_sales', 'Order', '--table='], /^error: --table is empty; give a value or leave the flag out/],
  [['data-entity', 'my_sales', 'Order', '--table', 'a;drop'], /^error: invalid --table: a table name is lower-case letters, dig/],
  [['data-entity', 'my_sales', 'Order', '--nope'], /^error: unknown flag --nope for data-entity \(see "create-mercato/],
  [['data-entity', 'my_sales', 'Order', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['data-entity', 'my_sales', 'Ordér'], /^error: invalid <name>: "Ordér" is not a PascalCase class name \(/],
  [['data-entity', 'my_sales', 'Order', '--field', 'total:numeric:maybe'], /^error: invalid --field: "total:numeric:maybe": unknown kind "numeric"/],
  [['data-entity', 'my_sales', 'Order', '--field', 'a:text', '--field', 'a:text'], /^error: invalid --field: a field name is given twice \(e\.g\. --fie/],
  [['data-entity', 'my_sales', 'class'], /^error: invalid <name>: "class" is not a PascalCase class name \(/],
  [['data-entity', 'my_sales', '123'], /^error: invalid <name>: "123" is not a PascalCase class name \(e\./],
  // extension
  [['extension'], /^error: missing <module>: the module that extends \(it owns the e/],
  [['extension', 'my_sales'], /^error: missing <name>: extension entity class name, PascalCase,/],
  [['extension', 'my_sales', 'Extra'], /^error: missing --base: the entity extended, as <module>:<entity/],
  [['extension', 'my_sales', 'Extra', '--base', 'bad'], /^error: invalid --base: name the base entity as <module>:<entity/],
  [['extension', 'my_sales', 'Extra', '--base='], /^error: --base is empty; give a value \(e\.g\. --base customers:cus/],
  [['extension', 'my_sales', 'Extra', '--base', 'ghost:Thing'], /^error: invalid --base: name the base entity as <module>:<entity/],
  [['extension', 'my_sales', 'Extra', '--nope'], /^error: unknown flag --nope for extension \(see "create-mercato-m/],
  [['extension', 'my_sales', 'Extra', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['extension', 'my_sales', 'Extra', '--base', 'customers:customer', '--field', 'x'], /^error: invalid --field: "x": write it as key:kind\[:flags\], e\.g\. dueDate:date:required$/],
  [['extension', 'my_sales', 'Bad Name', '--base', 'customers:customer'], /^error: invalid <name>: "Bad Name" is not a PascalCase class nam/],
  [['extension', 'my_sales', '../Extra', '--base', 'customers:customer'], /^error: invalid <name>: must not contain "\.\."/],
  [['extension', 'ghost', 'Extra', '--base', 'customers:customer'], /^error: unknown module "ghost"/],
  [['extension', 'my_sales', 'Extra', '--base', 'Bad:customer'], /^error: invalid --base: name the base entity as <module>:<entity/],
  [['extension', 'my_sales', 'Entity', '--base', 'customers:customer'], /^error: invalid <name>: "Entity" is a name the generated entities file already uses/],
  [['extension', 'my_sales', 'Extra', '--base', 'customers:customer', '--field', 'class:text'], /^error: invalid --field: "class" is a reserved word in JavaScript; pick another field name/],
  [['extension', 'my_sales', 'Extra', '--base', 'customers:customer', '--field', 'constructor:text'], /^error: invalid --field: "constructor" is a property every JavaScript object has; pick another field name/],
  [['extension', 'my_sales', 'Extra', '--base', 'customers:customer', '--field', 'owner_id:text', '--field', 'ownerId:text'], /^error: invalid --field: "owner_id" and "ownerId" both become the property ownerId/],
  [['extension', 'my_sales', 'Extra', '--base', 'customers:customer', '--field', `${'a'.repeat(64)}:text`], /^error: invalid --field: "a{64}": its column "a{64}" is 64 bytes; PostgreSQL keeps only 63/],
  // override
  [['override'], /^error: missing <module>: an enabled module that comes from a pa/],
  [['override', 'my_sales'], /^error: missing <path>: the file inside the module, e\.g\. backend/],
  [['override', 'ghost', 'backend/page.tsx'], /^error: module "ghost" is not enabled \(or its package is not ins/],
  [['override', 'my_sales', '../../package.json'], /^error: invalid <path>: must not contain "\." or "\.\." segments/],
  [['override', 'my_sales', '/etc/passwd'], /^error: module "my_sales" is the app's own \(src\/modules\/my_sales\); edi/],
  [['override', 'my_sales', 'nosuch/file.ts'], /^error: module "my_sales" is the app's own \(src\/modules\/my_sales\); edi/],
  [['override', 'my_sales', 'page.tsx', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['override', 'my_sales', 'page.tsx', '--nope'], /^error: unknown flag --nope for override \(see "create-mercato-mo/],
  [['override', 'Sales', 'page.tsx'], /^error: invalid <module>: "Sales" is not a module id: use snake_/],
  // enable
  [['enable'], /^error: missing <id>: module id to enable \(give it as an argumen/],
  [['enable', 'Bad Id'], /^error: invalid <id>: "Bad Id" is not a module id: use snake_cas/],
  [['enable', '..'], /^error: invalid <id>: must not contain "\.\."/],
  [['enable', 'a/b'], /^error: invalid <id>: must not contain "\/" or "\\"/],
  [['enable', 'ghost'], /^error: module "ghost" \(from @open-mercato\/core\) not found; look/],
  [['enable', 'my_sales', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['enable', 'my_sales', '--nope'], /^error: unknown flag --nope for enable \(see "create-mercato-modu/],
  [['enable', 'my_sales', '--from', ''], /^error: --from is empty; give a value \(e\.g\. --from @open-mercato/],
  [['enable', 'x1', '--from='], /^error: --from is empty; give a value \(e\.g\. --from @open-mercato/],
  // disable
  [['disable'], /^error: missing <id>: module id to disable \(give it as an argume/],
  [['disable', 'Bad Id'], /^error: invalid <id>: "Bad Id" is not a module id: use snake_cas/],
  [['disable', '..'], /^error: invalid <id>: must not contain "\.\."/],
  [['disable', 'my_sales', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['disable', 'my_sales', '--nope'], /^error: unknown flag --nope for disable \(see "create-mercato-mod/],
  [['disable', 'a/b'], /^error: invalid <id>: must not contain "\/" or "\\"/],
  // add
  [['add', 'Bad Package'], /^error: invalid <package>: is not a package name with an optional version/],
  [['add', '@scope'], /^error: invalid <package>: is not a package name with an optional version/],
  [['add'], /^error: missing <package>: the package: a name \(@acme\/loyalty, @/],
  [['add', '../pkg'], /^error: \S*pkg does not exist; add takes a package name, a folder with a package\.json, or a/],
  [['add', 'pkg', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['add', 'pkg', '--nope'], /^error: unknown flag --nope for add \(see "create-mercato-module/],
  [['add', 'pkg', '--pm', 'bogus'], /^error: unknown flag --pm for add \(see "create-mercato-module ad/],
  [['add', ''], /^error: missing <package>: the package: a name \(@acme\/loyalty, @/],
  // templates
  [['templates'], /^error: "templates" takes one of: list, eject \(see "create-merca/],
  [['templates', 'bogus'], /^error: unknown command "templates bogus"; "templates" takes one/],
  [['templates', 'list', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['templates', 'list', '--nope'], /^error: unknown flag --nope for templates list \(see "create-merc/],
  [['templates', 'eject', 'bogus'], /^error: no templates of kind "bogus"; kinds are acl, agents, api, cli, d/],
  [['templates', 'eject', 'page', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['templates', 'eject', '--nope'], /^error: unknown flag --nope for templates eject \(see "create-mer/],
  [['templates', 'eject', '../x'], /^error: no templates of kind "\.\.\/x"; kinds are acl, agents, api, cli, da/],
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
  [['db', 'generate', 'ghost'], /^error: unknown or disabled module "ghost" \(enabled: my_sales\)/],
  [['db', 'generate', 'Bad Id'], /^error: invalid <modules>: "Bad Id" is not a module id: use snak/],
  [['db', 'generate', '--nope'], /^error: unknown flag --nope for db generate \(see "create-mercato/],
  [['db', 'migrate', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['db', 'migrate', '--nope'], /^error: unknown flag --nope for db migrate \(see "create-mercato-/],
  [['db', 'greenfield', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-modul/],
  [['db', 'greenfield', '--nope'], /^error: unknown flag --nope for db greenfield \(see "create-merca/],
  [['db', 'migrate', '--to', 'nope'], /^error: unknown flag --to for db migrate \(see "create-mercato-mo/],
  [['db', 'generate', 'my_sales', ''], /^error: invalid <modules>: "my_sales," has an empty item; separate items with single commas$/],
  [['db', 'generate', ''], /^error: invalid <modules>: must not be empty$/],
  [['schema', ''], /^error: invalid <command>: must not be empty$/],
  // schema
  [['schema', 'bogus'], /^error: unknown command "bogus" \(see "create-mercato-module sche/],
  [['schema', '--nope'], /^error: unknown flag --nope for schema \(see "create-mercato-modu/],
  [['schema', 'module', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-module schema \[command\]\)$/],
  [['schema', 'db', 'migrate', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-module schema \[command\]\)$/],
  // completion
  [['completion'], /^error: completion needs a shell: bash, zsh, fish \(e\.g\. create-m/],
  [['completion', 'powershell'], /^error: completion needs a shell: bash, zsh, fish \(e\.g\. create-m/],
  [['completion', 'bash', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-module completion bash\|zsh\|fish\)$/],
  [['completion', 'zsh', 'fish'], /^error: unexpected argument "fish" \(usage: create-mercato-module completion bash\|zsh\|fish\)$/],
  // mcp
  [['mcp', 'extra'], /^error: unexpected argument "extra" \(usage: create-mercato-module mcp \[--read-only\]\)$/],
  [['mcp', '--bogus'], /^error: unknown flag --bogus for mcp \(see "create-mercato-module mcp --help"\)$/],
  // a flag with no command: one line, not the whole help
  [['--nope'], /^error: unknown flag --nope\ntry: create-mercato-module --help$/],
  [['--jsn'], /^error: unknown flag --jsn; did you mean --json\?\ntry: create-mercato-module --help$/],
  [['--dry-run', '--nope'], /^error: unknown flag --nope\ntry: create-mercato-module --help$/],
  // unknown commands
  [['help', 'bogus'], /^error: unknown command "bogus" \(see "create-mercato-module --he/],
  [['bogus'], /^error: unknown command "bogus" \(see "create-mercato-module --he/],
  [['modul', 'x1'], /^error: unknown command "modul"; did you mean module\? \(see "crea/],
  // --cwd (a missing folder, a file, empty), and a bad module --version
  [['module', 'x1', '--cwd', '/nonexistent/dir'], /^error: \/nonexistent\/dir does not exist or is not a folder/],
  [['module', 'x1', '--cwd', ''], /^error: --cwd is empty; give a value \(e\.g\. --cwd \.\.\/shop\) or lea/],
  [['list', '--cwd', '/nonexistent/dir'], /^error: \/nonexistent\/dir does not exist or is not a folder/],
  [['page', 'my_sales', 'reports', '--cwd', '/etc/passwd'], /^error: \/etc\/passwd does not exist or is not a folder/],
  [['module', 'x1', '--version', 'extra'], /^error: invalid --version: must be a version like 0\.1\.0/],
  // one example per message, a real value and never a placeholder
  [['module', 'x1', '--version'], /^error: --version needs a value \(e\.g\. --version 0\.2\.0\) \(see "create-mercato-module module --help"\)$/],
  [['data-entity', 'my_sales', 'Order', '--field', 'a:enum='], /^error: invalid --field: "a": an enum lists its values, e\.g\. a:enum=draft\|published$/],
  [['db', 'status', '--database-url', ''], /^error: --database-url is empty; give a value \(e\.g\. --database-url postgres:\/\/me:secret@localhost\/shop\) or leave the flag out/],
  [['db', 'migrate', '--engine='], /^error: --engine is empty; give a value \(e\.g\. --engine bundled\) or leave the flag out/],
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
    await ok(a, ['module', 'my_sales', '--quiet'])
    const broken: string[] = []
    for (const [args, message] of ROWS) {
      const why = await breach(a, args, message)
      if (why) broken.push(why)
    }
    tallyMany(ROWS.length, ROWS.length - broken.length)
    assert.deepEqual(broken, [], `rows that broke the contract:\n${broken.join('\n')}`)
  })
})
