package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A put into a bounded queue whose every element is counted against the queue's capacity before it
 * is added (a cache of at most K open files in a queue of capacity K) never waits. Positive twins
 * break one link of the count: another bound, no count, an element added uncounted, an element put
 * back from another queue, a queue filled while it is set up.
 */
final class BlockingPutUnderLockCountedSlotsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /**
   * Opens a file only once a CAS has counted it below the limit the queue was sized with, or once
   * it has closed another; puts a file still in use back where it took it from.
   */
  private static final String[] OPEN_FILES = {
    "import java.util.*;",
    "import java.util.concurrent.*;",
    "import java.util.concurrent.atomic.*;",
    "import java.util.concurrent.locks.*;",
    "class OpenFiles {",
    "  static final class File { boolean used; void close() {} }",
    "  private final int limit;",
    "  private final ArrayBlockingQueue<File> open;",
    "  private final AtomicInteger count = new AtomicInteger();",
    "  private final ReadWriteLock lock = new ReentrantReadWriteLock();",
    "  OpenFiles(int limit) {",
    "    this.limit = limit;",
    "    this.open = new ArrayBlockingQueue<>(limit);",
    "  }",
    "  File get() throws InterruptedException {",
    "    lock.readLock().lock();",
    "    try {",
    "      for (;;) {",
    "        int n = count.get();",
    "        if (n >= limit) {",
    "          if (closeOne()) break;",
    "        } else if (count.compareAndSet(n, n + 1)) {",
    "          break;",
    "        }",
    "      }",
    "      File file = new File();",
    "      open.put(file);",
    "      return file;",
    "    } finally {",
    "      lock.readLock().unlock();",
    "    }",
    "  }",
    "  private boolean closeOne() throws InterruptedException {",
    "    File taken;",
    "    taken = open.take();",
    "    synchronized (taken) {",
    "      if (taken.used) {",
    "        open.put(taken);",
    "        return false;",
    "      }",
    "      taken.close();",
    "      return true;",
    "    }",
    "  }",
    "  void clear() throws InterruptedException {",
    "    lock.writeLock().lock();",
    "    try {",
    "      while (count.get() > 0) {",
    "        if (closeOne()) count.decrementAndGet();",
    "      }",
    "    } finally {",
    "      lock.writeLock().unlock();",
    "    }",
    "  }",
    "}"
  };

  @Test
  void identification() {
    helper.addSourceLines("OpenFiles.java", OPEN_FILES).doTest();
  }

  /** The slot reserved by the increment whose result is checked, given back when over the limit. */
  @Test
  void identificationIncrementChecked() {
    helper
        .addSourceLines(
            "OpenFiles.java",
            with(
                OPEN_FILES,
                "        int n = count.get();",
                "        if (count.incrementAndGet() <= limit) break;\n"
                    + "        count.decrementAndGet();\n"
                    + "        if (closeOne()) break;",
                "        if (n >= limit) {",
                "",
                "          if (closeOne()) break;",
                "",
                "        } else if (count.compareAndSet(n, n + 1)) {",
                "",
                "          break;",
                "",
                "        }",
                ""))
        .doTest();
  }

  /** A check of the count, then a plain increment: two threads can pass the same check. */
  @Test
  void identificationCheckThenIncrement() {
    helper
        .addSourceLines(
            "OpenFiles.java",
            everySendReported(
                OPEN_FILES,
                "        } else if (count.compareAndSet(n, n + 1)) {",
                "        } else {\n          count.incrementAndGet();"))
        .doTest();
  }

  /** Counted against another number than the capacity: the queue can fill up. */
  @Test
  void identificationOtherBound() {
    helper
        .addSourceLines(
            "OpenFiles.java",
            everySendReported(
                with(OPEN_FILES, "  private final int limit;", "  private final int limit, soft;"),
                "    this.limit = limit;",
                "    this.limit = limit; this.soft = 2 * limit;",
                "        if (n >= limit) {",
                "        if (n >= soft) {"))
        .doTest();
  }

  /** Compared with the capacity but never counted: two threads can pass the same check. */
  @Test
  void identificationNotCounted() {
    helper
        .addSourceLines(
            "OpenFiles.java",
            everySendReported(
                OPEN_FILES,
                "        } else if (count.compareAndSet(n, n + 1)) {",
                "        } else if (count.get() == n) {"))
        .doTest();
  }

  /** One more way in, uncounted: every put into the queue may find it full. */
  @Test
  void identificationUncountedAddition() {
    helper
        .addSourceLines(
            "OpenFiles.java",
            everySendReported(
                OPEN_FILES,
                "  void clear() throws InterruptedException {",
                "  synchronized void adopt(File file) { open.offer(file); }\n"
                    + "  void clear() throws InterruptedException {"))
        .doTest();
  }

  /** The element put back was taken from another queue, so it was never counted in this one. */
  @Test
  void identificationPutBackFromElsewhere() {
    helper
        .addSourceLines(
            "OpenFiles.java",
            everySendReported(
                OPEN_FILES,
                "  private final AtomicInteger count = new AtomicInteger();",
                "  private final AtomicInteger count = new AtomicInteger();"
                    + " private final BlockingQueue<File> spare = new LinkedBlockingQueue<>();",
                "    taken = open.take();",
                "    taken = spare.take();"))
        .doTest();
  }

  /** Filled while it is set up, with elements the count does not know. */
  @Test
  void identificationPrefilled() {
    helper
        .addSourceLines(
            "OpenFiles.java",
            everySendReported(
                OPEN_FILES,
                "    this.open = new ArrayBlockingQueue<>(limit);",
                "    this.open = new ArrayBlockingQueue<>(limit); open.add(new File());"))
        .doTest();
  }

  /**
   * {@code lines} changed by {@code replacements} (see {@link #with}), with every send and every
   * call reaching one marked as reported: a queue whose slots are not all counted can be full at
   * both puts.
   */
  private static String[] everySendReported(String[] lines, String... replacements) {
    return with(
        with(lines, replacements),
        "      open.put(file);",
        "      // BUG: Diagnostic contains: open.put(file)\n      open.put(file);",
        "          if (closeOne()) break;",
        "          // BUG: Diagnostic contains: closeOne()\n          if (closeOne()) break;",
        "        open.put(taken);",
        "        // BUG: Diagnostic contains: open.put(taken)\n        open.put(taken);",
        "        if (closeOne()) count.decrementAndGet();",
        "        // BUG: Diagnostic contains: closeOne()\n"
            + "        if (closeOne()) count.decrementAndGet();");
  }

  /** {@code lines} with each line equal to a {@code replacements[2i]} replaced by the next one. */
  private static String[] with(String[] lines, String... replacements) {
    String[] changed = lines.clone();
    for (int r = 0; r < replacements.length; r += 2) {
      boolean found = false;
      for (int i = 0; i < changed.length; i++) {
        if (changed[i].equals(replacements[r])) {
          changed[i] = replacements[r + 1];
          found = true;
        }
      }
      if (!found) {
        throw new IllegalArgumentException("no line " + replacements[r]);
      }
    }
    return changed;
  }
}
