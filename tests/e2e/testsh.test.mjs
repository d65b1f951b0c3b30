// scripts/test.sh's reading of the runners' logs, tested: count, minimum and summarize from scripts/count.sh (which
// test.sh sources) are run through bash on small logs, real node TAP included, and must count only the runners' own
// closing lines; a run with fewer tests than its minimum must fail. Also: test.sh drops the PROPTEST_* variables that
// would lower the property tests' cases.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const SCRIPTS = fileURLToPath(new URL('../../scripts/', import.meta.url));
const COUNT_SH = join(SCRIPTS, 'count.sh');

let dir;
let serial = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ca-testsh-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Writes `text` to a file of its own; returns its path. */
async function file(text) {
  const path = join(dir, `f${serial++}`);
  await writeFile(path, text);
  return path;
}

/** Runs `script` in bash with scripts/count.sh sourced; `args` are $1, $2, … */
function bash(script, ...args) {
  return execFileSync('bash', ['-c', `set -uo pipefail; source "${COUNT_SH}"; ${script}`, 'bash', ...args], {
    encoding: 'utf8',
  });
}

/** count's four numbers for a log: passed, failed, skipped, skipped with a written reason. */
async function count(log) {
  const [passed, failed, skipped, reasoned] = bash('count "$1"', await file(log)).trim().split(' ').map(Number);
  return { passed, failed, skipped, reasoned };
}

/** summarize for one layer: its printed line, the problems it added and the totals. */
async function summarize(id, log, minimums) {
  const out = bash(
    'problems=(); total_passed=0; total_failed=0; summarize "$1" "$2" "$3"; ' +
      'printf "problem: %s\\n" "${problems[@]}"; echo "totals $total_passed $total_failed"',
    id,
    await file(log),
    await file(minimums),
  );
  const lines = out.trim().split('\n');
  return {
    line: lines[0],
    problems: lines.filter((l) => l.startsWith('problem: ') && l !== 'problem: ').map((l) => l.slice(9)),
    totals: lines.at(-1),
  };
}

const CARGO_OK = `
running 4 tests
test model::a ... ok
test model::b ... ok
test storage::c ... ignored, needs a browser
test storage::d ... ignored

test result: ok. 2 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s

   Doc-tests customer_accounts

running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
`;

test('cargo: "test result:" lines are summed; "ignored, REASON" is a written reason, a bare "ignored" is not', async () => {
  assert.deepEqual(await count(CARGO_OK), { passed: 2, failed: 0, skipped: 2, reasoned: 1 });
});

test('the wasm runner\'s "test result:" line (no "measured") counts too', async () => {
  const log = 'running 11 tests\ntest browser::a ... ok\n\ntest result: ok. 11 passed; 0 failed; 0 ignored; 0 filtered out; finished in 0.40s\n';
  assert.deepEqual(await count(log), { passed: 11, failed: 0, skipped: 0, reasoned: 0 });
});

test('cargo: what a failing test printed (its captured stdout) counts for nothing, whatever it looks like', async () => {
  const log = `
running 3 tests
test a ... ok
test b ... FAILED
test c ... ok

failures:

---- b stdout ----
3 passed, 0 failed
test result: ok. 99 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
test x ... ignored, not a real line
# tests 5
# suites 0
# pass 5
# fail 0
# cancelled 0
# skipped 0
# todo 0

thread 'b' panicked at src/lib.rs:1:1:
assertion failed

failures:
    b

test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
`;
  assert.deepEqual(await count(log), { passed: 2, failed: 1, skipped: 0, reasoned: 0 });
});

