#!/usr/bin/env bash
# Runs ReleaseOrderedByTimeout on the real bugs of its family, at their buggy versions, and prints
# every finding. Usage (from the worktree root, after `mvn -B -q -pl checker compile`):
#   eval/release-bugs/run.sh [hystrix|failsafe ...]
# Sources come from Maven Central sources jars (hystrix-core 1.5.18, failsafe 3.3.2), unpacked under
# target/release-bugs/ and never committed. The bugs that exist only in source repositories
# (Commons JCS SocketOpener at JCS_1_3, Tajo TAJO-1469 at a1cf24815c) are checked by hand from a
# local clone; this repository carries no recipe that builds their code.
# Expected (2026-11-30): failsafe 1 finding, the abandoned waiter of #393 at BulkheadImpl.java:77;
# hystrix none: #1867 releases through RxJava's unsubscription, which the check does not model
# (docs/bugpatterns/ReleaseOrderedByTimeout.md, "Known limits").
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$root/target/release-bugs
mkdir -p "$work"
javac=${JAVAC:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac}
central=https://repo1.maven.org/maven2

classpath() { # profile -> class path, resolved by Maven through the throw-away pom next to this script
  local out=$work/$1.cp
  [ -s "$out" ] || mvn -B -q -f "$root/eval/release-bugs/pom.xml" -P"$1" dependency:build-classpath \
    -Dmdep.outputFile="$out" >/dev/null
  cat "$out"
}

sources_jar() { # group path, artifact, version -> directory with the unpacked sources
  local dir=$work/$2-$3
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    curl -sf -o "$work/$2-$3-sources.jar" "$central/$1/$2/$3/$2-$3-sources.jar"
    (cd "$dir" && unzip -qo "$work/$2-$3-sources.jar")
  fi
  echo "$dir"
}

compile() { # name, class path, source files... : javac with only ReleaseOrderedByTimeout on
  local name=$1 cp=$2
  shift 2
  echo "=== $name ($# files) ==="
  rm -rf "$work/out-$name" && mkdir -p "$work/out-$name"
  local start=$(date +%s)
  "$javac" -d "$work/out-$name" -cp "$cp" -proc:full -Xmaxerrs 10000 -Xmaxwarns 10000 -XDcompilePolicy=simple \
    -XDaddTypeAnnotationsToSymbol=true --should-stop=ifError=FLOW \
    -processorpath "$(classpath errorprone):$root/checker/target/classes" \
    "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:ReleaseOrderedByTimeout:WARN -XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true" \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.main=ALL-UNNAMED \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.model=ALL-UNNAMED \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.processing=ALL-UNNAMED \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED \
    -J--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED \
    -J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED \
    -J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED \
    "$@" 2>&1 | tee "$work/$name.log" | grep -A3 "\[ReleaseOrderedByTimeout\]\|error:" || echo "(no findings)"
  echo "--- $name: $(( $(date +%s) - start )) s"
}

run_hystrix() {
  local dir
  dir=$(sources_jar com/netflix/hystrix hystrix-core 1.5.18)
  compile hystrix "$(classpath hystrix)" $(find "$dir" -name '*.java')
}

run_failsafe() {
  local dir
  dir=$(sources_jar dev/failsafe failsafe 3.3.2)
  compile failsafe "$(classpath failsafe)" $(find "$dir" -name '*.java')
}

for project in "${@:-hystrix failsafe}"; do
  for p in $project; do "run_$p"; done
done
