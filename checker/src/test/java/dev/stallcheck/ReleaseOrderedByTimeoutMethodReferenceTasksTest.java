package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A task that is a method reference to an acquire ({@code executor.submit(pool::acquire)}) acquires
 * whether or not the pool's code is compiled with it: the reference is the acquire, and its result
 * is the future's.
 */
final class ReleaseOrderedByTimeoutMethodReferenceTasksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true");

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Pool.java",
            "class Pool {",
            "  static final class Conn {}",
            "  Conn acquire() throws InterruptedException { return new Conn(); }",
            "  void release(Conn c) {}",
            "}")
        .addSourceLines(
            "Caller.java",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  private final Pool pool = new Pool();",
            "  private final ExecutorService exec = Executors.newCachedThreadPool();",
            "  void timed() throws Exception {",
            "    Future<Pool.Conn> f = exec.submit(pool::acquire);",
            "    Pool.Conn c = null;",
            "    try {",
            "      c = f.get(1, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "    } finally {",
            "      // BUG: Diagnostic contains: is ordered after the task's `pool::acquire` (line 6)",
            "      pool.release(c);",
            "    }",
            "  }",
            "  void untimed() throws Exception {",
            "    Future<Pool.Conn> f = exec.submit(pool::acquire);",
            "    Pool.Conn c = null;",
            "    try {",
            "      c = f.get();",
            "    } finally {",
            "      pool.release(c);",
            "    }",
            "  }",
            "  void notAnAcquire() throws Exception {",
            "    Future<?> f = exec.submit(this::work);",
            "    try {",
            "      f.get(1, TimeUnit.SECONDS);",
            "    } finally {",
            "      pool.release(null);",
            "    }",
            "  }",
            "  private void work() {}",
            "}")
        .doTest();
  }
}
