'use strict';
// test/node/client.js: cx_metrics as a node-postgres (`pg`) client sees it;
// test/t/node_client.sh installs `pg` (package-lock.json) and runs this.
// Prints TAP.
//
// It makes a journey and fills it with generated rows (a seeded generator:
// the same rows every run), then:
// - reads EVERY view of the journey's schema, found at run time, and checks
//   that each column arrives in JavaScript as README's "Client notes" say
//   (bigint and numeric as strings, float8 as a number, summaries as their
//   text form, jsonb as an object, ...); a column of a type the notes do
//   not cover fails, naming it, so a new view or column is covered or
//   documented;
// - sends every summary a view returned back to the server as a $1
//   parameter and reads it again (text and jsonb);
// - compares the scorecards', the revenue scorecard's and goal_progress's
//   numbers with values computed here from the raw rows, never with what
//   the server printed;
// - builds summaries from a JS array of counts (nps_summary($1::bigint[]))
//   and from a JS object (the jsonb form), with the derived values computed
//   here;
// - checks that bad input gives the SQLSTATE REFERENCE.md documents, in
//   err.code.
//
// Connects with the PG* environment variables (PGHOST may be a socket
// directory).  Creates and drops its own database, CX_NODE_DB.

const pg = require('pg');

const dbName = process.env.CX_NODE_DB || 'cx_node_client';
const S = 'nodej'; // the journey's schema

// ---------------------------------------------------------------------------
// TAP

let tests = 0;
let failures = 0;
function ok(cond, desc, ...diag) {
	tests++;
	if (cond) {
		console.log(`ok ${tests} - ${desc}`);
	} else {
		failures++;
		console.log(`not ok ${tests} - ${desc}`);
		for (const d of diag) console.log(`#   ${String(d).split('\n').join('\n#   ')}`);
	}
	return cond;
}
function is(got, want, desc) {
	return ok(got === want, desc, `got:  ${show(got)}`, `want: ${show(want)}`);
}
function near(got, want, desc, tol = 1e-9) {
	const good = (got === null && want === null) ||
		(typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) <= tol);
	return ok(good, desc, `got:  ${show(got)}`, `want: ${show(want)}`);
}
function show(v) {
	return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
}
// The SQLSTATE of a query that must fail, or 'no error'.
async function sqlstate(client, text, params) {
	try {
		await client.query(text, params);
		return 'no error';
	} catch (err) {
		return err.code || `no code (${err.message})`;
	}
}

// ---------------------------------------------------------------------------
// Exact decimals: numeric strings as BigInt units of 0.0001 (the journey's
// money resolution: subscriptions.mrr = round(mrr, 4)).

function units(s) {
	const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(s);
	if (!m) throw new Error(`not a decimal of at most 4 places: ${s}`);
	const v = BigInt(m[2]) * 10000n + BigInt((m[3] || '').padEnd(4, '0'));
	return m[1] ? -v : v;
}

// ---------------------------------------------------------------------------
// The generated rows

