package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The edges of the call graph the summaries follow that the pre-filter proving most calls cannot
 * block ({@link dev.stallcheck.graph.CallReach}) must keep: each test's finding is lost if the
 * filter drops that edge.
 */
final class BlockingPutUnderLockReachTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /** The body that runs is inherited from a class that does not implement the interface. */
  @Test
  void identificationInheritedImplementation() {
    helper
        .addSourceLines(
            "Sinks.java",
            "import java.util.concurrent.*;",
            "interface Sink {",
            "  void push(String s) throws InterruptedException;",
            "}",
            "class QueueBase {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  public void push(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(s);",
            "  }",
            "}",
            "class QueueSink extends QueueBase implements Sink {}",
            "class Owner {",
            "  private final Sink sink = new QueueSink();",
            "  synchronized void send(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: QueueBase.push",
            "    sink.push(s);",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  /**
   * A class created only in nested code (an enum constant's body, an anonymous class passed as an
   * argument) is instantiated: calls on its interface reach it.
   */
  @Test
  void identificationCreatedInNestedCode() {
    helper
        .addSourceLines(
            "Sinks.java",
            "import java.util.concurrent.*;",
            "interface Sink {",
            "  void push(String s) throws InterruptedException;",
            "}",
            "final class QueueSink implements Sink {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public void push(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(s);",
            "  }",
            "}",
            "final class DroppingSink implements Sink {",
            "  @Override public void push(String s) {}",
            "}",
            "enum Mode {",
            "  QUEUED { @Override Sink sink() { return new QueueSink(); } };",
            "  abstract Sink sink();",
            "}",
            "class Owner {",
            "  private final Runnable hook = new Thread(new Runnable() {",
            "    @Override public void run() { new DroppingSink(); }",
            "  });",
            "  synchronized void send(Sink sink, String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: QueueSink.push",
            "    sink.push(s);",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  /** The same, with the blocking sink created nowhere: no class the call may reach blocks. */
  @Test
  void identificationNotCreatedAnywhere() {
    helper
        .addSourceLines(
            "Sinks.java",
            "import java.util.concurrent.*;",
            "interface Sink {",
            "  void push(String s) throws InterruptedException;",
            "}",
            "final class QueueSink implements Sink {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public void push(String s) throws InterruptedException {",
            "    q.put(s);",
            "  }",
            "}",
            "final class DroppingSink implements Sink {",
            "  @Override public void push(String s) {}",
            "}",
            "class Owner {",
            "  private final Runnable hook = new Thread(new Runnable() {",
            "    @Override public void run() { new DroppingSink(); }",
            "  });",
            "  synchronized void send(Sink sink, String s) throws InterruptedException {",
            "    sink.push(s);",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  /** Creating an object runs its initializers, and an anonymous subclass's its superclass's. */
  @Test
  void identificationInitializersThroughNew() {
    helper
        .addSourceLines(
            "Jobs.java",
            "import java.util.concurrent.*;",
            "class Job {",
            "  private static final BlockingQueue<String> CREATED = new ArrayBlockingQueue<>(1);",
            "  {",
            "    try {",
            "      // BUG: Diagnostic contains: can block while a caller holds",
            "      CREATED.put(\"job\");",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}",
            "class Factory {",
            "  synchronized Job make() {",
            "    // BUG: Diagnostic contains: can block while",
            "    return new Job();",
            "  }",
            "  synchronized Job makeAnonymous() {",
            "    // BUG: Diagnostic contains: can block while",
            "    return new Job() {};",
            "  }",
            "}")
        .doTest();
  }
}
