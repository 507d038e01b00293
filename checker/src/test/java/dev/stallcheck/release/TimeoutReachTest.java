package dev.stallcheck.release;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** {@link TimeoutReach} seen through {@link TimeoutReachProbe}. */
final class TimeoutReachTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TimeoutReachProbe.class, getClass());

  @Test
  void identificationReachesTimeouts() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.Timer;",
            "import java.util.TimerTask;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "abstract class Test {",
            "  interface Waiter { void await(Future<?> f) throws Exception; }",
            "  static final class TimedWaiter implements Waiter {",
            "    public void await(Future<?> f) throws Exception { f.get(1, TimeUnit.SECONDS); }",
            "  }",
            "  // BUG: Diagnostic contains: mDirect analysed: true",
            "  void mDirect(Future<?> f) throws Exception { f.get(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mLatch analysed: true",
            "  void mLatch(CountDownLatch l) throws Exception { l.await(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mDeep analysed: true",
            "  void mDeep(Future<?> f) throws Exception { helper(f); }",
            "  void helper(Future<?> f) throws Exception { mDirect(f); }",
            "  // BUG: Diagnostic contains: mThroughInterface analysed: true",
            "  void mThroughInterface(Waiter w, Future<?> f) throws Exception { w.await(f); }",
            "  // BUG: Diagnostic contains: mStage analysed: true",
            "  void mStage(CompletableFuture<?> f) { f.orTimeout(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mTimer analysed: true",
            "  void mTimer(Timer t, TimerTask task) { t.schedule(task, 10); }",
            "  // BUG: Diagnostic contains: mTimerHelper analysed: true",
            "  void mTimerHelper(Timer t, TimerTask task) { mTimer(t, task); }",
            "  // BUG: Diagnostic contains: mStageOnly analysed: true",
            "  void mStageOnly(CompletableFuture<?> f) { mStage(f); }",
            "  boolean scheduled(Timer t, TimerTask task) { t.schedule(task, 10); return true; }",
            "  // BUG: Diagnostic contains: mValueSchedulingHelper analysed: true",
            "  boolean mValueSchedulingHelper(Timer t, TimerTask task) { return scheduled(t, task); }",
            "  // BUG: Diagnostic contains: mOuter analysed: false",
            "  Runnable mOuter(Future<?> f) {",
            "    return new Runnable() {",
            "      public void run() { mInner(); }",
            "      // BUG: Diagnostic contains: mInner analysed: true",
            "      void mInner() {",
            "        try { f.get(1, TimeUnit.SECONDS); } catch (Exception e) {}",
            "      }",
            "    };",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationCannotReachTimeouts() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.Map;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "class Test {",
            "  static final class Other {",
            "    void await(Future<?> f) throws Exception { f.get(1, TimeUnit.SECONDS); }",
            "  }",
            "  static final class Mine {",
            "    void await(Future<?> f) {}",
            "  }",
            "  // BUG: Diagnostic contains: mMapGet analysed: false",
            "  Object mMapGet(Map<String, Object> m) { return m.get(\"k\"); }",
            "  // BUG: Diagnostic contains: mUntimed analysed: false",
            "  Object mUntimed(Future<?> f, CountDownLatch l) throws Exception {",
            "    l.await();",
            "    return f.get();",
            "  }",
            "  // BUG: Diagnostic contains: mSameNameOtherClass analysed: false",
            "  void mSameNameOtherClass(Mine m, Future<?> f) throws Exception { m.await(f); }",
            "  private Future<?> pending;",
            "  void waitsOnItsOwn() throws Exception { pending.get(1, TimeUnit.SECONDS); }",
            "  Object valueAfterWait(Future<?> f) throws Exception { return f.get(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mCallsValueHelper analysed: false",
            "  Object mCallsValueHelper(Future<?> f) throws Exception { return valueAfterWait(f); }",
            "  java.util.TimerTask scheduleOwnTask(java.util.Timer t) {",
            "    java.util.TimerTask task = new java.util.TimerTask() { public void run() {} };",
            "    t.schedule(task, 10);",
            "    return task;",
            "  }",
            "  // BUG: Diagnostic contains: mGivesNoTask analysed: false",
            "  Object mGivesNoTask(java.util.Timer t) { return scheduleOwnTask(t); }",
            "  // BUG: Diagnostic contains: mCallsWithoutArgument analysed: false",
            "  void mCallsWithoutArgument() throws Exception { waitsOnItsOwn(); }",
            "  // BUG: Diagnostic contains: mWaitsInLambda analysed: false",
            "  Runnable mWaitsInLambda() {",
            "    return () -> {",
            "      try { pending.get(1, TimeUnit.SECONDS); } catch (Exception e) {}",
            "    };",
            "  }",
            "  void waitsOn(Future<?> f) throws Exception { f.get(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mHelperInLambda analysed: false",
            "  Runnable mHelperInLambda(Future<?> f) {",
            "    return () -> {",
            "      try { waitsOn(f); } catch (Exception e) {}",
            "    };",
            "  }",
            "}")
        .doTest();
  }
}
