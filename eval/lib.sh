# Shared by evaluate.sh and benchmark.sh: finding a JDK, building the plugin, resolving Error Prone
# and the published projects from Maven Central into a git-ignored cache. Source it; do not run it.

EVAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$EVAL_DIR")
CACHE_DIR=${STALLCHECK_EVAL_CACHE:-$EVAL_DIR/target/cache}
ERROR_PRONE_VERSION=${ERROR_PRONE_VERSION:-$(sed -n 's:.*<errorprone.version>\(.*\)</errorprone.version>.*:\1:p' "$REPO_DIR/pom.xml")}

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

# A JDK 21+ home: $STALLCHECK_EVAL_JDK, else the newest one under /usr/lib/jvm.
find_jdk() {
  if [[ -n ${STALLCHECK_EVAL_JDK:-} ]]; then echo "$STALLCHECK_EVAL_JDK"; return; fi
  local best='' best_major=0 release major
  for release in /usr/lib/jvm/*/release; do
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    if [[ -n $major && $major -ge 21 && $major -gt $best_major && -x $(dirname "$release")/bin/javac ]]; then
      best=$(dirname "$release"); best_major=$major
    fi
  done
  [[ -n $best ]] || die "no JDK 21+ under /usr/lib/jvm; set STALLCHECK_EVAL_JDK"
  echo "$best"
}

# The plugin jar of a checkout (default: this repository), built with Maven unless already given.
build_plugin() {
  local checkout=$1
  log "building the plugin in $checkout"
  mvn -q -B -f "$checkout/pom.xml" -pl checker package -DskipTests -Dmaven.test.skip >&2 \
    || die "plugin build failed in $checkout"
  local jar
  jar=$(ls "$checkout"/checker/target/stallcheck-*.jar | grep -v -e sources -e javadoc | head -1)
  [[ -f $jar ]] || die "no checker/target/stallcheck-*.jar in $checkout"
  echo "$jar"
}

# Error Prone's own class path (error_prone_core and its dependencies), resolved once.
error_prone_classpath() {
  local dir=$CACHE_DIR/error-prone-$ERROR_PRONE_VERSION
  if [[ ! -s $dir/classpath.txt ]]; then
    mkdir -p "$dir"
    cat >"$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>dev.stallcheck.eval</groupId><artifactId>error-prone</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies><dependency><groupId>com.google.errorprone</groupId>
    <artifactId>error_prone_core</artifactId><version>$ERROR_PRONE_VERSION</version></dependency></dependencies>
</project>
EOF
    mvn -q -B -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" >&2 \
      || die "could not resolve error_prone_core $ERROR_PRONE_VERSION"
  fi
  cat "$dir/classpath.txt"
}

# Downloads one published artifact into $CACHE_DIR/projects/<artifactId>-<version>/:
# its binary jar, its sources (unpacked under src/), and the class path its own pom declares
# (all scopes, optional ones too, since the sources import them). Prints that directory.
resolve_project() {
  local coords=$1 extra=$2
  local group artifact version
  IFS=: read -r group artifact version <<<"$coords"
  local dir=$CACHE_DIR/projects/$artifact-$version
  mkdir -p "$CACHE_DIR/projects"
  # One resolver per artifact at a time (the benchmark and the evaluation may share one).
  local lock
  exec {lock}>"$dir.lock"
  flock "$lock"
  if [[ ! -f $dir/ready ]]; then
    log "resolving $coords"
    rm -rf "$dir"; mkdir -p "$dir/jars"
    local get="mvn -q -B dependency:copy -DoutputDirectory=$dir/jars -Dmdep.overWriteIfNewer=true"
    $get -Dartifact="$coords:pom" >&2 && $get -Dartifact="$coords" >&2 \
      && $get -Dartifact="$coords:jar:sources" >&2 || die "could not download $coords"
    (cd "$dir/jars" && mvn -q -B -f "$artifact-$version.pom" dependency:build-classpath \
      -Dmdep.outputFile="$dir/dependencies.txt" >&2) || die "could not resolve the dependencies of $coords"
    echo "$dir/jars/$artifact-$version.jar:$(cat "$dir/dependencies.txt")" >"$dir/base-classpath.txt"
    mkdir -p "$dir/src"
    (cd "$dir/src" && unzip -q -o "../jars/$artifact-$version-sources.jar")
    # Only Java compilation units; module-info would switch javac to module mode.
    (cd "$dir/src" && find . -name '*.java' ! -name module-info.java | sed 's:^\./::' | LC_ALL=C sort) >"$dir/files.txt"
    touch "$dir/ready"
  fi
  # Extra dependencies are not part of the cached resolution, so that editing them takes effect.
  local classpath more a v
  classpath=$(cat "$dir/base-classpath.txt")
  if [[ $extra != - ]]; then
    mkdir -p "$CACHE_DIR/extra"
    for more in ${extra//,/ }; do
      IFS=: read -r _ a v _ <<<"$more"
      [[ -f $CACHE_DIR/extra/$a-$v.jar ]] || mvn -q -B dependency:copy -DoutputDirectory="$CACHE_DIR/extra" \
        -Dartifact="$more" >&2 || die "could not download $more"
      classpath+=":$CACHE_DIR/extra/$a-$v.jar"
    done
  fi
  echo "$classpath" >"$dir/classpath.txt"
  exec {lock}>&-
  echo "$dir"
}

# The javac arguments (one per line, for an @file) shared by every compile with Error Prone.
# Extra javac options (projects.tsv, "-" for none) replace --release by -source/-target, since
# --release forbids --add-exports, which code using JDK internals (sun.nio.ch) needs.
error_prone_javac_args() {
  local release=$1 classpath=$2 processorpath=$3 plugin_flags=$4 options=${5:--}
  if [[ $options == - ]]; then
    printf '%s\n' --release "$release"
  else
    printf '%s\n' -source "$release" -target "$release" $options
  fi
  printf '%s\n' -XDcompilePolicy=simple -XDaddTypeAnnotationsToSymbol=true \
    --should-stop=ifError=FLOW -proc:none -implicit:none -encoding UTF-8 \
    -Xlint:none -Xmaxwarns 1000000 -Xmaxerrs 1000000 \
    -processorpath "$processorpath" -classpath "$classpath" \
    "\"-Xplugin:ErrorProne -XepDisableAllChecks $plugin_flags\""
}

# The -J options that give Error Prone access to javac's internals.
JAVAC_J_OPTS=(
  -J--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.main=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.model=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.processing=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  -J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED
  -J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED
)