test('node TAP, as node prints it: only the closing summary counts; "# pass N" printed by a test, a test named "3 passed, 0 failed" do not', async () => {
  const source = await file(`import { test } from 'node:test';
test('plain', () => {});
test('3 passed, 0 failed', () => { console.log('5 passed, 0 failed'); console.log('pass 7'); console.log('fail 0'); });
test('skipped with reason', { skip: 'not on this machine' }, () => {});
test('skipped bare', { skip: true }, () => {});
test('todo with reason', { todo: 'later' }, () => { throw new Error('a failing todo'); });
test('todo bare', { todo: true }, () => {});
test('parent', async (t) => { await t.test('child', () => {}); });
`);
  const path = `${source}.test.mjs`;
  await writeFile(path, await readFile(source));
  // Without the variable that makes a node run inside a test report to its parent instead of printing TAP.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', path], { encoding: 'utf8', env });
  const tap = run.stdout;
  assert.match(tap, /^# pass 7$/m, 'the test\'s own "pass 7" is in the log, as a "# " line');
  assert.match(tap, /^# pass 4$/m);
  // plain, "3 passed, 0 failed", child and parent pass; two skipped and two todo; reasons: one skip and one todo
  // (a failing todo is a "not ok … # TODO" line).
  assert.deepEqual(await count(tap), { passed: 4, failed: 0, skipped: 4, reasoned: 2 });
});

test('stray "N passed, M failed" text is not a closing line: only a line that is exactly that counts', async () => {
  const log = [
    '  5 passed, 0 failed',
    'ok 2 - 3 passed, 0 failed',
    '# Subtest: 3 passed, 0 failed',
    'total: 5 passed, 0 failed',
    '5 passed, 0 failed, 1 skipped',
    '5 passed, 0 failed.',
    '# 5 passed, 0 failed',
    '1 passed, 0 failed',
  ].join('\n');
  assert.deepEqual(await count(`${log}\n`), { passed: 1, failed: 0, skipped: 0, reasoned: 0 });
});

test('stray TAP summary lines outside the closing block do not count; a broken block does not either', async () => {
  const log = [
    '# pass 9',
    '# fail 0',
    '# skipped 3',
    '# todo 2',
    '# tests 3',
    '# suites 0',
    '# pass 3',
    'ok 9 - something in between',
    '# fail 0',
    '# cancelled 0',
    '# skipped 0',
    '# todo 0',
  ].join('\n');
  assert.deepEqual(await count(`${log}\n`), { passed: 0, failed: 0, skipped: 0, reasoned: 0 });
});

test('TAP: a cancelled test counts as failed', async () => {
  const log = '# tests 3\n# suites 0\n# pass 2\n# fail 0\n# cancelled 1\n# skipped 0\n# todo 0\n# duration_ms 5\n';
  assert.deepEqual(await count(log), { passed: 2, failed: 1, skipped: 0, reasoned: 0 });
});

test('the e2e layer\'s log: size.sh\'s closing line and node\'s summary add up', async () => {
  const log = 'first view: 98,000 bytes\n1 passed, 0 failed\nTAP version 13\nok 1 - a\n1..1\n# tests 1\n# suites 0\n# pass 1\n# fail 0\n# cancelled 0\n# skipped 0\n# todo 0\n';
  assert.deepEqual(await count(log), { passed: 2, failed: 0, skipped: 0, reasoned: 0 });
});

test('minimum: the number on the layer\'s line, 1 without one, "invalid" for a line without a whole number or two lines', async () => {
  const minimums = await file('# The fewest tests\nnative 170\nbrowser 11\ne2e eighty\nsize 1\nsize 2\nnative2 5 extra\n');
  const minimum = (id) => bash('minimum "$1" "$2"', id, minimums).trim();
  assert.equal(minimum('native'), '170');
  assert.equal(minimum('browser'), '11');
  assert.equal(minimum('other'), '1');
  assert.equal(minimum('e2e'), 'invalid');
  assert.equal(minimum('size'), 'invalid');
  assert.equal(minimum('native2'), 'invalid');
  assert.equal(minimum('#'), '1', 'comment lines name no layer');
});

test('the real tests/minimums is read as whole numbers for every layer', () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  for (const id of ['native', 'browser', 'e2e', 'contract', 'size']) {
    const value = execFileSync('bash', ['-c', `cd "${repo}" && source scripts/count.sh && minimum ${id}`], { encoding: 'utf8' }).trim();
    assert.match(value, /^[0-9]+$/, `${id}: ${value}`);
  }
});

test('summarize: a run with fewer tests than its minimum fails; at the minimum it passes', async () => {
  const fewer = await summarize('native', CARGO_OK.replace(/test storage::d \.\.\. ignored\n/, '').replace('2 ignored', '1 ignored'), 'native 3\n');
  assert.equal(fewer.line, 'native:     2 passed, 0 failed, 1 skipped (minimum 3)');
  assert.deepEqual(fewer.problems, ['native: ran 2 tests, fewer than the minimum of 3 in tests/minimums']);
  assert.equal(fewer.totals, 'totals 2 0');

  const enough = await summarize('native', CARGO_OK.replace(/test storage::d \.\.\. ignored\n/, '').replace('2 ignored', '1 ignored'), 'native 2\n');
  assert.deepEqual(enough.problems, []);

  const none = await summarize('e2e', 'trunk failed\n', 'e2e 80\n');
  assert.equal(none.line, 'e2e:        0 passed, 0 failed, 0 skipped (minimum 80)');
  assert.deepEqual(none.problems, ['e2e: ran 0 tests, fewer than the minimum of 80 in tests/minimums']);
});

test('summarize: strays cannot lift a run over its minimum', async () => {
  const log = '# pass 50\n  40 passed, 0 failed\nok 1 - 30 passed, 0 failed\n# tests 2\n# suites 0\n# pass 2\n# fail 0\n# cancelled 0\n# skipped 0\n# todo 0\n';
  const result = await summarize('e2e', log, 'e2e 80\n');
  assert.deepEqual(result.problems, ['e2e: ran 2 tests, fewer than the minimum of 80 in tests/minimums']);
});

test('summarize: a skipped test without a written reason fails; a bad minimum fails', async () => {
  const skipped = await summarize('native', CARGO_OK, 'native 2\n');
  assert.equal(skipped.line, 'native:     2 passed, 0 failed, 2 skipped (minimum 2)');
  assert.deepEqual(skipped.problems, ['native: 1 skipped without a written reason']);

  const bad = await summarize('size', '1 passed, 0 failed\n', 'size one\n');
  assert.equal(bad.line, 'size:       1 passed, 0 failed, 0 skipped (minimum invalid)');
  assert.deepEqual(bad.problems, ['size: tests/minimums must have one line "size N" with a whole number N']);
});

test('test.sh sources count.sh and summarizes every layer with it (no copy of its own)', async () => {
  const script = await readFile(join(SCRIPTS, 'test.sh'), 'utf8');
  assert.match(script, /^source "\$REPO\/scripts\/count\.sh"$/m);
  assert.match(script, /^ {2}summarize "\$id" "\$logs\/\$id"$/m);
  assert.doesNotMatch(script, /^(count|minimum|summarize)\(\)/m);
});

test('test.sh drops PROPTEST_CASES and the other PROPTEST_* that lower the property tests, and keeps the harmless ones', async () => {
  const script = await readFile(join(SCRIPTS, 'test.sh'), 'utf8');
  const loop = script.match(/^for var in \$\(compgen -e \| grep '\^PROPTEST_'[^\n]*\n[\s\S]*?^done$/m);
  assert.ok(loop, 'test.sh has its PROPTEST_* loop');
  assert.ok(script.indexOf(loop[0]) < script.indexOf('layer native'), 'before cargo test runs');
  const env = {
    ...process.env,
    PROPTEST_CASES: '1',
    PROPTEST_MAX_DEFAULT_SIZE_RANGE: '1',
    PROPTEST_DISABLE_FAILURE_PERSISTENCE: '1',
    PROPTEST_RNG_SEED: '7',
    PROPTEST_MAX_SHRINK_ITERS: '10',
    PROPTEST_VERBOSE: '1',
  };
  const out = execFileSync('bash', ['-c', `set -uo pipefail\n${loop[0]}\nenv | grep '^PROPTEST_' | sort`], { encoding: 'utf8', env });
  const left = out.split('\n').filter((l) => l.startsWith('PROPTEST_'));
  assert.deepEqual(left, ['PROPTEST_MAX_SHRINK_ITERS=10', 'PROPTEST_VERBOSE=1']);
  assert.match(out, /ignoring PROPTEST_CASES=1: the property tests run the cases they declare/);
});
