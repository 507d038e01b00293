package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Findings that read whether a variable of another file keeps its value: the same in either order
 * of the files. javac marks a variable effectively final only when it analyses the flow of its
 * class, and the check of one file may read a class whose flow comes after it.
 */
final class EffectivelyFinalAcrossFilesTest {
  /**
   * Compiles the callee's file and its user's once in each order: {@code first} and {@code second}
   * are two fresh compilers of the same check.
   */
  private static void inBothOrders(
      CompilationTestHelper first,
      String callee,
      String[] calleeLines,
      CompilationTestHelper second,
      String user,
      String[] userLines) {
    first.addSourceLines(callee, calleeLines).addSourceLines(user, userLines).doTest();
    second.addSourceLines(user, userLines).addSourceLines(callee, calleeLines).doTest();
  }

  private static CompilationTestHelper check() {
    return CompilationTestHelper.newInstance(
            BlockingPutUnderLock.class, EffectivelyFinalAcrossFilesTest.class)
        .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");
  }

  private static CompilationTestHelper waitsCount() {
    return CompilationTestHelper.newInstance(
            BlockingPutUnderLock.class, EffectivelyFinalAcrossFilesTest.class)
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:Waits=all");
  }

  /** A wait on a condition kept in a local variable: it gives back the lock the condition is of. */
  private static final String[] BOX = {
    "import java.util.concurrent.locks.Condition;",
    "import java.util.concurrent.locks.Lock;",
    "import java.util.concurrent.locks.ReentrantLock;",
    "class Box {",
    "  final Lock lock = new ReentrantLock();",
    "  private boolean ready;",
    "  void awaitReady() throws InterruptedException {",
    "    Condition changed = lock.newCondition();",
    "    lock.lock();",
    "    try {",
    "      while (!ready) {",
    "        changed.await();",
    "      }",
    "    } finally {",
    "      lock.unlock();",
    "    }",
    "  }",
    "}"
  };

  private static final String[] BOX_USER = {
    "class BoxUser {",
    "  private final Box box = new Box();",
    "  void underTheBoxsOwnLock() throws InterruptedException {",
    "    box.lock.lock();",
    "    try {",
    "      box.awaitReady();",
    "    } finally {",
    "      box.lock.unlock();",
    "    }",
    "  }",
    "}"
  };

  @Test
  void identificationLocalConditionOfACalleeInEitherOrder() {
    inBothOrders(waitsCount(), "Box.java", BOX, waitsCount(), "BoxUser.java", BOX_USER);
  }

  /** A method that takes its lock through a local alias and returns holding it. */
  private static final String[] DOOR = {
    "import java.util.concurrent.locks.Lock;",
    "import java.util.concurrent.locks.ReentrantLock;",
    "class Door {",
    "  private final Lock lock = new ReentrantLock();",
    "  void enter() {",
    "    Lock held = lock;",
    "    held.lock();",
    "  }",
    "  void leave() {",
    "    lock.unlock();",
    "  }",
    "}"
  };

  private static final String[] VISITOR = {
    "import java.util.concurrent.ArrayBlockingQueue;",
    "import java.util.concurrent.BlockingQueue;",
    "class Visitor {",
    "  private final Door door = new Door();",
    "  private final BlockingQueue<String> visits = new ArrayBlockingQueue<>(1);",
    "  void visit() throws InterruptedException {",
    "    door.enter();",
    "    try {",
    "      // BUG: Diagnostic contains: `visits.put(\"door\")` can block while `door.",
    "      visits.put(\"door\");",
    "    } finally {",
    "      door.leave();",
    "    }",
    "  }",
    "}"
  };

  @Test
  void identificationLockTakenThroughACalleesLocalAliasInEitherOrder() {
    inBothOrders(check(), "Door.java", DOOR, check(), "Visitor.java", VISITOR);
  }
}
