package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A lambda or method reference kept in a field or a collection and run later through its
 * interface's method, under a lock: the call runs the lambda's code. Known for a field whose every
 * value is one, and for an interface of the compilation (every lambda the compilation writes for
 * it, up to a plugin point's count); a library's interface of unknown origin reaches nothing.
 */
final class BlockingPutUnderLockStoredCallbacksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Gateway.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "interface Listener { void onMessage(String m); }",
            "class Gateway {",
            "  private final List<Listener> listeners = new ArrayList<>();",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);",
            "  private final Consumer<String> sink = m -> {",
            "    try {",
            "      // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "      out.put(m);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  };",
            "  private final Consumer<String> forward = this::enqueue;",
            "  synchronized void register(Listener l) { listeners.add(l); }",
            "  void start() {",
            "    register(m -> out.offer(m));",
            "    register(m -> {",
            "      try {",
            "        // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "        out.put(m);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "  synchronized void broadcast(String m) {",
            "    for (Listener l : listeners) {",
            "      // BUG: Diagnostic contains: `l.onMessage(m)` can block while `this`"
                + " (synchronized method, line 29) is held: lambda (Gateway.java:20)",
            "      l.onMessage(m);",
            "    }",
            "  }",
            "  synchronized void toSink(String m) {",
            "    // BUG: Diagnostic contains: `sink.accept(m)` can block while `this`",
            "    sink.accept(m);",
            "  }",
            "  synchronized void toForward(String m) {",
            "    // BUG: Diagnostic contains: method reference (Gateway.java:16) → Gateway.enqueue",
            "    forward.accept(m);",
            "  }",
            "  private void enqueue(String m) {",
            "    try {",
            "      // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "      out.put(m);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Silent: a field whose lambda does not block; a library interface's value of unknown origin (a
   * parameter, an element of a list); a callback parameter run while the call runs (reported where
   * its caller writes the lambda, if at all); an interface of the compilation with more lambdas
   * than a plugin point's count.
   */
  @Test
  void identificationSilentTwins() {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:PluginPointBodies=2")
        .addSourceLines(
            "Hub.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "interface Handler { void handle(String m); }",
            "class Hub {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);",
            "  private final Consumer<String> quiet = m -> out.offer(m);",
            "  private final List<Consumer<String>> consumers = new ArrayList<>();",
            "  private final List<Handler> handlers = new ArrayList<>();",
            "  void start() {",
            "    consumers.add(m -> { try { out.put(m); } catch (InterruptedException e) { } });",
            "    handlers.add(m -> { try { out.put(m); } catch (InterruptedException e) { } });",
            "    handlers.add(m -> out.offer(m));",
            "    handlers.add(m -> {});",
            "  }",
            "  synchronized void toQuiet(String m) { quiet.accept(m); }",
            "  synchronized void toAny(Consumer<String> c, String m) { c.accept(m); }",
            "  synchronized void toConsumers(String m) {",
            "    for (Consumer<String> c : consumers) c.accept(m);",
            "  }",
            "  synchronized void toHandlers(String m) {",
            "    for (Handler h : handlers) h.handle(m);",
            "  }",
            "}")
        .doTest();
  }
}