function mulberry32(seed) {
	return function () {
		seed |= 0;
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rnd = mulberry32(20261202);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const SCALE = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };
const MONTHS = ['2026-01', '2026-02', '2026-03'];
const monthStart = (m) => new Date(`${m}-01T00:00:00Z`).getTime();
const monthOf = (ms) => new Date(ms).toISOString().slice(0, 7);

function makeResponses(touchpoints) {
	const rows = [];
	for (let i = 0; i < 700; i++) {
		const metric = pick(['nps', 'nps', 'csat', 'ces']);
		const [lo, hi] = SCALE[metric];
		const month = pick(MONTHS);
		const t0 = monthStart(month);
		const t1 = month === '2026-03' ? monthStart('2026-04') : monthStart(MONTHS[MONTHS.indexOf(month) + 1]);
		// some on the month's first and last instant, the boundaries a time
		// zone would move
		let at = t0 + Math.floor(rnd() * (t1 - t0));
		if (i % 50 === 0) at = t0;
		if (i % 50 === 1) at = t1 - 1;
		rows.push({
			customer: int(1, 80),
			touchpoint: pick(touchpoints),
			metric,
			score: i % 23 === 0 ? null : int(lo, hi), // NULL: not answered
			at,
		});
	}
	return rows;
}

function makeInteractions(touchpoints) {
	const rows = [];
	for (let i = 0; i < 90; i++) {
		const month = pick(MONTHS);
		const opened = monthStart(month) + int(0, 27) * 86400e3 + int(0, 86399) * 1e3;
		const first = opened + int(1, 600) * 60e3;
		rows.push({
			customer: int(1, 80),
			touchpoint: pick(touchpoints),
			opened,
			first,
			resolved: first + int(0, 72 * 60) * 60e3, // every case resolved
		});
	}
	return rows;
}

// Subscriptions as [lo, hi) day numbers (days since 1970-01-01), hi null for
// open-ended; prices with up to 4 decimals.
const day = (iso) => Math.round(new Date(`${iso}T00:00:00Z`).getTime() / 86400e3);
const iso = (d) => new Date(d * 86400e3).toISOString().slice(0, 10);
function makeSubscriptions() {
	const prices = ['9.99', '29.00', '49.50', '99.00', '12.3456', '0.0001'];
	const rows = [];
	const first = day('2025-11-01');
	for (let c = 1; c <= 40; c++) {
		const lo = first + int(0, 140);
		const kind = c % 5;
		if (kind === 0) {
			// an upgrade or a downgrade on one day: expansion or contraction
			const mid = lo + int(10, 60);
			rows.push({ customer: c, lo, hi: mid, mrr: pick(prices) });
			rows.push({ customer: c, lo: mid, hi: null, mrr: pick(prices) });
		} else if (kind === 1) {
			// churns, and some come back: reactivation
			const hi = lo + int(20, 70);
			rows.push({ customer: c, lo, hi, mrr: pick(prices) });
			if (c % 2) rows.push({ customer: c, lo: hi + int(35, 50), hi: null, mrr: pick(prices) });
		} else if (kind === 2) {
			// two at once
			rows.push({ customer: c, lo, hi: null, mrr: pick(prices) });
			rows.push({ customer: c, lo: lo + int(0, 40), hi: lo + int(41, 90), mrr: pick(prices) });
		} else {
			rows.push({ customer: c, lo, hi: kind === 3 ? null : lo + int(25, 100), mrr: pick(prices) });
		}
	}
	return rows;
}

// ---------------------------------------------------------------------------
// Expected values from the raw rows (the contract of DESIGN.md s. 4)

function tally(rows, metric) {
	const [lo, hi] = SCALE[metric];
	const counts = new Array(hi - lo + 1).fill(0);
	for (const r of rows) if (r.metric === metric && r.score !== null) counts[r.score - lo]++;
	return counts;
}
function npsOf(c) {
	const n = c.reduce((a, b) => a + b, 0);
	const p = c[9] + c[10];
	const d = c.slice(0, 7).reduce((a, b) => a + b, 0);
	return { n, promoters: p, passives: c[7] + c[8], detractors: d, nps: n ? 100 * (p - d) / n : null };
}
// CSAT on 1..k: satisfied = the top two points (k >= 4), else the top one
function csatOf(c) {
	const n = c.reduce((a, b) => a + b, 0);
	const k = c.length;
	const sat = k >= 4 ? c[k - 1] + c[k - 2] : c[k - 1];
	return { n, satisfied: sat, csat: n ? 100 * sat / n : null, mean: n ? meanOf(c, 1) : null };
}
function meanOf(c, lo) {
	const n = c.reduce((a, b) => a + b, 0);
	return c.reduce((a, x, i) => a + x * (lo + i), 0) / n;
}
// CES on 1..k: easy = the points above the midpoint (k+1)/2, difficult those
// below it (for higher-is-easier; swapped when lower is better)
function cesOf(c, lowerIsBetter) {
	const n = c.reduce((a, b) => a + b, 0);
	const k = c.length;
	const mid = (k + 1) / 2;
	let below = 0;
	let above = 0;
	c.forEach((x, i) => {
		if (i + 1 < mid) below += x;
		if (i + 1 > mid) above += x;
	});
	const easy = lowerIsBetter ? below : above;
	const difficult = lowerIsBetter ? above : below;
	return { n, easy, difficult, ces: n ? meanOf(c, 1) : null, net_effort: n ? 100 * (easy - difficult) / n : null };
}

// A customer's MRR on a day, and at a month boundary t: the smaller of its
// MRR on t and on t - 1 (the revenue_scorecard contract).
function mrrOn(subs, d) {
	let u = 0n;
	for (const s of subs) if (s.lo <= d && (s.hi === null || d < s.hi)) u += units(s.mrr);
	return u;
}
function mrrAt(subs, t) {
	const a = mrrOn(subs, t - 1);
	const b = mrrOn(subs, t);
	return a < b ? a : b;
}

// ---------------------------------------------------------------------------
// How each type arrives (README, "Client notes").  Keyed by pg_type.typname;
// the extension's own types are checked by summaryText below.

const isInt8 = (v) => typeof v === 'string' && /^-?\d+$/.test(v);
const isNumeric = (v) => typeof v === 'string' && /^(-?\d+(\.\d+)?|NaN)$/.test(v);
const isDate = (v) => v instanceof Date && !Number.isNaN(v.getTime());
const arrayOf = (f) => (v) => Array.isArray(v) && v.every((x) => x === null || f(x));
const ARRIVES = {
	int8: ['a string of digits', isInt8],
	numeric: ['a decimal string', isNumeric],
	float8: ['a number', (v) => typeof v === 'number'],
	float4: ['a number', (v) => typeof v === 'number'],
	int4: ['an integer number', Number.isInteger],
	int2: ['an integer number', Number.isInteger],
	bool: ['a boolean', (v) => typeof v === 'boolean'],
	text: ['a string', (v) => typeof v === 'string'],
	varchar: ['a string', (v) => typeof v === 'string'],
	name: ['a string', (v) => typeof v === 'string'],
	date: ['a Date (local midnight)', isDate],
	timestamptz: ['a Date', isDate],
	timestamp: ['a Date', isDate],
	interval: ['an interval object', (v) => typeof v === 'object' && typeof v.toPostgres === 'function'],
	jsonb: ['parsed JSON', (v) => typeof v === 'object'],
	json: ['parsed JSON', (v) => typeof v === 'object'],
	daterange: ['its text form', (v) => typeof v === 'string'],
	tstzrange: ['its text form', (v) => typeof v === 'string'],
	_int8: ['an array of digit strings', arrayOf(isInt8)],
	_numeric: ['an array of decimal strings', arrayOf(isNumeric)],
	_float8: ['an array of numbers', arrayOf((x) => typeof x === 'number')],
	_int4: ['an array of integers', arrayOf(Number.isInteger)],
	_text: ['an array of strings', arrayOf((x) => typeof x === 'string')],
	_bool: ['an array of booleans', arrayOf((x) => typeof x === 'boolean')],
};

// The counts of a score summary's text form, or null if it is not one:
// v1:0..10:c0,...,c10; v1:1..k:c1,...,ck; v1:1..k:lower_is_better:...
function scoreCounts(type, text) {
	const m = /^v1:(\d+)\.\.(\d+):(lower_is_better:)?(\d+(?:,\d+)*)$/.exec(text);
	if (!m) return null;
	const lo = Number(m[1]);
	const hi = Number(m[2]);
	const counts = m[4].split(',').map(Number);
	const fits = { nps_summary: lo === 0 && hi === 10 && !m[3], csat_summary: lo === 1 && !m[3], ces_summary: lo === 1 };
	if (!fits[type] || counts.length !== hi - lo + 1) return null;
	return { lo, counts, lowerIsBetter: Boolean(m[3]) };
}
// The cases of a duration summary's text form (v1;alpha=...;zero=C/O;
// buckets=I:C/O,...), or null if it is not one.
function durationCases(text) {
	const fields = Object.fromEntries(text.split(';').slice(1).map((f) => f.split('=')));
	if (!text.startsWith('v1;') || !fields.alpha || !fields.zero || fields.buckets === undefined) return null;
	let completed = 0;
	let open = 0;
	const add = (co) => {
		const [c, o] = co.split('/').map(Number);
		completed += c;
		open += o;
	};
	add(fields.zero);
	if (fields.buckets) for (const b of fields.buckets.split(',')) add(b.split(':')[1]);
	return { completed, open, cases: completed + open };
}

// ---------------------------------------------------------------------------

async function main() {
	const admin = new pg.Client({ database: 'postgres' });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)}`);
	await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(dbName)}`);
	// Months in UTC, as the expected values here are computed.
	const client = new pg.Client({ database: dbName, options: '-c TimeZone=UTC -c client_min_messages=warning' });
	await client.connect();
	try {
		await run(client);
	} finally {
		await client.end();
		await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)}`);
		await admin.end();
	}
}

async function run(client) {
	await client.query('CREATE EXTENSION cx_metrics');
	await client.query('SELECT cx_journey_create($1)', [S]);

	// Four touchpoints from the default catalog, of more than one stage.
	const tps = (await client.query(`SELECT touchpoint_id, stage FROM ${S}.touchpoints
		WHERE touchpoint_id IN (SELECT min(touchpoint_id) FROM ${S}.touchpoints GROUP BY stage
		                        UNION SELECT max(touchpoint_id) FROM ${S}.touchpoints)
		ORDER BY 1`)).rows;
	const stageOf = new Map(tps.map((t) => [t.touchpoint_id, t.stage]));
	const tpIds = tps.map((t) => t.touchpoint_id);
	ok(tpIds.length >= 3 && new Set(stageOf.values()).size >= 2, `touchpoints ${tpIds} of stages ${[...new Set(stageOf.values())]}`);

	// The rows go in as array parameters (a JS array is sent as an array literal).
	const responses = makeResponses(tpIds);
	await client.query(`INSERT INTO ${S}.responses (customer_id, touchpoint_id, metric, score, responded_at)
		SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::smallint[], $5::timestamptz[])`,
	[responses.map((r) => r.customer), responses.map((r) => r.touchpoint), responses.map((r) => r.metric),
		responses.map((r) => r.score), responses.map((r) => new Date(r.at).toISOString())]);
	const interactions = makeInteractions(tpIds);
	await client.query(`INSERT INTO ${S}.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
		SELECT * FROM unnest($1::bigint[], $2::int[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])`,
	[interactions.map((r) => r.customer), interactions.map((r) => r.touchpoint),
		...['opened', 'first', 'resolved'].map((k) => interactions.map((r) => new Date(r[k]).toISOString()))]);
	const subscriptions = makeSubscriptions();
	await client.query(`INSERT INTO ${S}.subscriptions (customer_id, active, mrr)
		SELECT c, daterange(lo, hi), m FROM unnest($1::bigint[], $2::date[], $3::date[], $4::numeric[]) AS u(c, lo, hi, m)`,
	[subscriptions.map((s) => s.customer), subscriptions.map((s) => iso(s.lo)),
		subscriptions.map((s) => (s.hi === null ? null : iso(s.hi))), subscriptions.map((s) => s.mrr)]);
	await client.query(`INSERT INTO ${S}.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
		VALUES ('nps up', 'nps', '[2026-01-01,2026-02-01)', '[2026-02-01,2026-03-01)', 'change', 5, '2026-03-01'),
		       ('csat up', 'csat', '[2026-01-01,2026-02-01)', '[2026-03-01,2026-04-01)', 'value', 70, '2026-04-01')`);
	const refreshed = await client.query('SELECT cx_journey_refresh($1, $2, $3) AS n', [S, '2026-01-01', '2026-03-31']);
	ok(isInt8(refreshed.rows[0].n) && Number(refreshed.rows[0].n) > 0,
		`cx_journey_refresh wrote ${refreshed.rows[0].n} rows (a bigint: a string)`);
	is((await client.query(`SELECT count(*) AS n FROM ${S}.responses`)).rows[0].n, String(responses.length),
		'count(*) of the responses arrives as a string, the number inserted');

	await readEveryView(client, { responses, interactions, subscriptions, stageOf });
	await summariesAsParameters(client, responses, interactions);
	await summariesFromCounts(client);
	await badInput(client);
	await typeParsers();
}

// README's recipe: parsers for OID 20 (bigint) and 1700 (numeric), here for
// one client (the `types` option; pg.types.setTypeParser sets them for
// every client).  bigint[] keeps its own parser: strings still.
async function typeParsers() {
	const parsers = { 20: BigInt, 1700: parseFloat, 1082: (x) => x };
	const types = { getTypeParser: (oid, format) => parsers[oid] || pg.types.getTypeParser(oid, format) };
	const c = new pg.Client({ database: dbName, types });
	await c.connect();
	try {
		const r = (await c.query(`SELECT responses(s) AS n, distribution(s) AS d, round(nps(s)::numeric, 1) AS r
			FROM (SELECT nps_summary('{3,0,0,0,0,0,0,2,1,4,10}'::bigint[]) AS s) AS t`)).rows[0];
		ok(r.n === 20n && typeof r.r === 'number' && r.r === 55 && JSON.stringify(r.d) === JSON.stringify(['3', '0', '0', '0', '0', '0', '0', '2', '1', '4', '10']),
			'with parsers for OIDs 20 (BigInt) and 1700 (parseFloat): responses() is 20n, round(...)::numeric a number, distribution() still strings',
			show(r.n), show(r.r), show(r.d));
		const d = (await c.query("SELECT DATE '2026-01-01' AS d")).rows[0].d;
		is(d, '2026-01-01', 'with a parser for OID 1082 (x => x) a date stays its string');
	} finally {
		await c.end();
	}
	// Without one, a Date at local midnight: its local getters give the
	// day; east of UTC (test/t/node_client.sh runs this in Europe/Berlin)
	// toISOString() gives the day before, as README warns.
	const plain = new pg.Client({ database: dbName });
	await plain.connect();
	let d;
	try {
		d = (await plain.query("SELECT DATE '2026-01-01' AS d")).rows[0].d;
	} finally {
		await plain.end();
	}
	ok(d instanceof Date && ym(d) === '2026-01' && d.getDate() === 1 &&
		(d.getTimezoneOffset() >= 0 || d.toISOString().startsWith('2025-12-31')),
	`a date arrives as a Date at local midnight (UTC offset ${-d.getTimezoneOffset()} min): ${d.toISOString()}`);
}

// ---------------------------------------------------------------------------
// Every view of the schema

async function readEveryView(client, raw) {
	const views = (await client.query(`SELECT c.relname FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind IN ('v', 'm') ORDER BY 1`, [S])).rows.map((r) => r.relname);
	// The views of 0.4.0 when this test was written: the list is read from
	// the catalog, and these must be among them.
	const known = ['goal_progress', 'overall_scorecard', 'overall_scorecard_from_daily', 'revenue_cohorts',
		'revenue_scorecard', 'stage_scorecard', 'stage_scorecard_from_daily', 'touchpoint_scorecard',
		'touchpoint_scorecard_from_daily'];
	ok(known.every((v) => views.includes(v)), `the catalog lists ${views.length} views of ${S}, the 9 known ones among them`,
		`views: ${views}`);

	const extTypes = new Map((await client.query(`SELECT t.oid::int AS oid, t.typname FROM pg_catalog.pg_type t
		JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
		JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid WHERE e.extname = 'cx_metrics'`)).rows
		.map((r) => [r.oid, r.typname]));
	const read = {};
	for (const v of views) {
		const res = await client.query(`SELECT * FROM ${pg.escapeIdentifier(S)}.${pg.escapeIdentifier(v)}`);
		read[v] = res.rows;
		const oids = [...new Set(res.fields.map((f) => f.dataTypeID))];
		const names = new Map((await client.query('SELECT oid::int AS oid, typname FROM pg_catalog.pg_type WHERE oid = ANY($1)',
			[oids])).rows.map((r) => [r.oid, r.typname]));
		const problems = [];
		let summaries = 0;
		for (const f of res.fields) {
			const typ = names.get(f.dataTypeID);
			if (extTypes.has(f.dataTypeID)) {
				for (const row of res.rows) {
					if (row[f.name] === null) continue;
					summaries++;
					const p = await summaryText(client, typ, row[f.name]);
					if (p) problems.push(`${f.name} (${typ}): ${p}`);
				}
				continue;
			}
			const rule = ARRIVES[typ];
			if (!rule) {
				problems.push(`${f.name} is of type ${typ}, which README's client notes and this test do not cover`);
				continue;
			}
			for (const row of res.rows) {
				if (row[f.name] !== null && !rule[1](row[f.name])) {
					problems.push(`${f.name} (${typ}) arrived as ${typeof row[f.name]} ${show(row[f.name])}, not ${rule[0]}`);
					break;
				}
			}
		}
		if (res.rows.length === 0) {
			console.log(`ok ${++tests} - view ${v}: no rows with these data # SKIP nothing to read`);
			continue;
		}
		ok(problems.length === 0, `view ${v}: ${res.rows.length} rows of ${res.fields.length} columns arrive as documented` +
			(summaries ? `, ${summaries} summaries read back as themselves` : ''), ...problems.slice(0, 10));
	}

	checkScorecards(read, raw);
	checkRevenue(read.revenue_scorecard || [], raw.subscriptions);
	checkGoals(read.goal_progress || [], raw.responses);
}

