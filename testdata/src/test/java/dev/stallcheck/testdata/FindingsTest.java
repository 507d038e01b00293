package dev.stallcheck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compiles the sample with the checks and requires its findings to be exactly {@code
 * expected-findings.txt}: a check that starts missing a case, or reports a new one, fails here.
 */
class FindingsTest {
  @Test
  void findingsAreExactlyTheExpectedOnes() {
    List<String> expected = ExpectedFindings.read(Sample.expectedFindingsFile());
    CompileResult result =
        SampleCompiler.forModule(Sample.MODULE)
            .compileWithChecks(Sample.MODULE, Sample.TARGET.resolve("findings-classes"));

    assertEquals(List.of(), result.otherErrors(), "javac errors other than findings");
    String diff = diff(expected, result.findings());
    if (!diff.isEmpty()) {
      fail(
          "testdata findings differ from "
              + Sample.expectedFindingsFile().getFileName()
              + " (- expected, not reported; + reported, not expected):\n"
              + diff);
    }
  }

  /**
   * Each expected key not reported, and each finding not expected, with its message; empty if
   * equal.
   */
  static String diff(List<String> expected, List<Finding> reported) {
    List<String> missing = new ArrayList<>(expected);
    List<Finding> unexpected = new ArrayList<>();
    for (Finding finding : reported) {
      if (!missing.remove(finding.key())) {
        unexpected.add(finding);
      }
    }
    StringBuilder out = new StringBuilder();
    missing.forEach(key -> out.append("- ").append(key).append('\n'));
    for (Finding finding : unexpected) {
      out.append("+ ").append(finding.key()).append('\n');
      out.append("    ").append(finding.message().replace("\n", "\n    ")).append('\n');
    }
    return out.toString();
  }
}
