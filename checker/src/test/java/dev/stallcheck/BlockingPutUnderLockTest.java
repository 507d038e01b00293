package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** Identification tests: positives and negatives side by side, per rule. */
final class BlockingPutUnderLockTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  @Test
  void identificationMessage() {
    helper
        .addSourceLines(
            "Gateway.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.locks.ReadWriteLock;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "class Gateway {",
            "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
            "  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(10);",
            "  void broadcast(byte[] data) throws InterruptedException {",
            "    membersLock.readLock().lock();",
            "    try {",
            "      // BUG: Diagnostic matches: MSG",
            "      writer.put(data);",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "    writer.put(data);",
            "  }",
            "}")
        .expectErrorMessage(
            "MSG",
            s ->
                s.contains(
                    "`writer.put(data)` can block while `membersLock.readLock()` (taken at line 9)"
                        + " is held; a full queue then stalls every thread that needs that lock"))
        .doTest();
  }
}
