package dev.stallcheck.fixes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.errorprone.BaseErrorProneJavaCompiler;
import com.google.errorprone.scanner.ScannerSupplier;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * What patch mode writes into a user's file, character for character: runs javac with Error Prone
 * and {@link FixProbe} in patch mode ({@code -XepPatchChecks:FixProbe -XepPatchLocation:IN_PLACE})
 * on one file, reads the file back, and compiles the result with plain javac.
 *
 * <p>Not {@code BugCheckerRefactoringTestHelper}: in Error Prone 2.50 even its (deprecated) {@code
 * TestMode.TEXT_MATCH} runs google-java-format over both sides before comparing, which erases the
 * very line breaks and indentation these tests are about.
 */
final class ExactPatch {
  private ExactPatch() {}

  /** Asserts that patch mode, applying the {@code fix}-th fix (from 1), turns input into output. */
  static void assertPatch(int fix, String input, String output) {
    assertEquals(output, patched(fix, input));
  }

  /** The text of {@code Test.java} after patch mode applied the {@code fix}-th fix of each send. */
  static String patched(int fix, String input) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("exact-patch");
      Path file = dir.resolve("Test.java");
      Files.writeString(file, input);
      compile(
          new BaseErrorProneJavaCompiler(ScannerSupplier.fromBugCheckerClasses(FixProbe.class)),
          file,
          dir.resolve("patching"),
          "-XepPatchChecks:FixProbe",
          "-XepPatchLocation:IN_PLACE",
          "-XepOpt:FixProbe:Fix=" + fix,
          "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");
      String patched = Files.readString(file);
      List<String> errors =
          compile(ToolProvider.getSystemJavaCompiler(), file, dir.resolve("plain"));
      assertTrue(
          errors.isEmpty(), () -> "the patched file does not compile: " + errors + "\n" + patched);
      return patched;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Removes a test's scratch folder, so that runs do not pile folders up in the temp directory. */
  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try {
      MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException e) {
      // Only scratch space: a folder left behind changes no result.
    }
  }

  /** The error messages of compiling {@code file}. */
  private static List<String> compile(
      JavaCompiler compiler, Path file, Path classes, String... options) throws IOException {
    Files.createDirectories(classes);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
      args.addAll(List.of(options));
      compiler
          .getTask(
              new StringWriter(), files, diagnostics, args, null, files.getJavaFileObjects(file))
          .call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }
}
