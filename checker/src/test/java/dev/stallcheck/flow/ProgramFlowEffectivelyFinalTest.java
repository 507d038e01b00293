package dev.stallcheck.flow;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** {@link ProgramFlow#isEffectivelyFinal} seen through {@link EffectivelyFinalProbe}. */
final class ProgramFlowEffectivelyFinalTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(EffectivelyFinalProbe.class, getClass());

  @Test
  void identificationKeptValues() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.List;",
            "import java.util.function.Consumer;",
            "class Test {",
            "  final Object fixed = new Object();",
            "  static void probe(Object x) {}",
            "  void m(Object param, List<String> names, Object seen) {",
            "    Object local = new Object();",
            "    int[] slots = new int[1];",
            "    slots[0] = 1;",
            "    slots[0]++;",
            "    // BUG: Diagnostic contains: param kept: true",
            "    probe(param);",
            "    // BUG: Diagnostic contains: local kept: true",
            "    probe(local);",
            "    // BUG: Diagnostic contains: slots kept: true",
            "    probe(slots);",
            "    // BUG: Diagnostic contains: fixed kept: true",
            "    probe(fixed);",
            "    for (String name : names) {",
            "      // BUG: Diagnostic contains: name kept: true",
            "      probe(name);",
            "    }",
            "    try {",
            "      m(null, null, null);",
            "    } catch (RuntimeException e) {",
            "      // BUG: Diagnostic contains: e kept: true",
            "      probe(e);",
            "    }",
            "    if (seen instanceof String text) {",
            "      // BUG: Diagnostic contains: text kept: true",
            "      probe(text);",
            "    }",
            "    // BUG: Diagnostic contains: each kept: true",
            "    Consumer<Object> c = each -> probe(each);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationChangedValues() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  Object loose = new Object();",
            "  static void probe(Object x) {}",
            "  void m(Object param, boolean flag) {",
            "    param = null;",
            "    Object reassigned = new Object();",
            "    reassigned = null;",
            "    int counted = 0;",
            "    counted++;",
            "    int summed = 0;",
            "    summed += 2;",
            "    Object late;",
            "    late = new Object();",
            "    // BUG: Diagnostic contains: param kept: false",
            "    probe(param);",
            "    // BUG: Diagnostic contains: reassigned kept: false",
            "    probe(reassigned);",
            "    // BUG: Diagnostic contains: counted kept: false",
            "    probe(counted);",
            "    // BUG: Diagnostic contains: summed kept: false",
            "    probe(summed);",
            "    // Assigned once after a value-less declaration: javac may count it; not here.",
            "    // BUG: Diagnostic contains: late kept: false",
            "    probe(late);",
            "    // BUG: Diagnostic contains: loose kept: false",
            "    probe(loose);",
            "  }",
            "}")
        .doTest();
  }
}
