// A reporter `cargo xtask test` runs beside node's own (spec) output: one JSON line per finished
// test (suites are not tests), which xtask/src/tally.rs counts and whose skips it holds to
// tests/e2e/skips.txt. A failed file (one that throws before its tests) is a failed test here.

export default async function* countReporter(source) {
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    if (data.details?.type === 'suite') continue;
    yield `${JSON.stringify({
      name: data.name,
      file: data.file ?? null,
      passed: type === 'test:pass',
      skip: data.skip ?? false,
      todo: data.todo ?? false,
    })}\n`;
  }
}
