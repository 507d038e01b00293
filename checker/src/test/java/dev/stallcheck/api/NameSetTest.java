package dev.stallcheck.api;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** {@link NameSet} seen through {@link NameSetProbe}. */
final class NameSetTest {
  private static final String[] SOURCE = {
    "import java.util.Map;",
    "import java.util.concurrent.BlockingQueue;",
    "import java.util.concurrent.TransferQueue;",
    "abstract class Test {",
    "  abstract void putting();",
    "  void m(BlockingQueue<String> q, TransferQueue<String> t, Map<String, String> map)",
    "      throws InterruptedException {",
    "    // BUG: Diagnostic contains: named put",
    "    q.put(\"a\");",
    "    // BUG: Diagnostic contains: named transfer",
    "    t.transfer(\"b\");",
    "    // BUG: Diagnostic contains: named put",
    "    map.put(\"c\", \"d\");",
    "    map.putAll(map);",
    "    q.offer(\"e\");",
    "    putting();",
    "  }",
    "}"
  };

  @Test
  void identificationByName() {
    CompilationTestHelper.newInstance(NameSetProbe.class, getClass())
        .addSourceLines("Test.java", SOURCE)
        .doTest();
  }

  /**
   * Every compilation has a name table of its own: the probe's one set, used by the first, must
   * still find the names of the second, whose {@code Name}s are other objects.
   */
  @Test
  void identificationInEachOfTwoCompilations() {
    for (int i = 0; i < 2; i++) {
      CompilationTestHelper.newInstance(NameSetProbe.class, getClass())
          .addSourceLines("Test.java", SOURCE)
          .doTest();
    }
  }
}
