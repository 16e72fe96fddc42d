#!/usr/bin/env bash
# Builds the gateway and the benchmark jar, then runs one benchmark suite.
#   bench/run.sh registry [--quick] [--data DIR]
#   bench/run.sh audit [--entries N] [--data DIR] [--refill]
#   bench/run.sh scrub [--rows N] [--suppressions N] [--repeats N] [--email-only|--phone-only] [--data DIR]
#   bench/run.sh lists [--addresses N] [--repeats N] [--data DIR]
#   bench/run.sh http    (wrk: /health vs EMAIL and CALL checks; bench/load.sh)
#   bench/run.sh sends   (wrk: accepted sends/s to .eml and SMTP, delivered/s, decisions per commit)
#   bench/run.sh deliver [--messages N] [--runs N]
# See bench/README.md for what it measures and how to read the output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

suite="${1:-}"
case "$suite" in
  registry|audit|scrub|lists|http|sends|deliver) shift ;;
  *) echo "usage: bench/run.sh registry [--quick] [--data DIR] | audit [--entries N] [--data DIR] [--refill] | scrub [--rows N] [--suppressions N] [--repeats N] [--email-only|--phone-only] | lists [--addresses N] [--repeats N] | http | sends | deliver [--messages N] [--runs N]" >&2; exit 2 ;;
esac

echo "# installing the gateway artifact into the local Maven repository (tests skipped)"
(cd "$root" && mvn -q -B install -Dmaven.test.skip=true)
echo "# packaging the benchmarks"
(cd "$here" && mvn -q -B package)

mkdir -p "$here/target"
out="$here/target/$suite-$(date -u +%Y%m%dT%H%M%SZ).txt"
if [ "$suite" = deliver ]; then
  java -Xmx1g -Dlogback.configurationFile=logback-bench.xml -cp "$here/target/benchmarks.jar" dev.outreach.bench.DeliverBench "$@" 2>&1 | tee "$out"
elif [ "$suite" = http ] || [ "$suite" = sends ]; then
  (cd "$root" && mvn -q -B package -Dmaven.test.skip=true)
  "$here/load.sh" "$suite" 2>&1 | tee "$out"
elif [ "$suite" = scrub ]; then
  # The scrub command in this JVM, end to end, against sort -u | comm -23 on the same files.
  java -Xmx3g -Dlogback.configurationFile=logback-bench.xml -cp "$here/target/benchmarks.jar" \
    dev.outreach.bench.ScrubBench "$@" 2>&1 | tee "$out"
elif [ "$suite" = lists ]; then
  # 10 M addresses; the heap is bounded so the per-address figure means something.
  java -Xmx1g -Dlogback.configurationFile=logback-bench.xml -cp "$here/target/benchmarks.jar" \
    dev.outreach.bench.ListsBench "$@" 2>&1 | tee "$out"
elif [ "$suite" = audit ]; then
  # A small heap on purpose: exporting every entry must run in constant memory.
  java -Xmx512m -cp "$here/target/benchmarks.jar" dev.outreach.bench.AuditBench "$@" 2>&1 | tee "$out"
else
  java -Xmx4g -Dlogback.configurationFile=logback-bench.xml -jar "$here/target/benchmarks.jar" registry "$@" 2>&1 | tee "$out"
fi
echo "# output saved to $out"
