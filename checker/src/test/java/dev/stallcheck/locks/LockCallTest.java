package dev.stallcheck.locks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link LockCall}: which calls take and release which lock, in the lock model's names. */
final class LockCallTest {
  /**
   * Test-only: at each lock call, "takes KIND PATH", or "releases" and the lines of the method's
   * earlier taking calls whose lock it releases.
   */
  @BugPattern(summary = "Prints LockCall for tests", severity = WARNING)
  public static final class LockCallProbe extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      TreePath method = state.getPath();
      List<LockCall> taken = new ArrayList<>();
      List<Long> takenLines = new ArrayList<>();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          super.visitMethodInvocation(call, null);
          Optional<LockCall> lockCall = LockCall.of(call, method, state);
          if (lockCall.isEmpty()) {
            return null;
          }
          long line =
              method.getCompilationUnit().getLineMap().getLineNumber(state.getEndPosition(call));
          String message;
          if (lockCall.get().takes()) {
            taken.add(lockCall.get());
            takenLines.add(line);
            message =
                "takes " + lockCall.get().lock().kind().noun() + " " + lockCall.get().lock().path();
          } else {
            List<Long> released = new ArrayList<>();
            for (int i = 0; i < taken.size(); i++) {
              if (lockCall.get().releases(taken.get(i).lock())) {
                released.add(takenLines.get(i));
              }
            }
            message = "releases " + released;
          }
          state.reportMatch(buildDescription(call).setMessage(message).build());
          return null;
        }
      }.scan(method, null);
      return Description.NO_MATCH;
    }
  }

  @Test
  void identification() {
    CompilationTestHelper.newInstance(LockCallProbe.class, getClass())
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final Lock lock = new ReentrantLock();",
            "  final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  final StampedLock sl = new StampedLock();",
            "  void f(long read) {",
            "    Lock alias = lock;",
            "    // BUG: Diagnostic contains: takes lock this(Test).lock",
            "    alias.lock();",
            "    // BUG: Diagnostic contains: releases [9]",
            "    this.lock.unlock();",
            "    // BUG: Diagnostic contains: takes lock this(Test).lock",
            "    if (lock.tryLock()) {",
            "      // BUG: Diagnostic contains: releases [9, 13]",
            "      lock.unlock();",
            "    }",
            "    // BUG: Diagnostic contains: takes write lock this(Test).rw",
            "    rw.writeLock().lock();",
            "    // BUG: Diagnostic contains: releases []",
            "    rw.readLock().unlock();",
            "    // BUG: Diagnostic contains: takes stamped write lock this(Test).sl",
            "    long w = sl.tryConvertToWriteLock(read);",
            "    // BUG: Diagnostic contains: takes stamped read lock this(Test).sl",
            "    long r = sl.readLock();",
            "    // BUG: Diagnostic contains: releases [22, 24]",
            "    sl.unlock(w);",
            "    // BUG: Diagnostic contains: releases [24]",
            "    sl.unlockRead(r);",
            "    // A view is no lock call: readLock() of a ReadWriteLock takes nothing.",
            "    Lock view = rw.readLock();",
            "    view.toString();",
            "  }",
            "}")
        .doTest();
  }
}
