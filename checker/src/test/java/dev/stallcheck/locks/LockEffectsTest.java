package dev.stallcheck.locks;

import com.google.errorprone.CompilationTestHelper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Method lock effects ({@link LockEffects}) seen through {@link LockProbe}: helpers at any depth,
 * recursion, overrides, locks on parameters, and templates that run their callback later.
 */
final class LockEffectsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LockProbe.class, getClass())
          .addSourceLines(
              "Probes.java",
              "final class Probes {",
              "  static void probe() {}",
              "  static void timing() {}",
              "}");

  @Test
  void identificationHelpersAtAnyDepth() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final Lock lock = new ReentrantLock();",
            "  private void take() { lock.lock(); }",
            "  private void takeViaTake() { take(); }",
            "  private void give() { lock.unlock(); }",
            "  void caller() {",
            "    takeViaTake();",
            "    // BUG: Diagnostic contains: held: lock this(Test).lock `lock`@8",
            "    Probes.probe();",
            "    give();",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationBracketsLeaveNothingHeldAndNearBracketsStillCount() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final Lock lock = new ReentrantLock();",
            "  final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  private void take() { lock.lock(); }",
            "  private void work() {}",
            "  private void bracketed() { lock.lock(); try { work(); } finally { lock.unlock(); } }",
            "  private void otherMode() {",
            "    rw.readLock().lock();",
            "    try {} finally { rw.writeLock().unlock(); }",
            "  }",
            "  private void thenTake() {",
            "    lock.lock();",
            "    try {} finally { lock.unlock(); }",
            "    take();",
            "  }",
            "  void caller() {",
            "    bracketed();",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "    otherMode();",
            "    // BUG: Diagnostic contains: held: read lock this(Test).rw",
            "    Probes.probe();",
            "    rw.readLock().unlock();",
            "    thenTake();",
            "    // BUG: Diagnostic contains: held: lock this(Test).lock",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A body's calls are its own code's, wherever a class it declares splits them; the calls of that
   * class's methods are not the body's.
   */
  @Test
  void identificationCallsAroundNestedClasses() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final Lock lock = new ReentrantLock();",
            "  final Lock other = new ReentrantLock();",
            "  private void takeAroundClass() {",
            "    lock.lock();",
            "    Runnable r = new Runnable() { public void run() { other.lock(); } };",
            "    work();",
            "  }",
            "  private void work() {}",
            "  private void takeInClassOnly() {",
            "    Runnable r = new Runnable() { public void run() { other.lock(); } };",
            "  }",
            "  void caller() {",
            "    takeInClassOnly();",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "    takeAroundClass();",
            "    // BUG: Diagnostic contains: held: lock this(Test).lock `lock`@18",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationRecursionTerminatesAndKeepsWhatEachPassTakes() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  final Lock lock = new ReentrantLock();",
            "  private void ping(int n) { if (n > 0) pong(n - 1); lock.lock(); }",
            "  private void pong(int n) { ping(n); lock.unlock(); }",
            "  void caller() {",
            "    ping(3);",
            "    // BUG: Diagnostic contains: held: lock this(Test).lock",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A cycle whose members' effects depend on each other: {@code enter} takes the lock and calls
   * {@code check}, which releases it when stopped (and then may enter again), so {@code enter} does
   * not surely hold the lock at its exit. Whichever is asked about first, {@code enter} is solved
   * first (the fixed order), while {@code check} still counts as doing nothing; the second round
   * solves {@code enter} again with {@code check}'s effect.
   */
  @Test
  void identificationCycleMembersAgreeWhicheverIsAskedFirst() {
    helper
        .addSourceLines("CheckAskedFirst.java", enterAndCheck("CheckAskedFirst", true, "check(0);"))
        .addSourceLines("EnterAskedFirst.java", enterAndCheck("EnterAskedFirst", true, ""))
        .doTest();
  }

  /**
   * The positive twin: where the other member of the cycle releases nothing, its entry still
   * returns holding the lock it takes, whichever is asked about first.
   */
  @Test
  void identificationCycleMembersKeepALockTheyTakeBack() {
    helper
        .addSourceLines(
            "CheckAskedFirst.java", enterAndCheck("CheckAskedFirst", false, "check(0);"))
        .addSourceLines("EnterAskedFirst.java", enterAndCheck("EnterAskedFirst", false, ""))
        .doTest();
  }

  private static String[] enterAndCheck(String name, boolean checkReleases, String askFirst) {
    return new String[] {
      "import java.util.concurrent.locks.*;",
      "class " + name + " {",
      "  final Lock lock = new ReentrantLock();",
      "  volatile boolean stopped;",
      "  private void enter(int n) { lock.lock(); check(n); }",
      "  private void check(int n) {",
      checkReleases ? "    if (stopped) { lock.unlock(); if (n > 0) enter(n - 1); }" : "",
      checkReleases ? "" : "    if (stopped && n > 0) enter(n - 1);",
      "  }",
      "  void caller() {",
      "    " + askFirst,
      "    enter(3);",
      checkReleases
          ? "    // BUG: Diagnostic contains: held: none"
          : "    // BUG: Diagnostic contains: held: lock this(" + name + ").lock",
      "    Probes.probe();",
      "  }",
      "}"
    };
  }

  /**
   * A cycle of three where the second round alone would not agree: asked about {@code c} first, the
   * search enters at {@code c} and finds {@code b} first, so a one-pass solve in that order has
   * {@code a} read {@code b} before {@code b} sees {@code c}'s release. The fixed order (from
   * {@code a}, callees first: {@code c}, {@code b}, {@code a}) is the same for both classes.
   */
  @Test
  void identificationCycleOrderDoesNotDependOnTheFirstQuestion() {
    helper
        .addSourceLines("AskedAtC.java", threeCycle("AskedAtC", "c(0);"))
        .addSourceLines("AskedAtA.java", threeCycle("AskedAtA", ""))
        .doTest();
  }

  private static String[] threeCycle(String name, String askFirst) {
    return new String[] {
      "import java.util.concurrent.locks.*;",
      "class " + name + " {",
      "  final Lock lock = new ReentrantLock();",
      "  volatile boolean stopped;",
      "  private void a(int n) { lock.lock(); b(n); }",
      "  private void b(int n) { c(n); }",
      "  private void c(int n) {",
      "    if (stopped) lock.unlock();",
      "    if (n > 0) a(n - 1);",
      "  }",
      "  void caller() {",
      "    " + askFirst,
      "    a(3);",
      "    // BUG: Diagnostic contains: held: none",
      "    Probes.probe();",
      "  }",
      "}"
    };
  }

  /**
   * A body that runs for two members of one cycle: {@code Sub.enter}'s, for itself and for {@code
   * Base.enter}, which it overrides. It read {@code check} before {@code check} was solved, so the
   * second round reads it again, and both members take its new effect, not only the one it was
   * first read for.
   */
  @Test
  void identificationBodySharedByTwoMembersIsReadAgainForBoth() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "abstract class Base { abstract void enter(int n); }",
            "class Sub extends Base {",
            "  final Lock lock = new ReentrantLock();",
            "  volatile boolean stopped;",
            "  Base next;",
            "  void enter(int n) { lock.lock(); check(n); }",
            "  private void check(int n) {",
            "    if (stopped) {",
            "      lock.unlock();",
            "      if (n > 1) next.enter(n - 1);",
            "      if (n > 2) enter(n - 2);",
            "    }",
            "  }",
            "}",
            "class Test {",
            "  void caller(Base base) {",
            "    base.enter(3);",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A solve that starts inside another: {@code evict}'s dataflow asks about the {@code hasNext()}
   * of its for-each loop, a call its source does not show, so the graph of {@code evict}'s cycle
   * does not list it either. The compilation's {@code hasNext()} calls back into {@code evict}, not
   * yet solved: that read counts as doing nothing and is not the inner solve's to read again.
   */
  @Test
  void identificationSolveInsideASolveReadsTheOuterCycleOnce() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.locks.*;",
            "class Cache {",
            "  final Lock lock = new ReentrantLock();",
            "  final List<String> items = new ArrayList<>();",
            "  volatile boolean stopped;",
            "  void evict() {",
            "    lock.lock();",
            "    for (String item : items) {}",
            "    run();",
            "  }",
            "  void run() { if (stopped) evict(); }",
            "}",
            "class Walk implements Iterator<String> {",
            "  Cache cache;",
            "  public boolean hasNext() { cache.evict(); return false; }",
            "  public String next() { return null; }",
            "}",
            "class Test {",
            "  void caller(Cache cache) {",
            "    cache.evict();",
            "    // BUG: Diagnostic contains: held: lock cache.lock",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A cycle whose effect grows each time it is solved ({@code next.lockAll()} holds one lock more
   * than the solve before) is solved twice, not to a fixpoint: two locks.
   */
  @Test
  void identificationCycleWhoseEffectNeverSettlesIsSolvedTwice() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Node {",
            "  final Lock lock = new ReentrantLock();",
            "  Node next;",
            "  void lockAll() { next.lockAll(); lock.lock(); }",
            "}",
            "class Test {",
            "  void caller(Node node) {",
            "    node.lockAll();",
            "    // BUG: Diagnostic contains: held: lock node.next.lock `node.next.lock`@9,"
                + " lock node.lock `node.lock`@9",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationOverridesMustAllTakeTheLock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "abstract class Base {",
            "  final Lock lock = new ReentrantLock();",
            "  abstract void enter();",
            "}",
            "class Locking extends Base {",
            "  @Override void enter() { lock.lock(); }",
            "}",
            "class NotLocking extends Base {",
            "  @Override void enter() {}",
            "}",
            "class Test {",
            "  void mayNotLock(Base base) {",
            "    base.enter();",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "  }",
            "  void locks(Locking locking) {",
            "    locking.enter();",
            "    // BUG: Diagnostic contains: held: lock locking.lock `locking.lock`@19",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationLocksOnParametersAndStatics() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  static final Lock GLOBAL = new ReentrantLock();",
            "  final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  static void lockIt(Lock l) { l.lock(); }",
            "  static void unlockIt(Lock l) { l.unlock(); }",
            "  static void lockGlobal() { GLOBAL.lock(); }",
            "  private void lockLocal() { Lock mine = new ReentrantLock(); mine.lock(); }",
            "  void caller() {",
            "    lockIt(rw.writeLock());",
            "    // BUG: Diagnostic contains: held: write lock this(Test).rw `rw.writeLock()`@10",
            "    Probes.probe();",
            "    unlockIt(rw.writeLock());",
            "    lockGlobal();",
            "    lockLocal();",
            "    // BUG: Diagnostic contains: held: lock Test.class.GLOBAL `GLOBAL`@14",
            "    Probes.probe();",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Effects that only reach their lock through an interface's one implementation, a lambda the
   * helper writes, or a constructor's helper: the edges through which {@link LockEffects} decides
   * which methods may have an effect at all. A method that reaches no lock has none.
   */
  @Test
  void identificationEffectsThroughDispatchLambdasAndConstructors() {
    helper.addSourceLines("Test.java", effectsAfterAChainOf(0)).doTest();
  }

  /**
   * The same once {@link LockEffects} has read enough bodies to make its reach of the lock
   * operations: a chain of helpers longer than {@link LockEffects#BODIES_BEFORE_REACH}, solved
   * first, whose last one takes the lock (found through the chain, whose last helpers are read
   * after the reach is made), and then the cases above.
   */
  @Test
  void identificationTheSameOnceTheReachIsMade() {
    helper
        .addSourceLines("Test.java", effectsAfterAChainOf(LockEffects.BODIES_BEFORE_REACH + 10))
        .doTest();
  }

  private static String[] effectsAfterAChainOf(int helpers) {
    List<String> lines = new ArrayList<>();
    lines.addAll(
        List.of(
            "import java.util.concurrent.locks.*;",
            "interface Step { void go(); }",
            "class Taking implements Step {",
            "  static final Lock LOCK = new ReentrantLock();",
            "  public void go() { LOCK.lock(); }",
            "}",
            "class Opener {",
            "  Opener() { open(); }",
            "  private static void open() { Taking.LOCK.lock(); }",
            "}",
            "class Test {"));
    if (helpers > 0) {
      lines.addAll(
          List.of(
              "  void chained() {",
              "    step0();",
              "    // BUG: Diagnostic contains: held: lock Taking.class.LOCK",
              "    Probes.probe();",
              "  }"));
      for (int i = 0; i < helpers - 1; i++) {
        lines.add("  private void step" + i + "() { step" + (i + 1) + "(); }");
      }
      lines.add("  private void step" + (helpers - 1) + "() { Taking.LOCK.lock(); }");
    }
    lines.addAll(
        List.of(
            "  private void viaStep(Step step) { step.go(); }",
            "  private void viaLambda() { Runnable r = () -> {}; r.run(); Taking.LOCK.lock(); }",
            "  private void nothing(Step step) { step.toString(); }",
            "  void dispatched(Step step) {",
            "    nothing(step);",
            "    // BUG: Diagnostic contains: held: none",
            "    Probes.probe();",
            "    viaStep(step);",
            "    // BUG: Diagnostic contains: held: lock Taking.class.LOCK",
            "    Probes.probe();",
            "  }",
            "  void throughLambda() {",
            "    viaLambda();",
            "    // BUG: Diagnostic contains: held: lock Taking.class.LOCK",
            "    Probes.probe();",
            "  }",
            "  void constructed() {",
            "    new Opener();",
            "    // BUG: Diagnostic contains: held: lock Taking.class.LOCK",
            "    Probes.probe();",
            "  }",
            "}"));
    return lines.toArray(String[]::new);
  }

  @Test
  void identificationTemplateTiming() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  final ExecutorService executor = Executors.newSingleThreadExecutor();",
            "  void now(Runnable r) { r.run(); }",
            "  void nowThroughAnother(Runnable r) { now(r); }",
            "  void later(Runnable r) { executor.execute(() -> r.run()); }",
            "  void stored(Runnable r) { executor.execute(r); }",
            "  void caller() {",
            "    // BUG: Diagnostic contains: timing: IMMEDIATE",
            "    now(() -> Probes.timing());",
            "    // BUG: Diagnostic contains: timing: IMMEDIATE",
            "    nowThroughAnother(() -> Probes.timing());",
            "    // BUG: Diagnostic contains: timing: DEFERRED",
            "    later(() -> Probes.timing());",
            "    // BUG: Diagnostic contains: timing: DEFERRED",
            "    stored(() -> Probes.timing());",
            "  }",
            "}")
        .doTest();
  }
}
