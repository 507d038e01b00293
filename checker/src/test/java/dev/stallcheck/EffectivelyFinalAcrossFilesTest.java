package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Findings that read whether a variable of another file keeps its value: the same in either order
 * of the files. javac marks a variable effectively final only when it analyses the flow of its
 * class, and the check of one file may read a class whose flow comes after it.
 */
final class EffectivelyFinalAcrossFilesTest {
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
    waitsCount().addSourceLines("Box.java", BOX).addSourceLines("BoxUser.java", BOX_USER).doTest();
    waitsCount().addSourceLines("BoxUser.java", BOX_USER).addSourceLines("Box.java", BOX).doTest();
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
    check().addSourceLines("Door.java", DOOR).addSourceLines("Visitor.java", VISITOR).doTest();
    check().addSourceLines("Visitor.java", VISITOR).addSourceLines("Door.java", DOOR).doTest();
  }
}
