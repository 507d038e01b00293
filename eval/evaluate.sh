#!/usr/bin/env bash
# Real-code evaluation: compiles published sources of the projects in eval/projects.tsv with both
# checks and compares the findings with eval/triage.tsv. See the README, "Real-code evaluation".
#
# usage: eval/evaluate.sh [--checkout DIR | --plugin JAR] [--only NAME[,NAME...]] [--label LABEL]
#                         [--jobs N] [--baseline] [--report]
#   --checkout DIR  build the plugin from that checkout (default: this repository)
#   --plugin JAR    use an already built plugin jar
#   --only          evaluate only these projects (names from projects.tsv)
#   --label         name of the output folder eval/target/runs/LABEL (default: the checkout's name)
#   --jobs N        compile up to N projects at a time (default 1)
#   --baseline      compile each project a second time with the checks off, and report the CPU
#                   time of both and their ratio: what the checks cost a build of that project.
#                   Compiles running side by side (--jobs 2) inflate both times; use --jobs 1
#   --report        compile nothing: compare the findings of an earlier run (--label) with the
#                   triage again, e.g. after editing eval/triage.tsv
# Exit status: 0, or 1 when a compile failed because of the checks (a crash), 2 on a set-up error.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

checkout=$REPO_DIR plugin='' only='' label='' parallel=1 report_only=false baseline=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --checkout) checkout=$(cd "$2" && pwd); shift 2 ;;
    --plugin) plugin=$(realpath "$2"); shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --jobs) parallel=$2; shift 2 ;;
    --baseline) baseline=true; shift ;;
    --report) report_only=true; shift ;;
    *) die "unknown argument $1 (see the usage at the top of $0)" ;;
  esac
done
[[ -n $label ]] || label=$(basename "$checkout")
out=$EVAL_DIR/target/runs/$label
if ! $report_only; then
  [[ -n $plugin ]] || plugin=$(build_plugin "$checkout")
  jdk=$(find_jdk)
  processorpath="$(error_prone_classpath):$plugin"
  rm -rf "$out"; mkdir -p "$out"
  log "plugin: $plugin"
  log "javac:  $jdk/bin/javac ($("$jdk/bin/javac" -version 2>&1))"
  log "output: $out"
fi

checks='-Xep:BlockingPutUnderLock:WARN -Xep:ReleaseOrderedByTimeout:WARN'
checks+=' -XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true'
checks+=' -XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true'

# Our diagnostics, as "project<TAB>check<TAB>file:line<TAB>first message line".
findings_of() {
  sed -n -E 's/^([^ :]+\.java):([0-9]+): (warning|error): \[(BlockingPutUnderLock|ReleaseOrderedByTimeout)\] (.*)$/\4\t\1:\2\t\5/p' "$2" \
    | sed "s/^/$1\t/"
}

