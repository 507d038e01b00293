package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The options that bound how far the summaries look ({@code MaxChainDepth}, {@code
 * MaxCallContexts}, {@code MaxCallContextsForOneMethod}) and which calls are plugin points ({@code
 * PluginPointBodies}): each against the default on the same code.
 */
final class BlockingPutUnderLockLimitsTest {
  private static CompilationTestHelper helper(String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true";
    System.arraycopy(flags, 0, args, 1, flags.length);
    return CompilationTestHelper.newInstance(
            BlockingPutUnderLock.class, BlockingPutUnderLockLimitsTest.class)
        .setArgs(args);
  }

  /** A send three methods below the lock: {@code first → second → third → put}. */
  private static final String[] THREE_DEEP = {
    "import java.util.concurrent.*;",
    "class Chain {",
    "  private final BlockingQueue<Integer> q = new ArrayBlockingQueue<>(1);",
    "  synchronized void locked() throws InterruptedException {",
    "    // BUG: Diagnostic contains: Chain.first → Chain.second → Chain.third → `q.put(1)`",
    "    first();",
    "  }",
    "  void first() throws InterruptedException { second(); }",
    "  void second() throws InterruptedException { third(); }",
    "  void third() throws InterruptedException {",
    "    // BUG: Diagnostic contains: can block while a caller holds",
    "    q.put(1);",
    "  }",
    "  synchronized int pending() { return q.size(); }",
    "}"
  };

  @Test
  void identificationChainWithinTheDefaultDepth() {
    helper().addSourceLines("Chain.java", THREE_DEEP).doTest();
  }

  @Test
  void negativeChainPastMaxChainDepth() {
    helper("-XepOpt:BlockingPutUnderLock:MaxChainDepth=2")
        .addSourceLines(
            "Chain.java",
            Arrays.stream(THREE_DEEP)
                .filter(line -> !line.contains("BUG: Diagnostic"))
                .toArray(String[]::new))
        .doTest();
  }

  @Test
  void identificationChainAtMaxChainDepth() {
    helper("-XepOpt:BlockingPutUnderLock:MaxChainDepth=3")
        .addSourceLines("Chain.java", THREE_DEEP)
        .doTest();
  }

  /**
   * A dispatcher that puts only for one constant, called under locks with two others. It is public,
   * so calls from elsewhere may pass any constant: only call contexts keep the two calls' constants
   * apart. Each call in its own context is silent; a call past the budget is analysed in a context
   * that knows nothing, and reaches the put.
   */
  private static String[] dispatcher(String secondCallExpectation) {
    return new String[] {
      "import java.util.concurrent.*;",
      "public class Dispatch {",
      "  private final BlockingQueue<Integer> q = new ArrayBlockingQueue<>(1);",
      "  public void dispatch(int kind) throws InterruptedException {",
      "    if (kind == 1) {",
      secondCallExpectation.isEmpty()
          ? ""
          : "      // BUG: Diagnostic contains: can block while a caller holds",
      "      q.put(kind);",
      "    } else {",
      "      q.offer(kind);",
      "    }",
      "  }",
      "  synchronized void sendThree() throws InterruptedException {",
      "    dispatch(3);",
      "  }",
      "  synchronized void sendTwo() throws InterruptedException {",
      secondCallExpectation,
      "    dispatch(2);",
      "  }",
      "}"
    };
  }

  @Test
  void negativeDispatcherInItsOwnContexts() {
    helper().addSourceLines("Dispatch.java", dispatcher("")).doTest();
  }

  @Test
  void identificationDispatcherPastMaxCallContexts() {
    helper(
            "-XepOpt:BlockingPutUnderLock:MaxCallContexts=1",
            "-XepOpt:BlockingPutUnderLock:MaxCallContextsForOneMethod=1")
        .addSourceLines(
            "Dispatch.java",
            dispatcher("    // BUG: Diagnostic contains: Dispatch.dispatch → `q.put(kind)`"))
        .doTest();
  }

  /**
   * Seven implementations of a codec, one of which blocks, reached from a lock through a field
   * whose factory creates each of them; {@code marked}: the finding is expected.
   */
  private static String[] sevenCodecs(boolean marked) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("import java.util.concurrent.*;");
    lines.add("interface Codec { void send(Object m) throws InterruptedException; }");
    lines.add("class Codec0 implements Codec {");
    lines.add("  private final BlockingQueue<Object> q = new ArrayBlockingQueue<>(1);");
    if (marked) {
      lines.add("  // BUG: Diagnostic contains: a caller holds `Transport.this`");
    }
    lines.add("  public void send(Object m) throws InterruptedException { q.put(m); }");
    lines.add("}");
    StringBuilder factory = new StringBuilder("  static Codec of(int i) { switch (i) {");
    for (int i = 1; i < 7; i++) {
      lines.add("class Codec" + i + " implements Codec { public void send(Object m) {} }");
    }
    for (int i = 0; i < 7; i++) {
      factory.append(" case ").append(i).append(": return new Codec").append(i).append("();");
    }
    factory.append(" default: return null; } }");
    lines.add("class Codecs {");
    lines.add(factory.toString());
    lines.add("}");
    lines.add("class Transport {");
    lines.add("  private final Codec codec;");
    lines.add("  Transport(int i) { codec = Codecs.of(i); }");
    lines.add("  synchronized void send(Object m) throws InterruptedException {");
    if (marked) {
      lines.add("    // BUG: Diagnostic contains: `codec.send(m)` can block while `this`");
    }
    lines.add("    codec.send(m);");
    lines.add("  }");
    lines.add("  private boolean closed;");
    lines.add("  synchronized void close() { closed = true; }");
    lines.add("}");
    return lines.toArray(new String[0]);
  }

  @Test
  void identificationPluginPointBodies() {
    helper().addSourceLines("Transport.java", sevenCodecs(false)).doTest();
    helper("-XepOpt:BlockingPutUnderLock:PluginPointBodies=7")
        .addSourceLines("Transport.java", sevenCodecs(true))
        .doTest();
  }
}
