package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks run on JDK 21+, but the code they analyse may target any release from 8 on. Each test
 * compiles Java 8 source with {@code --release N}, where the JDK's class library differs (no {@code
 * Thread.ofVirtual}, no {@code List.of} in 8), and expects the same findings and fixes.
 */
final class SupportedReleasesTest {
  @ParameterizedTest
  @ValueSource(strings = {"8", "11", "17", "21"})
  void identificationBlockingPutUnderLock(String release) {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs("--release", release, "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
        .addSourceLines(
            "Gateway.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.locks.ReadWriteLock;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "class Gateway {",
            "  interface User { void send(String m) throws InterruptedException; }",
            "  static final class Device implements User {",
            "    private final BlockingQueue<String> out = new ArrayBlockingQueue<String>(10);",
            "    // BUG: Diagnostic contains: can block while a caller holds `lock.readLock()`",
            "    public void send(String m) throws InterruptedException { out.put(m); }",
            "  }",
            "  private final ReadWriteLock lock = new ReentrantReadWriteLock();",
            "  private final List<User> users = new ArrayList<User>();",
            "  private final BlockingQueue<String> audit = new ArrayBlockingQueue<String>(10);",
            "  void broadcast(String m) throws InterruptedException {",
            "    lock.readLock().lock();",
            "    try {",
            "      for (User u : users) {",
            "        // BUG: Diagnostic contains: Device.send",
            "        u.send(m);",
            "      }",
            "      // BUG: Diagnostic contains: `lock.readLock()` (taken at line 18)",
            "      audit.put(m);",
            "    } finally {",
            "      lock.readLock().unlock();",
            "    }",
            "    audit.put(m);",
            "  }",
            "  void snapshotThenSend(String m) throws InterruptedException {",
            "    List<User> copy;",
            "    lock.readLock().lock();",
            "    try {",
            "      copy = new ArrayList<User>(users);",
            "    } finally {",
            "      lock.readLock().unlock();",
            "    }",
            "    for (User u : copy) {",
            "      u.send(m);",
            "    }",
            "  }",
            "  static User device() { return new Device(); }",
            "}")
        .doTest();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8", "11", "17", "21"})
  void replacementBlockingPutUnderLock(String release) {
    BugCheckerRefactoringTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs("--release", release, "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
        .addInputLines(
            "Mailbox.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Mailbox {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<String>(4);",
            "  synchronized void deliver(String m) {",
            "    try {",
            "      q.put(m);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .addOutputLines(
            "Mailbox.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Mailbox {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<String>(4);",
            "  synchronized void deliver(String m) {",
            "    if (!q.offer(m)) {",
            "      throw new IllegalStateException(\"q is full\");",
            "    }",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8", "11", "17", "21"})
  void identificationReleaseOrderedByTimeout(String release) {
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs("--release", release, "-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .addSourceLines(
            "Handler.java",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Semaphore;",
            "import java.util.concurrent.TimeUnit;",
            "class Handler {",
            "  private final Semaphore permits = new Semaphore(4);",
            "  void handle() throws InterruptedException {",
            "    final CountDownLatch done = new CountDownLatch(1);",
            "    new Thread(new Runnable() {",
            "      @Override public void run() {",
            "        try {",
            "          permits.acquire();",
            "        } catch (InterruptedException e) {",
            "          Thread.currentThread().interrupt();",
            "        } finally {",
            "          done.countDown();",
            "        }",
            "      }",
            "    }).start();",
            "    done.await(300, TimeUnit.MILLISECONDS);",
            "    // BUG: Diagnostic contains: only by the timeout of",
            "    permits.release();",
            "  }",
            "  void handleOrdered() throws InterruptedException {",
            "    final CountDownLatch done = new CountDownLatch(1);",
            "    new Thread(new Runnable() {",
            "      @Override public void run() {",
            "        try {",
            "          permits.acquire();",
            "        } catch (InterruptedException e) {",
            "          Thread.currentThread().interrupt();",
            "        } finally {",
            "          done.countDown();",
            "        }",
            "      }",
            "    }).start();",
            "    done.await();",
            "    permits.release();",
            "  }",
            "}")
        .doTest();
  }
}