// A summary that arrived as text: it parses as README's text form says, and
// sent back as $1 it is read as the same value (text and jsonb agree with
// the counts parsed here).  Returns a problem, or null.
async function summaryText(client, typ, text) {
	if (typeof text !== 'string') return `arrived as ${typeof text}, not its text form`;
	const cast = `$1::${pg.escapeIdentifier(typ)}`;
	const back = (await client.query(`SELECT ${cast}::text AS t, ${cast}::jsonb AS j`, [text])).rows[0];
	if (back.t !== text) return `${text} read back as ${back.t}`;
	if (typeof back.j !== 'object') return `its jsonb arrived as ${typeof back.j}`;
	if (['nps_summary', 'csat_summary', 'ces_summary'].includes(typ)) {
		const p = scoreCounts(typ, text);
		if (!p) return `${text} is not the text form v1:lo..hi:counts`;
		if (JSON.stringify(back.j.counts) !== JSON.stringify(p.counts) ||
			back.j.n !== p.counts.reduce((a, b) => a + b, 0))
			return `jsonb ${JSON.stringify(back.j)} disagrees with the text ${text}`;
	} else if (typ === 'duration_summary') {
		const p = durationCases(text);
		if (!p) return `${text} is not the text form v1;alpha=...;zero=C/O;buckets=...`;
		if (back.j.cases !== p.cases || back.j.completed !== p.completed || back.j.open !== p.open)
			return `jsonb ${JSON.stringify(back.j)} disagrees with the text ${text}`;
	} else if (!text.startsWith('v1')) {
		return `${text} does not start with its format version v1`;
	}
	return null;
}

