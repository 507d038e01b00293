package dev.stallcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BaseErrorProneJavaCompiler;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.ScannerSupplier;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A malformed option fails the compilation with one line that names the flag, the value and the
 * accepted forms, and nothing else: no stack trace, no "file a bug against the Java compiler". The
 * compile runs in-process with the check the flag belongs to, on two files (the error comes once,
 * not per file), and javac prints its output as on the command line.
 */
final class OptionErrorsTest {
  /** A send under a lock: reported with valid options; its absence shows the check stood down. */
  private static final String SOURCE =
      """
      import java.util.concurrent.ArrayBlockingQueue;
      import java.util.concurrent.BlockingQueue;
      class Test {
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
        synchronized void send(String s) throws InterruptedException {
          queue.put(s);
        }
        synchronized int pending() {
          return queue.size();
        }
      }
      """;

  @TempDir Path dir;

  /** What javac prints, line by line, and whether it succeeded. */
  private record Output(boolean success, List<String> lines) {}

  /**
   * Compiles with the checks whose prefixes the flags name; both for a {@code Stallcheck:} flag.
   */
  private Output compile(String... flags) throws IOException {
    Path file = Files.writeString(dir.resolve("Test.java"), SOURCE);
    Path other = Files.writeString(dir.resolve("Other.java"), "class Other {}");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<Class<? extends BugChecker>> checks = new ArrayList<>();
    for (Class<? extends BugChecker> check :
        List.of(BlockingPutUnderLock.class, ReleaseOrderedByTimeout.class)) {
      if (Stream.of(flags)
          .anyMatch(
              f ->
                  f.startsWith("-XepOpt:" + check.getSimpleName() + ":")
                      || f.startsWith("-XepOpt:Stallcheck:"))) {
        checks.add(check);
      }
    }
    JavaCompiler compiler =
        new BaseErrorProneJavaCompiler(ScannerSupplier.fromBugCheckerClasses(checks));
    List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
    options.addAll(List.of(flags));
    StringWriter out = new StringWriter();
    boolean success;
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      success =
          compiler
              .getTask(out, files, null, options, null, files.getJavaFileObjects(file, other))
              .call();
    }
    return new Output(success, out.toString().lines().toList());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          BlockingPutUnderLock:Waits=bogus           | (expected one of capacity, all, none)
          BlockingPutUnderLock:Waits=                | (expected one of capacity, all, none)
          BlockingPutUnderLock:TimedSends=maybe      | (expected true or false)
          BlockingPutUnderLock:FailOnAnalysisError=1 | (expected true or false)
          BlockingPutUnderLock:MaxChainDepth=0       | (expected a whole number of at least 1)
          BlockingPutUnderLock:MaxChainDepth=ten     | (expected a whole number of at least 1)
          BlockingPutUnderLock:MaxCallContexts=-1    | (expected a whole number of at least 0)
          BlockingPutUnderLock:MaxCallContextsForOneMethod=2.5 | (expected a whole number of at least 0)
          BlockingPutUnderLock:PluginPointBodies=0   | (expected a whole number of at least 1)
          ReleaseOrderedByTimeout:FailOnAnalysisError=yes | (expected true or false)
          BlockingPutUnderLock:BlockingMethods=nohash | ('nohash' is not fully.qualified.Class#method; entries are comma-separated)
          BlockingPutUnderLock:BlockingMethods=com.acme.Bus#publish,#send,com.acme.Bus# | ('#send', 'com.acme.Bus#' are not fully.qualified.Class#method; entries are comma-separated)
          BlockingPutUnderLock:LockMethods=com.acme.Guard#enter | ('com.acme.Guard#enter' is not lock:unlock, each fully.qualified.Class#method (com.acme.Guard#enter:com.acme.Guard#exit); entries are comma-separated)
          BlockingPutUnderLock:LockMethods=com.acme.Ok#in:com.acme.Ok#out,Guard#enter:exit,a#b:c#d:e#f | ('Guard#enter:exit', 'a#b:c#d:e#f' are not lock:unlock, each fully.qualified.Class#method (com.acme.Guard#enter:com.acme.Guard#exit); entries are comma-separated)
          ReleaseOrderedByTimeout:Pairs=garbage      | ('garbage' is not acquire:release, each fully.qualified.Class#method (com.acme.Pool#take:com.acme.Pool#giveBack); entries are comma-separated)
          ReleaseOrderedByTimeout:Pairs=com.acme.Pool#take:com.acme.Pool#giveBack,com.acme.Pool#take | ('com.acme.Pool#take' is not acquire:release, each fully.qualified.Class#method (com.acme.Pool#take:com.acme.Pool#giveBack); entries are comma-separated)
          """)
  void malformedValueIsOneErrorLine(String flag, String accepted) throws IOException {
    Output output = compile("-XepOpt:" + flag);

    assertFalse(output.success());
    assertEquals(
        List.of("error: invalid flag: -XepOpt:" + flag + " " + accepted, "1 error"),
        output.lines());
  }

  /** A misspelt option name would otherwise be ignored: the error lists the check's options. */
  @Test
  void unknownOptionNameIsOneErrorLine() throws IOException {
    Output output =
        compile("-XepOpt:BlockingPutUnderLock:Wait=all", "-XepOpt:ReleaseOrderedByTimeout:pairs=");

    assertFalse(output.success());
    assertEquals(
        List.of(
            "error: invalid flag: -XepOpt:BlockingPutUnderLock:Wait=all (BlockingPutUnderLock has"
                + " no option Wait; its options are BlockingMethods, FailOnAnalysisError,"
                + " LockMethods, MaxCallContexts, MaxCallContextsForOneMethod, MaxChainDepth,"
                + " PluginPointBodies, TimedSends, Waits)",
            "error: invalid flag: -XepOpt:ReleaseOrderedByTimeout:pairs= (ReleaseOrderedByTimeout"
                + " has no option pairs; its options are FailOnAnalysisError, Pairs)",
            "2 errors"),
        output.lines());
  }

  /** Each malformed flag of a check is its own line. */
  @Test
  void everyMalformedFlagIsOneLine() throws IOException {
    Output output =
        compile(
            "-XepOpt:BlockingPutUnderLock:TimedSends=maybe",
            "-XepOpt:BlockingPutUnderLock:Waits=bogus");

    assertEquals(
        List.of(
            "error: invalid flag: -XepOpt:BlockingPutUnderLock:TimedSends=maybe (expected true or"
                + " false)",
            "error: invalid flag: -XepOpt:BlockingPutUnderLock:Waits=bogus (expected one of"
                + " capacity, all, none)",
            "2 errors"),
        output.lines());
  }

  /** The twin: well-formed options, any case, leave the finding as the only error. */
  @Test
  void wellFormedOptionsReportTheFindingOnly() throws IOException {
    Output output =
        compile(
            "-XepOpt:BlockingPutUnderLock:TimedSends=TRUE",
            "-XepOpt:BlockingPutUnderLock:Waits=All",
            "-XepOpt:BlockingPutUnderLock:BlockingMethods=com.acme.Bus#publish,"
                + " com.acme.Outer.Inner#send,",
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError",
            "-XepOpt:BlockingPutUnderLock:MaxChainDepth=3",
            "-XepOpt:BlockingPutUnderLock:MaxCallContexts= 0",
            "-XepOpt:BlockingPutUnderLock:MaxCallContextsForOneMethod=16",
            "-XepOpt:BlockingPutUnderLock:PluginPointBodies=12",
            "-XepOpt:ReleaseOrderedByTimeout:Pairs=com.acme.Pool#take:com.acme.Pool#giveBack",
            "-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=false");

    assertFalse(output.success());
    assertTrue(
        output.lines().get(0).contains("error: [BlockingPutUnderLock] `queue.put(s)`"),
        String.join("\n", output.lines()));
    assertEquals("1 error", output.lines().get(output.lines().size() - 1));
  }

  /** Rollout is read by both checks, and a malformed value is still one line. */
  @Test
  void malformedRolloutIsOneErrorLine() throws IOException {
    Output output = compile("-XepOpt:Stallcheck:Rollout=maybe");

    assertFalse(output.success());
    assertEquals(
        List.of(
            "error: invalid flag: -XepOpt:Stallcheck:Rollout=maybe (expected true or false)",
            "1 error"),
        output.lines());
  }
}
