package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Guava's {@code Uninterruptibles.putUninterruptibly(queue, e)} retries {@code queue.put(e)} until
 * it succeeds: a blocking send on its first argument, with the same rules for the queue's bound as
 * a {@code put}. Its fix offers on that queue; there is no timed form, as the timed offer throws
 * the {@code InterruptedException} the helper spares its callers.
 */
final class BlockingPutUnderLockGuavaSendsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  private static BugCheckerRefactoringTestHelper refactor() {
    return BugCheckerRefactoringTestHelper.newInstance(
            BlockingPutUnderLock.class, BlockingPutUnderLockGuavaSendsTest.class)
        .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
        .setFixChooser(RewriteOnly.FIRST);
  }

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Relay.java",
            "import static com.google.common.util.concurrent.Uninterruptibles.putUninterruptibly;",
            "import com.google.common.util.concurrent.Uninterruptibles;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Relay {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);",
            "  private final SynchronousQueue<String> handOff = new SynchronousQueue<>();",
            "  private final ReadWriteLock members = new ReentrantReadWriteLock();",
            "  synchronized void direct(String m) {",
            "    // BUG: Diagnostic contains: `Uninterruptibles.putUninterruptibly(out, m)` can block"
                + " while `this` (synchronized method, line 9) is held; a full queue",
            "    Uninterruptibles.putUninterruptibly(out, m);",
            "  }",
            "  synchronized void imported(String m) {",
            "    // BUG: Diagnostic contains: `putUninterruptibly(out, m)` can block",
            "    putUninterruptibly(out, m);",
            "  }",
            "  void broadcast(String m) {",
            "    members.readLock().lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `enqueue(m)` can block while"
                + " `members.readLock()` (taken at line 18) is held",
            "      enqueue(m);",
            "    } finally {",
            "      members.readLock().unlock();",
            "    }",
            "  }",
            "  private void enqueue(String m) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    Uninterruptibles.putUninterruptibly(out, m);",
            "  }",
            "  synchronized void handOver(String m) {",
            "    // BUG: Diagnostic contains: always blocks until another thread takes the element",
            "    Uninterruptibles.putUninterruptibly(handOff, m);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Silent: no lock held; an unbounded queue (by static type, or by every value of the field); a
   * setting that chose the helper over an offer of the same element to the same queue; a {@code
   * null} queue (the helper throws; the null type is a subtype of {@code SynchronousQueue});
   * Guava's take, which is no send.
   */
  @Test
  void identificationSilentTwins() {
    helper
        .addSourceLines(
            "Relay.java",
            "import com.google.common.util.concurrent.Uninterruptibles;",
            "import java.util.concurrent.*;",
            "class Relay {",
            "  private final BlockingQueue<String> bounded = new ArrayBlockingQueue<>(8);",
            "  private final BlockingQueue<String> unbounded = new LinkedBlockingQueue<>();",
            "  private final PriorityBlockingQueue<String> sorted = new PriorityBlockingQueue<>();",
            "  private final boolean blockWhenFull;",
            "  Relay(boolean blockWhenFull) {",
            "    this.blockWhenFull = blockWhenFull;",
            "  }",
            "  void unlocked(String m) {",
            "    Uninterruptibles.putUninterruptibly(bounded, m);",
            "  }",
            "  synchronized void toUnbounded(String m) {",
            "    Uninterruptibles.putUninterruptibly(unbounded, m);",
            "    Uninterruptibles.putUninterruptibly(sorted, m);",
            "  }",
            "  synchronized void chosen(String m) {",
            "    if (blockWhenFull) {",
            "      Uninterruptibles.putUninterruptibly(bounded, m);",
            "    } else {",
            "      bounded.offer(m);",
            "    }",
            "  }",
            "  synchronized void toNothing(String m) {",
            "    Uninterruptibles.putUninterruptibly(null, m);",
            "  }",
            "  synchronized String next() {",
            "    return Uninterruptibles.takeUninterruptibly(bounded);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void replacement() {
    refactor()
        .addInputLines(
            "Relay.java",
            """
            import static com.google.common.util.concurrent.Uninterruptibles.putUninterruptibly;
            import com.google.common.util.concurrent.Uninterruptibles;
            import java.util.concurrent.*;
            class Relay {
              private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);
              synchronized void direct(String m) {
                Uninterruptibles.putUninterruptibly(out, m);
              }
              synchronized void imported(String m) {
                if (m != null) putUninterruptibly(this.out, m.trim());
              }
            }
            """)
        .addOutputLines(
            "Relay.java",
            """
            import static com.google.common.util.concurrent.Uninterruptibles.putUninterruptibly;
            import com.google.common.util.concurrent.Uninterruptibles;
            import java.util.concurrent.*;
            class Relay {
              private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);
              synchronized void direct(String m) {
                if (!out.offer(m)) {
                  throw new IllegalStateException("out is full");
                }
              }
              synchronized void imported(String m) {
                if (m != null) {
                  if (!this.out.offer(m.trim())) {
                    throw new IllegalStateException("this.out is full");
                  }
                }
              }
            }
            """)
        .doTest();
  }
}