// Every scorecard row against the raw rows, and every group of raw rows
// found in the scorecard.
function checkScorecards(read, raw) {
	const levels = {
		touchpoint_scorecard: (r) => `${r.month}|${r.touchpoint}`,
		stage_scorecard: (r) => `${r.month}|${raw.stageOf.get(r.touchpoint)}`,
		overall_scorecard: (r) => `${r.month}`,
	};
	const viewKey = {
		touchpoint_scorecard: (v) => `${ym(v.month)}|${v.touchpoint_id}`,
		stage_scorecard: (v) => `${ym(v.month)}|${v.stage}`,
		overall_scorecard: (v) => `${ym(v.month)}`,
	};
	for (const [level, keyOf] of Object.entries(levels)) {
		const groups = new Map();
		const group = (k) => {
			if (!groups.has(k)) groups.set(k, { responses: [], interactions: [] });
			return groups.get(k);
		};
		for (const r of raw.responses) group(keyOf({ month: monthOf(r.at), touchpoint: r.touchpoint })).responses.push(r);
		for (const i of raw.interactions) group(keyOf({ month: monthOf(i.opened), touchpoint: i.touchpoint })).interactions.push(i);
		for (const view of [level, `${level}_from_daily`]) {
			const rows = read[view] || [];
			const bad = [];
			const seen = new Set();
			for (const v of rows) {
				const k = viewKey[level](v);
				seen.add(k);
				const g = groups.get(k) || { responses: [], interactions: [] };
				const nps = npsOf(tally(g.responses, 'nps'));
				const csat = csatOf(tally(g.responses, 'csat'));
				const ces = cesOf(tally(g.responses, 'ces'), false);
				const want = {
					nps_n: String(nps.n), nps: nps.nps, csat_n: String(csat.n), csat: csat.csat,
					ces_n: String(ces.n), ces: ces.ces, interactions: String(g.interactions.length),
				};
				for (const [col, w] of Object.entries(want)) {
					const got = v[col];
					const good = typeof w === 'number' ? typeof got === 'number' && Math.abs(got - w) <= 1e-9 : got === w;
					if (!good) bad.push(`${k} ${col}: got ${show(got)}, want ${show(w)}`);
				}
				// the duration summaries: every case of the row, all resolved
				for (const col of ['first_response', 'resolution']) {
					const d = v[col] === null ? { cases: 0 } : durationCases(v[col]);
					if (!d || d.cases !== g.interactions.length || d.open !== undefined && d.open !== 0)
						bad.push(`${k} ${col}: ${v[col]} does not hold the ${g.interactions.length} resolved cases`);
				}
			}
			for (const k of groups.keys()) if (!seen.has(k)) bad.push(`no row for ${k}`);
			ok(rows.length > 0 && bad.length === 0,
				`${view}: ${rows.length} rows, counts, NPS, CSAT, CES and cases equal those of the raw rows`, ...bad.slice(0, 10));
		}
	}
}
// A date column's month: node-postgres makes a date a Date at local midnight.
function ym(d) {
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

// revenue_scorecard: per customer a = MRR at the month's start, b at its end.
function checkRevenue(rows, subscriptions) {
	const byCustomer = new Map();
	for (const s of subscriptions) {
		if (!byCustomer.has(s.customer)) byCustomer.set(s.customer, []);
		byCustomer.get(s.customer).push(s);
	}
	const bad = [];
	for (const v of rows) {
		const t0 = day(ym(v.month) + '-01');
		const next = new Date(Date.UTC(v.month.getFullYear(), v.month.getMonth() + 1, 1));
		const t1 = day(next.toISOString().slice(0, 10));
		const w = { start: 0n, end: 0n, churned: 0n, expansion: 0n, contraction: 0n, arrived: 0n, atStart: 0, atEnd: 0, churnedN: 0 };
		for (const subs of byCustomer.values()) {
			const a = mrrAt(subs, t0);
			const b = mrrAt(subs, t1);
			w.start += a;
			w.end += b;
			if (a > 0n) w.atStart++;
			if (b > 0n) w.atEnd++;
			if (a > 0n && b === 0n) {
				w.churned += a;
				w.churnedN++;
			}
			if (a > 0n && b > a) w.expansion += b - a;
			if (a > 0n && b > 0n && b < a) w.contraction += a - b;
			if (a === 0n && b > 0n) w.arrived += b;
		}
		const k = ym(v.month);
		const u = (col) => units(v[col]);
		const pairs = [
			['mrr_at_start', u('mrr_at_start'), w.start], ['mrr_at_end', u('mrr_at_end'), w.end],
			['churned_mrr', u('churned_mrr'), w.churned], ['expansion_mrr', u('expansion_mrr'), w.expansion],
			['contraction_mrr', u('contraction_mrr'), w.contraction],
			['new_mrr + reactivation_mrr', u('new_mrr') + u('reactivation_mrr'), w.arrived],
			['start + new + expansion + reactivation - contraction - churned',
				u('mrr_at_start') + u('new_mrr') + u('expansion_mrr') + u('reactivation_mrr') - u('contraction_mrr') - u('churned_mrr'),
				u('mrr_at_end')],
			['customers_at_start', v.customers_at_start, String(w.atStart)],
			['customers_at_end', v.customers_at_end, String(w.atEnd)],
			['churned_customers', v.churned_customers, String(w.churnedN)],
		];
		for (const [col, got, want] of pairs) if (got !== want) bad.push(`${k} ${col}: got ${show(got)}, want ${show(want)}`);
	}
	const moved = rows.filter((v) => units(v.expansion_mrr) > 0n && units(v.contraction_mrr) > 0n && units(v.churned_mrr) > 0n);
	ok(rows.length >= 5 && moved.length > 0 && bad.length === 0,
		`revenue_scorecard: ${rows.length} months of exact MRR (numeric strings) equal those of the subscriptions, ` +
		`${moved.length} with expansion, contraction and churn`, ...bad.slice(0, 10));
}

function checkGoals(rows, responses) {
	const inMonth = (m) => responses.filter((r) => monthOf(r.at) === m);
	const want = {
		'nps up': [npsOf(tally(inMonth('2026-01'), 'nps')), npsOf(tally(inMonth('2026-02'), 'nps')), 'nps'],
		'csat up': [csatOf(tally(inMonth('2026-01'), 'csat')), csatOf(tally(inMonth('2026-03'), 'csat')), 'csat'],
	};
	for (const [name, [base, cur, metric]] of Object.entries(want)) {
		const g = rows.find((r) => r.name === name);
		const bad = [];
		if (!g) bad.push('no row');
		else {
			if (g.baseline_n !== String(base.n) || g.current_n !== String(cur.n))
				bad.push(`n: got ${g.baseline_n}, ${g.current_n}; want ${base.n}, ${cur.n}`);
			if (Math.abs(g.baseline - base[metric]) > 1e-9 || Math.abs(g.current - cur[metric]) > 1e-9)
				bad.push(`got ${g.baseline} -> ${g.current}; want ${base[metric]} -> ${cur[metric]}`);
			if (Math.abs(g.change - (cur[metric] - base[metric])) > 1e-9) bad.push(`change ${g.change}`);
		}
		ok(bad.length === 0, `goal_progress "${name}": baseline, current and their n equal those of the raw rows`, ...bad);
	}
}

// ---------------------------------------------------------------------------
// Summaries as parameters

async function summariesAsParameters(client, responses, interactions) {
	const q = async (text, params) => (await client.query(text, params)).rows[0];
	const nc = tally(responses, 'nps');
	const cc = tally(responses, 'csat');
	const ec = tally(responses, 'ces');
	const aggs = await q(`SELECT nps_agg(score) FILTER (WHERE metric = 'nps') AS nps,
		csat_agg(score) FILTER (WHERE metric = 'csat') AS csat,
		ces_agg(score) FILTER (WHERE metric = 'ces') AS ces FROM ${S}.responses`);
	is(aggs.nps, `v1:0..10:${nc.join(',')}`, 'nps_agg arrives as its text form, with the counts of the raw rows');
	is(aggs.csat, `v1:1..5:${cc.join(',')}`, 'csat_agg arrives as its text form, with the counts of the raw rows');
	is(aggs.ces, `v1:1..7:${ec.join(',')}`, 'ces_agg arrives as its text form, with the counts of the raw rows');

	const n = npsOf(nc);
	let r = await q(`SELECT nps($1::nps_summary) AS nps, responses($1::nps_summary) AS n, promoters($1::nps_summary) AS p,
		passives($1::nps_summary) AS pa, detractors($1::nps_summary) AS d`, [aggs.nps]);
	ok(Math.abs(r.nps - n.nps) <= 1e-12 && r.n === String(n.n) && r.p === String(n.promoters) &&
		r.pa === String(n.passives) && r.d === String(n.detractors),
	`nps($1::nps_summary) and its counts from the text sent back: ${r.nps} of ${r.n} responses`, show(r), show(n));
	const c = csatOf(cc);
	r = await q('SELECT csat($1::csat_summary) AS csat, satisfied($1::csat_summary) AS s, mean($1::csat_summary) AS m', [aggs.csat]);
	ok(Math.abs(r.csat - c.csat) <= 1e-12 && r.s === String(c.satisfied) && Math.abs(r.m - c.mean) <= 1e-12,
		`csat($1::csat_summary), satisfied and mean from the text sent back: ${r.csat}`, show(r), show(c));
	const e = cesOf(ec, false);
	r = await q('SELECT ces($1::ces_summary) AS ces, net_effort($1::ces_summary) AS net', [aggs.ces]);
	ok(Math.abs(r.ces - e.ces) <= 1e-12 && Math.abs(r.net - e.net_effort) <= 1e-12,
		`ces($1::ces_summary) and net_effort from the text sent back: ${r.ces}, ${r.net}`, show(r), show(e));

	// The jsonb form arrives parsed; sent back as-is (node-postgres sends an
	// object as JSON) and as JSON.stringify, it is the same summary.
	const j = await q(`SELECT nps_agg(score)::jsonb AS j FROM ${S}.responses WHERE metric = 'nps'`);
	ok(typeof j.j === 'object' && Array.isArray(j.j.counts) && typeof j.j.nps === 'number' && typeof j.j.n === 'number' &&
		JSON.stringify(j.j.counts) === JSON.stringify(nc) && j.j.promoters === n.promoters,
	's::jsonb arrives as an object: counts an array of numbers, nps a number', show(j.j));
	r = await q('SELECT $1::jsonb::nps_summary::text AS a, $2::jsonb::nps_summary::text AS b', [j.j, JSON.stringify(j.j)]);
	ok(r.a === aggs.nps && r.b === aggs.nps, 'that object sent back as $1::jsonb::nps_summary is the same summary', show(r));

	// Durations: the summary of every first response, read back.
	const d = await q(`SELECT duration_agg(first_response_at - opened_at) AS s FROM ${S}.interactions`);
	const dc = durationCases(d.s);
	r = await q(`SELECT cases($1::duration_summary) AS n, completed($1::duration_summary) AS c,
		open_cases($1::duration_summary) AS o, mean($1::duration_summary) AS mean`, [d.s]);
	const mean = interactions.reduce((a, i) => a + (i.first - i.opened), 0) / interactions.length;
	ok(dc && dc.cases === interactions.length && r.n === String(interactions.length) && r.c === r.n && r.o === '0' &&
		typeof r.mean === 'object',
	`duration_agg arrives as its text form; sent back, cases($1::duration_summary) = ${r.n}, all completed`, show(r), d.s);
	const secs = await q('SELECT extract(epoch FROM mean($1::duration_summary))::float8 AS s', [d.s]);
	near(secs.s, mean / 1000, `mean($1::duration_summary) is the mean of the raw first-response times (${mean / 1000} s)`, 1e-6);
}

async function summariesFromCounts(client) {
	const q = async (text, params) => (await client.query(text, params)).rows[0];
	const counts = [3, 0, 0, 0, 0, 0, 0, 2, 1, 4, 10];
	const n = npsOf(counts);
	let r = await q('SELECT nps_summary($1::bigint[])::text AS t, nps(nps_summary($1::bigint[])) AS nps', [counts]);
	ok(r.t === `v1:0..10:${counts.join(',')}` && r.nps === n.nps,
		`nps_summary($1::bigint[]) from a JS array: NPS ${r.nps} = 100 * (${n.promoters} - ${n.detractors}) / ${n.n}`, show(r));
	// distribution() comes back as strings; parsed, it is the same array
	r = await q('SELECT distribution(nps_summary($1::bigint[])) AS d', [counts]);
	ok(JSON.stringify(r.d) === JSON.stringify(counts.map(String)) && JSON.stringify(r.d.map(Number)) === JSON.stringify(counts),
		'distribution(s), a bigint[], arrives as an array of strings: .map(Number) gives the counts back', show(r.d));
	// BigInt elements too: counts past 2^53, exact
	const big = [2n ** 60n + 1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 1n, 2n ** 61n];
	r = await q('SELECT responses(nps_summary($1::bigint[])) AS n, promoters(nps_summary($1::bigint[])) AS p', [big.map(String)]);
	is(r.n, String(big.reduce((a, b) => a + b, 0n)), 'counts past 2^53 as strings: responses() is their exact sum, as a string');

	const cc = [1, 2, 0, 5, 4, 3, 1];
	const cs = csatOf(cc);
	r = await q('SELECT csat_summary($1::bigint[])::text AS t, csat(csat_summary($1::bigint[])) AS csat', [cc]);
	ok(r.t === `v1:1..7:${cc.join(',')}` && Math.abs(r.csat - cs.csat) <= 1e-12,
		`csat_summary($1::bigint[]) of 7 counts: a 1..7 scale, CSAT ${r.csat} (top two of 7 points)`, show(r), show(cs));
	const ec = [4, 1, 0, 2, 3];
	const es = cesOf(ec, true);
	r = await q(`SELECT ces_summary($1::bigint[], $2)::text AS t, ces(ces_summary($1::bigint[], $2)) AS ces,
		net_effort(ces_summary($1::bigint[], $2)) AS net`, [ec, true]);
	ok(r.t === `v1:1..5:lower_is_better:${ec.join(',')}` && Math.abs(r.ces - es.ces) <= 1e-12 &&
		Math.abs(r.net - es.net_effort) <= 1e-12,
	`ces_summary($1::bigint[], true): lower is better, mean ${r.ces}, net effort ${r.net}`, show(r), show(es));

	// From the JSON form, built here: every key, with the values computed here.
	const obj = { scale: [0, 10], n: n.n, counts, nps: n.nps, promoters: n.promoters, passives: n.passives, detractors: n.detractors };
	r = await q('SELECT $1::jsonb::nps_summary::text AS t', [JSON.stringify(obj)]);
	is(r.t, `v1:0..10:${counts.join(',')}`, '$1::jsonb::nps_summary from a JS object with the derived values computed in JS');
	const cobj = { scale: [1, 7], n: cs.n, counts: cc, csat: cs.csat, satisfied: cs.satisfied, mean: cs.mean };
	r = await q('SELECT $1::jsonb::csat_summary::text AS t', [JSON.stringify(cobj)]);
	is(r.t, `v1:1..7:${cc.join(',')}`, '$1::jsonb::csat_summary from a JS object (csat and mean computed in JS)');
	const eobj = { scale: [1, 5], n: es.n, counts: ec, lower_is_better: true, ces: es.ces, easy: es.easy,
		difficult: es.difficult, net_effort: es.net_effort };
	r = await q('SELECT $1::jsonb::ces_summary::text AS t', [JSON.stringify(eobj)]);
	is(r.t, `v1:1..5:lower_is_better:${ec.join(',')}`, '$1::jsonb::ces_summary from a JS object (lower is better, easy and net effort computed in JS)');
	r = await q('SELECT $1::json::nps_summary::text AS t', [JSON.stringify(obj)]);
	is(r.t, `v1:0..10:${counts.join(',')}`, '$1::json::nps_summary from the same object');
}

// Bad input: the SQLSTATE REFERENCE.md documents, in err.code.
async function badInput(client) {
	const counts = [3, 0, 0, 0, 0, 0, 0, 2, 1, 4, 10];
	const n = npsOf(counts);
	const obj = { scale: [0, 10], n: n.n, counts, nps: n.nps, promoters: n.promoters, passives: n.passives, detractors: n.detractors };
	const cases = [
		['nps_summary($1::bigint[]) of 10 counts', '22P02', 'SELECT nps_summary($1::bigint[])', [counts.slice(1)]],
		['nps_summary($1::bigint[]) with a negative count', '22P02', 'SELECT nps_summary($1::bigint[])', [[-1, ...counts.slice(1)]]],
		['nps_summary($1::bigint[]) with a null count', '22P02', 'SELECT nps_summary($1::bigint[])', [[null, ...counts.slice(1)]]],
		['nps_summary($1::bigint[]) of two dimensions', '22P02', 'SELECT nps_summary($1::bigint[])', [[counts, counts]]],
		['nps_summary($1::bigint[]) whose total passes bigint', '22003', 'SELECT nps_summary($1::bigint[])',
			[['9223372036854775807', '1', 0, 0, 0, 0, 0, 0, 0, 0, 0]]],
		['csat_summary($1::bigint[]) of 1 count (k is 2..10)', '22P02', 'SELECT csat_summary($1::bigint[])', [[5]]],
		['csat_summary($1::bigint[]) of 11 counts', '22P02', 'SELECT csat_summary($1::bigint[])', [counts]],
		['$1::nps_summary with 3 counts', '22P02', 'SELECT $1::nps_summary', ['v1:0..10:1,2,3']],
		['$1::nps_summary of an unknown version', '22P02', 'SELECT $1::nps_summary', [`v2:0..10:${counts.join(',')}`]],
		['$1::csat_summary on an NPS scale', '22P02', 'SELECT $1::csat_summary', [`v1:0..10:${counts.join(',')}`]],
		['$1::duration_summary malformed', '22P02', 'SELECT $1::duration_summary', ['v1;alpha=0.01;nonsense']],
		['$1::jsonb::nps_summary without "n"', '22P02', 'SELECT $1::jsonb::nps_summary',
			[JSON.stringify({ ...obj, n: undefined })]],
		['$1::jsonb::nps_summary with edited counts and the old nps', '22P02', 'SELECT $1::jsonb::nps_summary',
			[JSON.stringify({ ...obj, counts: [4, ...counts.slice(1)], n: n.n + 1 })]],
		['$1::jsonb::nps_summary with an extra key', '22P02', 'SELECT $1::jsonb::nps_summary', [JSON.stringify({ ...obj, x: 1 })]],
		['$1::jsonb::nps_summary with a fractional count', '22P02', 'SELECT $1::jsonb::nps_summary',
			[JSON.stringify({ ...obj, counts: [2.5, ...counts.slice(1)] })]],
		['$1::jsonb::nps_summary with a count past bigint', '22003', 'SELECT $1::jsonb::nps_summary',
			['{"scale": [0, 10], "n": 1, "counts": [1e30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}']],
		['nps() of a score 11 sent as an int[]', '22003', 'SELECT nps(x) FROM unnest($1::int[]) AS x', [[7, 11]]],
		['nps() of a score 7.5 sent as a float8[]', '22003', 'SELECT nps(x) FROM unnest($1::float8[]) AS x', [[7.5]]],
		['csat() of a score 0 on 1..5', '22003', 'SELECT csat(x) FROM unnest($1::int[]) AS x', [[0, 5]]],
	];
	for (const [desc, want, text, params] of cases) is(await sqlstate(client, text, params), want, `${desc}: err.code ${want}`);
	// an untyped parameter: nps($1) is ambiguous, as README says of a literal
	is(await sqlstate(client, 'SELECT nps($1)', [`v1:0..10:${counts.join(',')}`]), '42725',
		'nps($1) without a cast: err.code 42725 (function is not unique), as README warns');
}

main().then(() => {
	console.log(`1..${tests}`);
	process.exitCode = failures ? 1 : 0;
}, (err) => {
	console.log(`not ok ${++tests} - the client script died: ${err.stack || err}`);
	console.log(`1..${tests}`);
	process.exitCode = 1;
});
