package dev.stallcheck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The README's two-step adoption on a copy of the sample: patch mode with {@code
 * -XepOpt:Stallcheck:Rollout=true} writes a marked suppression for every existing finding and
 * nothing else; the copy then compiles with the checks and no finding, and one new bug makes the
 * compile fail again. The copy stays in {@code target/rollout} for inspection.
 */
class RolloutTest {
  private static final String MARKER = "// stallcheck: rollout baseline, fix me";

  @Test
  void baselineIsGreenAndANewBugFailsTheBuild() throws IOException {
    Path copy = Sample.copySources(Sample.TARGET.resolve("rollout"));
    SampleCompiler compiler = SampleCompiler.forModule(Sample.MODULE);
    CompileResult before = compiler.compileWithChecks(copy, copy.resolve("classes-before"));
    assertTrue(
        !before.findings().isEmpty(), "the sample has no findings: the rollout proves nothing");

    CompileResult rollout =
        compiler.compileWithChecks(
            copy,
            copy.resolve("classes-rollout"),
            Sample.PATCH_CHECKS,
            "-XepPatchLocation:IN_PLACE",
            "-XepOpt:Stallcheck:Rollout=true");
    assertEquals(List.of(), rollout.otherErrors(), "javac errors while writing the baseline");

    // Only suppressions were written: each changed line is a marked @SuppressWarnings.
    Set<String> marked = new TreeSet<>();
    for (Path source : SampleCompiler.sources(copy.resolve("src/main/java"))) {
      Path relative = copy.relativize(source);
      List<String> original = Files.readAllLines(Sample.MODULE.resolve(relative));
      List<String> patched = Files.readAllLines(source);
      List<String> added = patched.stream().filter(line -> line.contains(MARKER)).toList();
      List<String> rest = patched.stream().filter(line -> !line.contains(MARKER)).toList();
      assertEquals(original, rest, relative + " changed beyond the baseline suppressions");
      added.forEach(line -> assertTrue(line.strip().startsWith("@SuppressWarnings(\""), line));
      if (!added.isEmpty()) {
        marked.add(relative.toString().replace('\\', '/'));
      }
    }
    Set<String> reported = new TreeSet<>();
    before.findings().forEach(finding -> reported.add(finding.path()));
    assertEquals(reported, marked, "the files with a baseline suppression");

    assertEquals(
        List.of(), compiler.compilePlain(copy, copy.resolve("classes-plain")).otherErrors());
    CompileResult green = compiler.compileWithChecks(copy, copy.resolve("classes-green"));
    assertEquals(List.of(), green.otherErrors());
    assertEquals(List.of(), green.findings(), "findings left after the baseline");

    // A new call under a lock into the suppressed chain: the baseline does not hide it.
    Files.writeString(
        copy.resolve("src/main/java/demo/chat/Replay.java"),
        """
        package demo.chat;

        final class Replay {
          synchronized void replay(User user, ChatMessage msg) {
            user.sendMsg(msg);
          }

          private boolean closed;

          synchronized void close() {
            closed = true;
          }
        }
        """);
    CompileResult broken = compiler.compileWithChecks(copy, copy.resolve("classes-broken"));
    assertEquals(List.of(), broken.otherErrors());
    assertEquals(
        List.of("src/main/java/demo/chat/Replay.java:5: BlockingPutUnderLock"),
        broken.findings().stream().map(Finding::key).toList());
  }
}
