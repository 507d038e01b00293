#!/usr/bin/env bash
# Performance benchmark: CPU time (user+sys of the javac process) of javac + Error Prone with all of
# Error Prone's own checks off, without (A) and with (B) both stallcheck checks, on the published
# sources in eval/benchmark.tsv (over 1,000 files). Runs alternate A and B, every other pair in
# the mirrored order (A,B then B,A); the ratio is the median of B/A over the pairs. Each pair also
# compiles every other file of each set ("half"), so that the checks' own cost (B - A) on the whole
# set over the half says whether it grows linearly.
# See the README, "Performance benchmark". Not a test: nothing fails on a slow result.
#
# usage: eval/benchmark.sh [--checkout DIR | --plugin JAR] [--pairs N] [--warm [--warmup N]] [--profile | --attribute | --threads] [--control]
#   --pairs N    number of A,B pairs (default 5, at least 3)
#   --warm       instead of a fresh javac per run, compile N rounds (after 4 of warm-up) in one JVM
#                (eval/WarmBenchmark.java) and time the thread that runs javac: the checks' own
#                cost, without the class loading, JIT compilation and GC threads whose CPU time
#                varies from run to run by more than the checks cost (the process ratio is printed
#                too)
#   --warmup N   the rounds of warm-up before the timed --warm rounds (default 4); the JIT compilers
#                still run for several more rounds than 4 (seen: about 8 on 2 cores)
#   --profile    instead of timing, record one B compile of each set with Java Flight Recorder and
#                print the methods of the checks where the samples fall
#   --attribute  instead of timing pairs, N (--pairs) cold A,B compiles of each set, whole and
#                half, under Java Flight Recorder; B's CPU time spent on the checks is attributed
#                from its own recording (eval/AttributedCost.java): the compiling thread's samples
#                in the checks, the JIT compilation and the loading of their classes, the
#                collector's time by their share of allocation, and Error Prone's scanner beyond its
#                share in A. Does not depend on the difference of two runs' CPU time, which varies
#                by more than the checks cost. Beside it, the JIT work on the compiler's own methods
#                that it leaves out, estimated from the methods each run compiled more often than
#                the other, and the ratio with that counted (its median over runs)
#   --threads    cold pairs as by default, each compile also split by the kind of thread its CPU time
#                went to (eval/ThreadCpuAgent.java: the javac thread, the C1 and C2 JIT compilers, the
#                collector, the rest), and the median over pairs of B - A for each kind on the whole
#                sets: how much of the checks' cost is their own work and how much the JIT's. The
#                agent is loaded in both configurations; keep the default mode for the ratio itself
#   --control    a control run: B like A, the checks off in both (the plugin on the processor
#                path of both, as always). The attributed time is then nil; what the JIT difference
#                and the ratios still show is how far they move with no change in the work
# Cold runs (the default and --attribute) time a fixed reference work (an awk loop) before every
# compile and print its spread: how far this machine's CPU time moves with no change in the work.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

checkout=$REPO_DIR plugin='' pairs=5 profile=false attribute=false warm=false warmup=4 control=false threads=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --checkout) checkout=$(cd "$2" && pwd); shift 2 ;;
    --plugin) plugin=$(realpath "$2"); shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --profile) profile=true; shift ;;
    --attribute) attribute=true; shift ;;
    --warm) warm=true; shift ;;
    --warmup) warmup=$2; shift 2 ;;
    --control) control=true; shift ;;
    --threads) threads=true; shift ;;
    *) die "unknown argument $1 (see the usage at the top of $0)" ;;
  esac
done
[[ $pairs -ge 3 ]] || die "--pairs must be at least 3"
! $threads || ! { $warm || $profile || $attribute; } || die "--threads times cold pairs: not with --warm, --profile or --attribute"
[[ -n $plugin ]] || plugin=$(build_plugin "$checkout")
jdk=$(find_jdk)
processorpath="$(error_prone_classpath):$plugin"
out=$EVAL_DIR/target/benchmark
rm -rf "$out"; mkdir -p "$out"

