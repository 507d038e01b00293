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
            "  interface Waiter { void await(CountDownLatch l); void stop(); }",
            "  static final class QuietWaiter implements Waiter {",
            "    public void await(CountDownLatch l) { awaitQuietly(l); }",
            "    public void stop() {}",
            "  }",
            "  static final Waiter WAITER = new QuietWaiter();",
            "  // BUG: Diagnostic contains: mDirect analysed: true",
            "  void mDirect(Future<?> f) throws Exception { f.get(1, TimeUnit.SECONDS); }",
            "  static void awaitQuietly(CountDownLatch l) {",
            "    try { l.await(1, TimeUnit.SECONDS); } catch (InterruptedException e) {}",
            "  }",
            "  // BUG: Diagnostic contains: mDeep analysed: true",
            "  void mDeep(CountDownLatch l) { helper(l); }",
            "  void helper(CountDownLatch l) { awaitQuietly(l); }",
            "  // BUG: Diagnostic contains: mThroughInterface analysed: true",
            "  void mThroughInterface(CountDownLatch l) { WAITER.await(l); }",
            "  // BUG: Diagnostic contains: mStage analysed: true",
            "  void mStage(CompletableFuture<?> f) { f.orTimeout(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mTimer analysed: true",
            "  void mTimer(Timer t, TimerTask task) { t.schedule(task, 10); }",
            "  // BUG: Diagnostic contains: mTimerHelper analysed: true",
            "  void mTimerHelper(Timer t, TimerTask task) { mTimer(t, task); }",
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

  /**
   * A call of a method that reaches a timeout starts no finding unless it is itself a timed wait or
   * a schedule: a helper that throws on timeout, one that puts a timeout on a future only the
   * helper sees, one that waits on what it was not given, or a method of an interface that code
   * outside the compilation can name, which the compilation implements but never instantiates. An
   * interface no code outside can name reaches the classes the compilation declares for it.
   */
  @Test
  void identificationReachesTimeoutsButNoneStarts() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.Future;",
            "import java.util.concurrent.TimeUnit;",
            "public abstract class Test {",
            "  public interface Waiter { void await(CountDownLatch l); void stop(); }",
            "  static final class QuietWaiter implements Waiter {",
            "    public void await(CountDownLatch l) {",
            "      try { l.await(1, TimeUnit.SECONDS); } catch (InterruptedException e) {}",
            "    }",
            "    public void stop() {}",
            "  }",
            "  void throwsOnTimeout(Future<?> f) throws Exception { f.get(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mThrowingHelper analysed: false",
            "  void mThrowingHelper(Future<?> f) throws Exception { throwsOnTimeout(f); }",
            "  void stage(CompletableFuture<?> f) { f.orTimeout(1, TimeUnit.SECONDS); }",
            "  // BUG: Diagnostic contains: mStageHelper analysed: false",
            "  void mStageHelper(CompletableFuture<?> f) { stage(f); }",
            "  private CountDownLatch own;",
            "  void waitsOnOwn(CountDownLatch ignored) {",
            "    try { own.await(1, TimeUnit.SECONDS); } catch (InterruptedException e) {}",
            "  }",
            "  // BUG: Diagnostic contains: mOtherLatch analysed: false",
            "  void mOtherLatch(CountDownLatch l) { waitsOnOwn(l); }",
            "  // BUG: Diagnostic contains: mNeverCreated analysed: false",
            "  void mNeverCreated(Waiter w, CountDownLatch l) { w.await(l); }",
            "  interface HiddenWaiter { void await(CountDownLatch l); void stop(); }",
            "  static final class QuietHiddenWaiter implements HiddenWaiter {",
            "    public void await(CountDownLatch l) {",
            "      try { l.await(1, TimeUnit.SECONDS); } catch (InterruptedException e) {}",
            "    }",
            "    public void stop() {}",
            "  }",
            "  // BUG: Diagnostic contains: mHiddenNeverCreated analysed: true",
            "  void mHiddenNeverCreated(HiddenWaiter w, CountDownLatch l) { w.await(l); }",
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

  /**
   * The reach goes back only through callees that may be helpers: a method that returns a value and
   * is given nothing that may hold a task is no helper, so its callers are not asked about,
   * although it waits. A helper's shape is enough: one that returns nothing is followed, and so is
   * one given an {@code Object} or a value of a type variable, which it may cast to a task and
   * schedule.
   */
  @Test
  void identificationFollowsOnlyHelperShapedCallees() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "import java.util.concurrent.TimeUnit;",
            "abstract class Test {",
            "  static void awaitQuietly(CountDownLatch l) {",
            "    try { l.await(1, TimeUnit.SECONDS); } catch (InterruptedException e) {}",
            "  }",
            "  // BUG: Diagnostic contains: reachValue reaches: false",
            "  int reachValue(CountDownLatch l) { awaitQuietly(l); return 0; }",
            "  // BUG: Diagnostic contains: reachVoid reaches: true",
            "  void reachVoid(CountDownLatch l) { awaitQuietly(l); }",
            "  // BUG: Diagnostic contains: reachObject reaches: true",
            "  Object reachObject(ScheduledExecutorService s, Object task) {",
            "    return s.schedule((Runnable) task, 1, TimeUnit.SECONDS);",
            "  }",
            "  // BUG: Diagnostic contains: reachTypeVariable reaches: true",
            "  <T> T reachTypeVariable(ScheduledExecutorService s, T task) {",
            "    s.schedule((Runnable) task, 1, TimeUnit.SECONDS);",
            "    return task;",
            "  }",
            "  // BUG: Diagnostic contains: reachCaller reaches: false",
            "  int reachCaller(CountDownLatch l, ScheduledExecutorService s) {",
            "    reachVoid(l);",
            "    reachObject(s, null);",
            "    reachTypeVariable(s, null);",
            "    return reachValue(l);",
            "  }",
            "  void calls(CountDownLatch l, ScheduledExecutorService s) { reachCaller(l, s); }",
            "}")
        .doTest();
  }
}
