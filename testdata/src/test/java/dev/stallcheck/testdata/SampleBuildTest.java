package dev.stallcheck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * What holds whatever the checks find: the sample builds with them, and the expected file is sound.
 */
class SampleBuildTest {
  @Test
  void sampleCompilesWithTheChecksAndNoOtherError() {
    CompileResult result =
        SampleCompiler.forModule(Sample.MODULE)
            .compileWithChecks(Sample.MODULE, Sample.TARGET.resolve("sample-build-classes"));

    assertEquals(
        List.of(),
        result.otherErrors(),
        "javac errors other than findings (a crash of a check shows here)");
    for (Finding finding : result.findings()) {
      assertTrue(
          Sample.CHECKS.contains(finding.check()),
          "a check that should not run reported: " + finding);
    }
  }

  @Test
  void sampleCompilesWithPlainJavac() {
    CompileResult result =
        SampleCompiler.forModule(Sample.MODULE)
            .compilePlain(Sample.MODULE, Sample.TARGET.resolve("plain-classes"));

    assertEquals(List.of(), result.otherErrors());
  }

  /** Every expected line names a check of this project and a line of the sample holding a call. */
  @Test
  void expectedFindingsPointAtCalls() throws IOException {
    List<String> expected = ExpectedFindings.read(Sample.MODULE.resolve("expected-findings.txt"));

    assertFalse(expected.isEmpty());
    Set<String> seen = new HashSet<>();
    for (String key : expected) {
      assertTrue(seen.add(key), "listed twice: " + key);
      Matcher m = ExpectedFindings.LINE.matcher(key);
      assertTrue(m.matches(), key);
      Path file = Sample.MODULE.resolve(m.group(1));
      assertTrue(Files.isRegularFile(file), "no such file: " + key);
      List<String> lines = Files.readAllLines(file);
      int line = Integer.parseInt(m.group(2));
      assertTrue(line >= 1 && line <= lines.size(), "no such line: " + key);
      assertTrue(
          lines.get(line - 1).matches(".*\\w\\(.*"),
          "no call on the line of " + key + ": " + lines.get(line - 1));
      assertTrue(Sample.CHECKS.contains(m.group(3)), "unknown check: " + key);
    }
  }
}