# Compiles one project; leaves its log, its findings and its row of counts in $out.
evaluate_project() {
  local name=$1 coords=$2 release=$3 extra=$4 options=$5 dir files lines rc crashes other_errors
  dir=$(resolve_project "$coords" "$extra")
  files=$(wc -l <"$dir/files.txt")
  lines=$(cd "$dir/src" && xargs cat <"$dir/files.txt" | wc -l)
  {
    error_prone_javac_args "$release" "$(cat "$dir/classpath.txt")" "$processorpath" "$checks" "$options"
    # Attribution and flow analysis is all the checks need: no class files are written.
    echo --should-stop=ifNoError=FLOW
    cat "$dir/files.txt"
  } >"$out/$name.args"
  log "compiling $name ($files files, $lines lines)"
  set +e
  (cd "$dir/src" && /usr/bin/time -f '%U %S' -o "$out/$name.time" \
    "$jdk/bin/javac" -J-Xmx3g -J-Xss8m "${JAVAC_J_OPTS[@]}" "@$out/$name.args") >"$out/$name.log" 2>&1
  rc=$?
  set -e
  findings_of "$name" "$out/$name.log" >"$out/$name.findings"
  # A crash: an exception out of a check (FailOnAnalysisError=true), or javac itself failing.
  crashes=$(grep -c -E 'An unhandled exception was thrown by the Error Prone|An exception has occurred in the compiler|^error: (BlockingPutUnderLock|ReleaseOrderedByTimeout)' "$out/$name.log" || true)
  # Any other error means the set-up (class path, --release) is wrong and the project is not analysed.
  other_errors=$(grep -E '(: |^)error: ' "$out/$name.log" \
    | grep -c -v -E '\[(BlockingPutUnderLock|ReleaseOrderedByTimeout)\]|^error: (BlockingPutUnderLock|ReleaseOrderedByTimeout)|An unhandled exception' || true)
  if [[ $rc -ne 0 && $crashes -eq 0 && $other_errors -eq 0 ]]; then crashes=1; fi
  local base=-
  if $baseline; then
    # The same compile with the checks off: Error Prone on, every check disabled.
    awk -v c=" $checks" '{ i = index($0, c); if (i) $0 = substr($0, 1, i - 1) substr($0, i + length(c)); print }' \
      "$out/$name.args" >"$out/$name.base.args"
    (cd "$dir/src" && /usr/bin/time -f '%U %S' -o "$out/$name.base.time" \
      "$jdk/bin/javac" -J-Xmx3g -J-Xss8m "${JAVAC_J_OPTS[@]}" "@$out/$name.base.args") >"$out/$name.base.log" 2>&1 || true
    base=$(tail -n 1 "$out/$name.base.time" | awk '{ printf "%.1f", $1 + $2 }')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$coords" "$files" "$lines" "$rc" "$crashes" "$other_errors" \
    "$(tail -n 1 "$out/$name.time" | awk '{ printf "%.1f", $1 + $2 }')" "$base" >"$out/$name.row"
  log "done $name: $(wc -l <"$out/$name.findings") findings"
}

mapfile -t rows < <(grep -v -e '^#' -e '^$' "$EVAL_DIR/projects.tsv")
# The rows of projects.tsv this run evaluates (--only).
projects=()
for project in "${rows[@]}"; do
  IFS=$'\t' read -r name _ <<<"$project"
  if [[ -z $only || $only == *",$name,"* ]]; then projects+=("$project"); fi
done

# On a fresh machine most of the first run is spent downloading. Resolvers run ahead of the
# compiles, a few at a time, in a background loop of their own; the compile loop below resolves
# each project again before compiling it, which waits on the resolver of that project (one lock
# per project, in resolve_project) and is a no-op once it has finished. The background loop is not
# one of this shell's jobs, so that it does not count against --jobs.
downloads_ahead=4
if ! $report_only; then
  (
    for project in "${projects[@]}"; do
      IFS=$'\t' read -r name coords release extra options <<<"$project"
      while [[ $(jobs -rp | wc -l) -ge $downloads_ahead ]]; do wait -n || true; done
      (resolve_project "$coords" "$extra" >/dev/null 2>&1 || true) &
    done
    wait
  ) &
  disown
fi

names=()
for project in "${projects[@]}"; do
  IFS=$'\t' read -r name coords release extra options <<<"$project"
  names+=("$name")
  $report_only && continue
  # Compiles up to --jobs at a time, each once its project is resolved.
  resolve_project "$coords" "$extra" >/dev/null
  while [[ $(jobs -rp | wc -l) -ge $parallel ]]; do wait -n || true; done
  evaluate_project "$name" "$coords" "$release" "$extra" "${options:--}" &
done
wait
: >"$out/findings.tsv"
: >"$out/projects.tsv"
for name in "${names[@]}"; do
  [[ -f $out/$name.row ]] || { log "no result for $name (see above)"; continue; }
  cat "$out/$name.findings" >>"$out/findings.tsv"
  cat "$out/$name.row" >>"$out/projects.tsv"
