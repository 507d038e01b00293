package dev.stallcheck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Applies every suggested fix to a copy of the sample with patch mode, then requires that the copy
 * compiles and that no finding is left, the findings reached through calls included (their fix is
 * at the send). Findings with no rewrite get the suppression that asks why. The copy stays in
 * {@code target/patch-round-trip} for inspection.
 */
class PatchRoundTripTest {
  @Test
  void patchModeLeavesNoFinding() throws IOException {
    Path copy = Sample.copySources(Sample.TARGET.resolve("patch-round-trip"));
    SampleCompiler compiler = SampleCompiler.forModule(Sample.MODULE);

    CompileResult before = compiler.compileWithChecks(copy, copy.resolve("classes-before"));
    assertEquals(
        List.of(), before.otherErrors(), "javac errors other than findings, before patching");
    List<Finding> fixable =
        before.findings().stream().filter(Finding::hasFix).collect(Collectors.toList());
    assertFalse(fixable.isEmpty(), "no finding suggests a fix: the round trip would prove nothing");

    CompileResult patching =
        compiler.compileWithChecks(
            copy,
            copy.resolve("classes-patching"),
            Sample.PATCH_CHECKS,
            "-XepPatchLocation:IN_PLACE");
    assertEquals(List.of(), patching.otherErrors(), "javac errors while patching");
    for (Finding finding : fixable) {
      assertNotEquals(
          Files.readString(Sample.MODULE.resolve(finding.path())),
          Files.readString(copy.resolve(finding.path())),
          "patch mode left "
              + finding.path()
              + " unchanged, though "
              + finding.key()
              + " suggests a fix");
    }

    CompileResult plain = compiler.compilePlain(copy, copy.resolve("classes-plain"));
    assertEquals(List.of(), plain.otherErrors(), "the patched copy does not compile");

    CompileResult after = compiler.compileWithChecks(copy, copy.resolve("classes-after"));
    assertEquals(
        List.of(), after.otherErrors(), "javac errors other than findings, after patching");
    List<String> left = new ArrayList<>();
    for (Finding finding : after.findings()) {
      left.add(finding.key() + "\n    " + finding.message().replace("\n", "\n    "));
    }
    if (!left.isEmpty()) {
      fail("after patching, findings are left in " + copy + ":\n" + String.join("\n", left));
    }
    // Every BlockingPutUnderLock finding of the sample, the chain included, has a rewrite: patch
    // mode applies it, not the suppression that comes last.
    for (Path source : SampleCompiler.sources(copy.resolve("src/main/java"))) {
      assertFalse(
          Files.readString(source).contains("@SuppressWarnings(\"BlockingPutUnderLock\")"),
          () -> "patch mode suppressed a BlockingPutUnderLock finding in " + source);
    }
  }
}