# One argument file per (set, size, configuration); class files go to a scratch folder.
sets=()
mapfile -t lines < <(grep -v -e '^#' -e '^$' "$EVAL_DIR/benchmark.tsv")
for line in "${lines[@]}"; do
  IFS=$'\t' read -r name coords release extra options <<<"$line"
  dir=$(resolve_project "$coords" "$extra")
  sets+=("$name")
  echo "$dir" >"$out/$name.dir"
  cp "$dir/files.txt" "$out/$name.whole.files"
  awk 'NR % 2 == 1' "$dir/files.txt" >"$out/$name.half.files"
  for config in A B; do
    flags=''
    [[ $config == B ]] && ! $control && flags='-Xep:BlockingPutUnderLock:WARN -Xep:ReleaseOrderedByTimeout:WARN'
    for size in whole half; do
      {
        error_prone_javac_args "$release" "$(cat "$dir/classpath.txt")" "$processorpath" "$flags" "${options:--}"
        printf '%s\n' -d "$out/classes"
        cat "$out/$name.$size.files"
      } >"$out/$name.$size.$config.args"
      # The same with absolute source paths, for the warm runs (one JVM, one working folder).
      {
        grep -v -x -F -f "$out/$name.$size.files" "$out/$name.$size.$config.args"
        awk -v src="$dir/src" '{ print src "/" $0 }' "$out/$name.$size.files"
      } >"$out/$name.$size.$config.abs.args"
    done
  done
done
agent=()
if $threads; then
  mkdir -p "$out/agent"
  "$jdk/bin/javac" -d "$out/agent" "$EVAL_DIR/ThreadCpuAgent.java"
  printf 'Premain-Class: ThreadCpuAgent\n' >"$out/agent/manifest.txt"
  "$jdk/bin/jar" cfm "$out/agent.jar" "$out/agent/manifest.txt" -C "$out/agent" ThreadCpuAgent.class
  agent=("-J-javaagent:$out/agent.jar=$out/threads.part")
  printf 'set\tsize\tconfig\tjavac\tc1\tc2\tgc\tother\tprocess\n' >"$out/threads.tsv"
