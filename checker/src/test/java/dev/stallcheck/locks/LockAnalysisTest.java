package dev.stallcheck.locks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The lock model seen through {@link LockProbe}: lock identities (kind + access path), display text
 * and lines, must-hold joins, callback timing, memoization.
 */
final class LockAnalysisTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LockProbe.class, getClass())
          .addSourceLines(
              "Probes.java",
              "import java.util.function.*;",
              "final class Probes {",
              "  static void probe() {}",
              "  static void probe(int argument) {}",
              "  static void bodies() {}",
              "  static void timing() {}",
              "  static void rebased(Object receiver) {}",
              "}");

  @Test
  void identificationIdentities() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  final Lock readView = rw.readLock();",
            "  final Lock lock = new ReentrantLock();",
            "  final StampedLock sl = new StampedLock();",
            "  void sameLockManyNames() {",
            "    lock.lock();",
            "    this.lock.unlock();",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "    Lock alias = lock;",
            "    alias.lock();",
            "    // BUG: Diagnostic contains: held: lock this(Test).lock `alias`@13",
            "    Probes.probe();",
            "    lock.unlock();",
            "    readView.lock();",
            "    // BUG: Diagnostic contains: held: read lock this(Test).rw `readView`@17",
            "    Probes.probe();",
            "    rw.readLock().unlock();",
            "    rw.writeLock().lock();",
            "    rw.readLock().lock();",
            "    // BUG: Diagnostic contains: held: write lock this(Test).rw `rw.writeLock()`@21,"
                + " read lock this(Test).rw `rw.readLock()`@22",
            "    Probes.probe();",
            "    rw.writeLock().unlock();",
            "    // BUG: Diagnostic contains: held: read lock this(Test).rw `rw.readLock()`@22",
            "    Probes.probe();",
            "    rw.readLock().unlock();",
            "    long stamp = sl.writeLock();",
            "    // BUG: Diagnostic contains: held: stamped write lock this(Test).sl",
            "    Probes.probe();",
            "    sl.unlockWrite(stamp);",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "  }",
            "  static final Object STATIC = new Object();",
            "  static void monitors(Test other) {",
            "    synchronized (Test.class) {",
            "      synchronized (STATIC) {",
            "        synchronized (other.lock) {",
            "          // BUG: Diagnostic contains: held: monitor Test.class `Test.class`@38,"
                + " monitor Test.class.STATIC `STATIC`@39, monitor other.lock `other.lock`@40",
            "          Probes.probe();",
            "        }",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationRebase() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  final Object monitor = new Object();",
            "  Test peer;",
            "  synchronized void callee(Object param) {",
            "    synchronized (monitor) {",
            "      synchronized (param) {",
            "        // BUG: Diagnostic contains: rebased: this(Test).peer, this(Test).peer.monitor, param",
            "        Probes.rebased(peer);",
            "        // BUG: Diagnostic contains: rebased: this(Test).peer.peer, this(Test).peer.peer.monitor, param",
            "        Probes.rebased(this.peer.peer);",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationJoins() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  void joins(Lock a, Lock b, boolean c) {",
            "    a.lock();",
            "    if (c) {",
            "      b.lock();",
            "    } else {",
            "      b.lock();",
            "      a.unlock();",
            "    }",
            "    // BUG: Diagnostic contains: held: lock b `b`@6",
            "    Probes.probe();",
            "    switch (String.valueOf(c)) {",
            "      case \"true\": b.unlock(); break;",
            "      default: break;",
            "    }",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "  }",
            "  void exceptional(Lock a) {",
            "    try {",
            "      a.lock();",
            "      Integer.parseInt(\"1\");",
            "    } catch (RuntimeException e) {",
            "      // BUG: Diagnostic contains: held: none",
            "      Probes.probe();",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: held: lock a `a`@22",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationCallbackTiming() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "class Test {",
            "  void timings(List<String> list, Map<String, String> map, Optional<String> opt,",
            "      ExecutorService ex, Iterator<String> it) {",
            "    synchronized (this) {",
            "      // BUG: Diagnostic contains: held: monitor this(Test) `this`@7",
            "      list.forEach(s -> Probes.probe());",
            "      // BUG: Diagnostic contains: held: monitor this(Test) `this`@7",
            "      map.merge(\"k\", \"v\", (x, y) -> { Probes.probe(); return x; });",
            "      // BUG: Diagnostic contains: held: monitor this(Test) `this`@7",
            "      it.forEachRemaining(s -> Probes.probe());",
            "      // BUG: Diagnostic contains: held: monitor this(Test) `this`@7",
            "      opt.map(s -> { Probes.probe(); return s; }).orElse(\"\");",
            "      // BUG: Diagnostic contains: held: monitor this(Test) `this`@7",
            "      long n = list.stream().filter(s -> { Probes.probe(); return true; }).count();",
            "      // BUG: Diagnostic contains: held: none",
            "      ex.execute(() -> Probes.probe());",
            "      // BUG: Diagnostic contains: held: none",
            "      CompletableFuture.supplyAsync(() -> { Probes.probe(); return 1; });",
            "      // BUG: Diagnostic contains: held: none",
            "      Supplier<String> stored = () -> { Probes.probe(); return \"\"; };",
            "      // BUG: Diagnostic contains: held: none",
            "      Runnable r = () -> list.forEach(s -> Probes.probe());",
            "      ex.execute(() -> {",
            "        synchronized (list) {",
            "          // BUG: Diagnostic contains: held: monitor list `list`@27",
            "          list.forEach(s -> Probes.probe());",
            "        }",
            "      });",
            "    }",
            "    // BUG: Diagnostic contains: timing: IMMEDIATE",
            "    list.removeIf(s -> { Probes.timing(); return false; });",
            "    // BUG: Diagnostic contains: timing: IMMEDIATE",
            "    list.stream().map(s -> { Probes.timing(); return s; }).forEach(s -> {});",
            "    // BUG: Diagnostic contains: timing: DEFERRED",
            "    list.stream().map(s -> { Probes.timing(); return s; }).iterator();",
            "    // BUG: Diagnostic contains: timing: DEFERRED",
            "    new Thread(() -> Probes.timing());",
            "    // BUG: Diagnostic contains: timing: DEFERRED",
            "    ex.submit(() -> Probes.timing());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationEachBodyAnalysedOnce() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final Lock lock = new ReentrantLock();",
            "  synchronized void many(List<String> list) {",
            "    lock.lock();",
            "    // BUG: Diagnostic contains: held: monitor",
            "    Probes.probe();",
            "    // BUG: Diagnostic contains: held: monitor",
            "    Probes.probe();",
            "    // BUG: Diagnostic contains: held: monitor",
            "    Probes.probe();",
            "    // BUG: Diagnostic contains: bodies: 1",
            "    Probes.bodies();",
            "    // BUG: Diagnostic contains: held: monitor",
            "    list.forEach(s -> { lock.unlock(); Probes.probe(); lock.lock(); });",
            "    // BUG: Diagnostic contains: bodies: 2",
            "    Probes.bodies();",
            "    // BUG: Diagnostic contains: held: monitor",
            "    list.forEach(s -> { lock.unlock(); Probes.probe(); lock.lock(); });",
            "    // BUG: Diagnostic contains: bodies: 3",
            "    Probes.bodies();",
            "    lock.unlock();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A point before which no call can take or release a lock gets no dataflow of its body: the
   * helpers called after it are not asked, however they lock. Where such a call runs before the
   * point (in the point's argument, or before the loop the point is in), the dataflow runs and
   * decides. A lock taken only later in a loop is not held: the loop's first pass does not hold it.
   */
  @Test
  void identificationNoDataflowBeforeTheFirstCallThatTouchesALock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final Lock lock = new ReentrantLock();",
            "  private void take() { lock.lock(); }",
            "  private void give() { lock.unlock(); }",
            "  private int taken() { lock.lock(); return 1; }",
            "  void takesAfter() {",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "    // BUG: Diagnostic contains: bodies: 0",
            "    Probes.bodies();",
            "    take();",
            "    give();",
            "  }",
            "  void takesInArgument() {",
            "    // BUG: Diagnostic contains: bodies: 0",
            "    Probes.bodies();",
            "    // BUG: Diagnostic contains: held: lock",
            "    Probes.probe(taken());",
            "    give();",
            "  }",
            "  void takesLaterInLoop(int n) {",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: held: none",
            "      Probes.probe();",
            "      take();",
            "    }",
            "  }",
            "  void keepsAcrossLoop(int n) {",
            "    take();",
            "    for (int i = 0; i < n; i++) {",
            "      // BUG: Diagnostic contains: held: lock",
            "      Probes.probe();",
            "      give();",
            "      take();",
            "    }",
            "    give();",
            "  }",
            "}")
        .doTest();
  }
}
