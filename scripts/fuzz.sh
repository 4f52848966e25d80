#!/usr/bin/env bash
# Runs the libFuzzer targets of dbind-fuzz. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Corpora live in fuzz/corpus/TARGET (seeded from fixtures); crashes are written to fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(dce text schema import)
config=${FUZZ_CONFIG:-release}

swift build -c "$config" --product dbind-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING >/dev/null
binary=.build-fuzz/$config/dbind-fuzz
mkdir -p fuzz/crashes
for target in "${targets[@]}"; do
    corpus=fuzz/corpus/$target
    mkdir -p "$corpus"
    # Discord messages are at most 4,000 characters; longer text inputs only slow the search.
    max_len=()
    [ "$target" = text ] && max_len=(-max_len=4096)
    seeds=()
    [ -d "fuzz/seeds/$target" ] && seeds+=("fuzz/seeds/$target")
    case $target in
        dce) seeds+=(fixtures/dce) ;;
        text) seeds+=(fixtures/gold) ;;
        schema) seeds+=(schemas fixtures/patterns) ;;
        import) seeds+=(fixtures/dce) ;;
    esac
    echo "fuzzing $target for ${seconds}s"
    # Swift's own crash reporter would catch the signal before libFuzzer saves the input.
    SWIFT_BACKTRACE=enable=no DBIND_FUZZ_TARGET=$target "$binary" "${max_len[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="fuzz/crashes/$target-" -print_final_stats=1 "$corpus" "${seeds[@]}" 2>&1 \
        | grep -E "^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|==[0-9]+== ?ERROR|Fatal error)" || true
done