done
LC_ALL=C sort -o "$out/findings.tsv" "$out/findings.tsv"

awk -F'\t' -v OFS='\t' -v out="$out" '
  FNR == NR { if ($0 !~ /^#/ && NF >= 5) { verdict[$1 FS $2 FS $3] = $4; reason[$1 FS $2 FS $3] = $5; tproject[$1 FS $2 FS $3] = $1 } next }
  FILENAME ~ /projects.tsv$/ { order[++n] = $1; coords[$1] = $2; files[$1] = $3; lines[$1] = $4; crash[$1] = $6; errs[$1] = $7; secs[$1] = $8; base[$1] = $9; if ($9 != "" && $9 != "-") baselined = 1; next }
  {
    key = $1 FS $2 FS $3; seen[key] = 1; found[$1]++
    if (key in verdict) counted[$1, verdict[key]]++
    else { untriaged[$1]++; new[++u] = $0 }
  }
  END {
    printf "%-20s %-48s %6s %8s %8s %5s %5s %10s %7s %6s%s\n", "project", "artifact", "files", "lines", "findings", "real", "false", "untriaged", "crashes", "cpu s", (baselined ? "  off s  ratio" : "")
    for (i = 1; i <= n; i++) {
      p = order[i]
      cost = baselined && base[p] > 0 ? sprintf("  %5d  %5.2f", base[p], secs[p] / base[p]) : ""
      printf "%-20s %-48s %6d %8d %8d %5d %5d %10d %7d %6d%s%s\n", p, coords[p], files[p], lines[p], found[p], counted[p, "real"], counted[p, "false"], untriaged[p], crash[p], secs[p], cost, (errs[p] > 0 ? "  NOT ANALYSED: " errs[p] " compile errors (set-up)" : "")
      tf += files[p]; tl += lines[p]; tfound += found[p]; treal += counted[p, "real"]; tfalse += counted[p, "false"]; tun += untriaged[p]; tcrash += crash[p]; tsecs += secs[p]
      if (base[p] > 0) { tbase += base[p]; tbsecs += secs[p] }
      evaluated[p] = 1
    }
    printf "%-20s %-48s %6d %8d %8d %5d %5d %10d %7d %6d%s\n", "total", "", tf, tl, tfound, treal, tfalse, tun, tcrash, tsecs, (tbase > 0 ? sprintf("  %5d  %5.2f", tbase, tbsecs / tbase) : "")
    if (tfound > 0) printf "\nreal: %d of %d findings (%.1f%%); %d untriaged\n", treal, tfound, 100 * treal / tfound, tun
    if (u > 0) { print "\nuntriaged findings (add them to eval/triage.tsv as real or false, with a reason):"; for (i = 1; i <= u; i++) print "  " new[i] }
    gone = 0
    for (key in verdict) if (!(key in seen) && (tproject[key] in evaluated)) gone_list[++gone] = key "\t" verdict[key] "\t" reason[key]
    if (gone > 0) {
      print "\ntriaged findings no longer reported (a real one here is lost recall):"
      cmd = "LC_ALL=C sort"
      for (i = 1; i <= gone; i++) print "  " gone_list[i] | cmd
      close(cmd)
    }
    print "\nfindings: " out "/findings.tsv; javac logs: " out "/<project>.log"
  }' "$EVAL_DIR/triage.tsv" "$out/projects.tsv" "$out/findings.tsv" | tee "$out/summary.txt"

crashes=$(awk -F'\t' '{ s += $6 } END { print s + 0 }' "$out/projects.tsv")
set_up=$(awk -F'\t' '{ s += $7 } END { print s + 0 }' "$out/projects.tsv")
if [[ $crashes -gt 0 ]]; then log "$crashes crash(es): see the javac logs"; exit 1; fi
if [[ $set_up -gt 0 ]]; then log "some projects did not compile (set-up errors): see the javac logs"; exit 2; fi