fi
files_whole=$(cat "$out"/*.whole.files | wc -l)
files_half=$(cat "$out"/*.half.files | wc -l)
log "sets: ${sets[*]}; $files_whole files ($files_half in the half); javac $("$jdk/bin/javac" -version 2>&1)"

# The same fixed work before every cold compile, timed the same way: its spread is how much this
# machine's CPU time moves with no change in the work (see the README), printed with the result.
reference_work() {
  /usr/bin/time -f '%U %S' -o "$out/reference-time.txt" awk 'BEGIN { for (i = 0; i < 2e7; i++) s += i * i }'
  awk '{ print $1 + $2 }' "$out/reference-time.txt" >>"$out/reference.txt"
}

reference_spread() {
  sort -n "$out/reference.txt" | awk '{ r[NR] = $1 } END {
    if (NR > 0) printf "the machine: the same reference work (an awk loop) took %.2f to %.2f CPU seconds over %d runs (median %.2f): %.0f%% apart with no change in the work\n",
      r[1], r[NR], NR, r[int((NR + 1) / 2)], 100 * (r[NR] - r[1]) / r[1] }'
}

# CPU seconds (user+sys) of one javac run of every set, for a size and a configuration.
compile() {
  local size=$1 config=$2 total=0 name cpu
  for name in "${sets[@]}"; do
    reference_work
    rm -rf "$out/classes"; mkdir -p "$out/classes"
    (cd "$(cat "$out/$name.dir")/src" && /usr/bin/time -f '%U %S' -o "$out/time.txt" \
      "$jdk/bin/javac" -J-Xmx3g -J-Xss8m "${JAVAC_J_OPTS[@]}" ${agent[@]+"${agent[@]}"} "@$out/$name.$size.$config.args") \
      >"$out/$name.$size.$config.log" 2>&1 || die "javac failed on $name ($size, $config): $out/$name.$size.$config.log"
    cpu=$(tail -n 1 "$out/time.txt" | awk '{ print $1 + $2 }')
    if $threads; then
      [[ -s $out/threads.part ]] || die "no thread times from $name ($size, $config): $out/$name.$size.$config.log"
      printf '%s\t%s\t%s\t%s\n' "$name" "$size" "$config" "$(cat "$out/threads.part")" >>"$out/threads.tsv"
      rm -f "$out/threads.part"
    fi
    total=$(awk -v a="$total" -v b="$cpu" 'BEGIN { print a + b }')
  done
  echo "$total"
}

if $profile; then
  for name in "${sets[@]}"; do
    jfr=$out/$name.jfr
    rm -rf "$out/classes"; mkdir -p "$out/classes"
    # JFR keeps 64 frames of a stack by default: a sample deep in a tree scan would lose the
    # frames of the checks above it and count as javac's own.
    (cd "$(cat "$out/$name.dir")/src" && "$jdk/bin/javac" -J-Xmx3g -J-Xss8m "${JAVAC_J_OPTS[@]}" \
      -J-XX:FlightRecorderOptions:stackdepth=2048 \
      "-J-XX:StartFlightRecording=filename=$jfr,settings=profile,jdk.ExecutionSample#period=1ms" "@$out/$name.whole.B.args") \
      >"$out/$name.profile.log" 2>&1 || die "javac failed on $name: $out/$name.profile.log"
    "$jdk/bin/jfr" print --events jdk.ExecutionSample --stack-depth 2048 "$jfr" >"$out/$name.samples.txt"
  done
  # Per sample: the innermost frame of the checks (self time, where the work happens) and every
  # method of the checks on the stack (inclusive time, which phase costs).
  cat "$out"/*.samples.txt | awk '
    /^jdk.ExecutionSample/ { in_stack = 0; next }
    /stackTrace = \[/ { in_stack = 1; samples++; first = ""; delete on_stack; next }
    in_stack && /^[[:space:]]*\]/ { in_stack = 0; if (first != "") { ours++; self[first]++ } next }
    in_stack {
      frame = $0; sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*$/, "", frame)
      if (frame ~ /^dev\.stallcheck\./) {
        if (first == "") first = frame
        if (!(frame in on_stack)) { on_stack[frame] = 1; inclusive[frame]++ }
      }
    }
    END {
      printf "samples: %d, in the checks: %d (%.1f%%)\n", samples, ours, 100 * ours / samples
      print "\ntop methods of the checks by self samples (% of all samples):"
      for (f in self) printf "%6.2f%%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -25"
      close("sort -rn | head -25")
      print "\ntop methods of the checks by inclusive samples (% of all samples):"
      for (f in inclusive) printf "%6.2f%%  %s\n", 100 * inclusive[f] / samples, f | "sort -rn | head -25"
      close("sort -rn | head -25")
    }' | tee "$out/profile.txt"
  exit 0
fi

if $attribute; then
  # One cold compile of a set in a configuration under Java Flight Recorder: whole stacks (see
  # --profile), every JIT compilation and class load however short, and the collector's CPU time.
  # Prints the process's CPU seconds.
  record() {
    local name=$1 size=$2 config=$3 run=$4 base=$out/$1.$2.$3.$4
    reference_work
    rm -rf "$out/classes"; mkdir -p "$out/classes"
    (cd "$(cat "$out/$name.dir")/src" && /usr/bin/time -f '%U %S' -o "$out/time.txt" \
      "$jdk/bin/javac" -J-Xmx3g -J-Xss8m "${JAVAC_J_OPTS[@]}" \
      -J-XX:FlightRecorderOptions:stackdepth=2048 "-J-Xlog:gc+cpu=info:file=$base.gc.log" \
      "-J-XX:StartFlightRecording=filename=$base.jfr,settings=profile,jdk.ExecutionSample#period=1ms,jdk.Compilation#threshold=0ms,jdk.ClassLoad#enabled=true,jdk.ClassLoad#threshold=0ms" \
      "@$out/$name.$size.$config.args") \
      >"$out/$name.attribute.log" 2>&1 || die "javac failed on $name ($size, $config): $out/$name.attribute.log"
    tail -n 1 "$out/time.txt" | awk '{ print $1 + $2 }'
  }
  for ((i = 1; i <= pairs; i++)); do
    for size in whole half; do
      for name in "${sets[@]}"; do
        a_cpu=$(record "$name" "$size" A "$i"); b_cpu=$(record "$name" "$size" B "$i")
        echo "run $i $size $name: $("$jdk/bin/java" "$EVAL_DIR/AttributedCost.java" \
          "$out/$name.$size.B.$i.jfr" "$b_cpu" "$out/$name.$size.B.$i.gc.log" \
          "$out/$name.$size.A.$i.jfr" "$a_cpu" "$out/$name.$size.A.$i.gc.log")"
        rm -f "$out/$name.$size".?."$i".jfr
      done
    done
  done | tee "$out/attribute.txt"
  # Per run, over every set: the CPU time of the compiles with the checks over the same without
  # theirs (whole sets), and the checks' time on the whole sets over that on the halves (linearity:
  # the issue allows 2.1).
  awk '{ key = $2 " " $3
         for (f = 1; f < NF; f++) {
           if ($f == "process") process[key] += $(f + 1)
           if ($f == "checks") checks[key] += $(f + 1)
           if ($f == "net") jit[key] += $(f + 1)
         }
         runs[$2] = 1 }
       END { for (r in runs)
               printf "run %s, every set: process %.2f s, the checks %.2f s (%.2f s on the halves, whole/half %.2f); the compiler'"'"'s own methods compiled more often with them: net %.2f s, ratio counting it %.3f; ratio %.3f\n",
                 r, process[r " whole"], checks[r " whole"], checks[r " half"],
                 (checks[r " half"] > 0 ? checks[r " whole"] / checks[r " half"] : 0), jit[r " whole"],
                 process[r " whole"] / (process[r " whole"] - checks[r " whole"] - jit[r " whole"]),
                 process[r " whole"] / (process[r " whole"] - checks[r " whole"]) }' \
    "$out/attribute.txt" | sort -n -k 2 | tee "$out/attribute-runs.txt"
  # The attributed ratio (the last field), and the same with the JIT difference counted, which
  # moves from run to run by more than the checks cost: its median over runs, not any one run.
  median_of() {
    sort -n | awk -v what="$1" '{ r[NR] = $1 } END { printf "median %s over %d runs: %.3f\n", what, NR, NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'
  }
  {
    awk '/^run/ { print $NF }' "$out/attribute-runs.txt" | median_of ratio
    awk '/^run/ { for (f = 1; f < NF; f++) if ($f == "counting") { v = $(f + 2); sub(/;$/, "", v); print v } }' \
      "$out/attribute-runs.txt" | median_of "ratio counting the JIT difference"
    reference_spread
  } | tee -a "$out/attribute-runs.txt"
  exit 0
fi

printf 'pair\tA_whole\tB_whole\tA_half\tB_half\n' >"$out/times.tsv"
if $warm; then
  mkdir -p "$out/classes"
  "$jdk/bin/java" -Xmx3g -Xss8m "${JAVAC_J_OPTS[@]#-J}" -cp "$processorpath" \
    "$EVAL_DIR/WarmBenchmark.java" "$warmup" "$pairs" "$out" "${sets[@]}" | while IFS= read -r line; do
    echo "$line" >&2
    [[ $line == warmup* ]] || echo "$line" >>"$out/times.tsv"
  done
  [[ $(wc -l <"$out/times.tsv") -gt $pairs ]] || die "the warm runs failed"
else
  for ((i = 1; i <= pairs; i++)); do
    # Every other pair runs in the mirrored order. On this machine the reference work runs slower
    # right after a longer compile; if compiles do too, a fixed order A,B,A,B charges it to B on
    # the whole set (after A's whole) and to A on the half (after B's whole). Mirrored, each side
    # follows each size equally often.
    if ((i % 2)); then
      a_whole=$(compile whole A); b_whole=$(compile whole B)
      b_half=$(compile half B); a_half=$(compile half A)
    else
      b_whole=$(compile whole B); a_whole=$(compile whole A)
      a_half=$(compile half A); b_half=$(compile half B)
    fi
    printf '%d\t%s\t%s\t%s\t%s\n' "$i" "$a_whole" "$b_whole" "$a_half" "$b_half" | tee -a "$out/times.tsv" >&2
  done
fi

# The median of v[1..n] (sorted in place), for the summaries below.
awk_median='
  function median(v, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }'
awk -F'\t' -v files="$files_whole" -v half="$files_half" -v mode="$($warm && echo warm || echo cold)" "$awk_median"'
  NR > 1 { n++; ratio[n] = $3 / $2; half_ratio[n] = $5 / $4; cost[n] = $3 - $2; half_cost[n] = $5 - $4
           a[n] = $2; b[n] = $3; sum_a += $2; sum_b += $3; if (NF >= 9) { pn++; process_ratio[pn] = $7 / $6 } }
  END {
    printf "files: %d (half: %d), %s runs, pairs: %d\n", files, half, mode, n
    printf "median CPU seconds without the checks: %.1f, with: %.1f\n", median(a, n), median(b, n)
    printf "median ratio with/without, whole set: %.3f\n", median(ratio, n)
    # Single pairs spread far more than the checks cost: the ratio of the totals weighs every pair
    # by its length instead of keeping the middle one.
    printf "ratio of the totals with/without, whole set: %.3f\n", sum_b / sum_a
    printf "median ratio with/without, half set:  %.3f\n", median(half_ratio, n)
    if (pn == n) printf "median ratio of the whole process (GC, JIT), whole set: %.3f\n", median(process_ratio, n)
    mc = median(cost, n); mh = median(half_cost, n)
    printf "checks cost (with - without): whole %.1f s, half %.1f s; whole/half = %s (linear: <= 2.1 for %.2fx the files)\n",
      mc, mh, (mh > 0 ? sprintf("%.2f", mc / mh) : "n/a"), files / half
  }' "$out/times.tsv" | tee "$out/result.txt"
$warm || reference_spread | tee -a "$out/result.txt"
if $threads; then
  # The n-th compile of a set in a size and configuration belongs to the n-th pair; per pair, every
  # set summed; then the median over pairs of each kind's B - A, and of A's own time for scale.
  awk -F'\t' "$awk_median"'
    NR == 1 { for (f = 4; f <= NF; f++) kind[f] = $f; last = NF; next }
    $2 == "whole" { pair = ++seen[$1, $3]; if (pair > pairs) pairs = pair
                    for (f = 4; f <= last; f++) sum[pair, $3, f] += $f }
    END {
      printf "by kind of thread, whole sets, median over %d pairs of B - A (A'"'"'s median beside it):\n", pairs
      for (f = 4; f <= last; f++) {
        for (p = 1; p <= pairs; p++) { d[p] = sum[p, "B", f] - sum[p, "A", f]; a[p] = sum[p, "A", f] }
        printf "  %-8s %+6.2f s  (A %6.2f s)\n", kind[f], median(d, pairs), median(a, pairs)
      }
    }' "$out/threads.tsv" | tee -a "$out/result.txt"
fi
