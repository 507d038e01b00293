package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A task whose helper gives back, through a helper of its own, what another of its helpers took:
 * the helper's summary matches the release with the acquire, and the task leaves nothing open. Each
 * way a release can match an acquire (the same receiver, the implicit {@code this}, a holder the
 * acquire was stored in, the static half of a configured pair) has a balanced task that is silent
 * and a twin whose task only acquires, which is found.
 */
class ReleaseOrderedByTimeoutBalancedHelpersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true");

  @Test
  void identificationReleaseOnTheSameReceiver() {
    helper
        .addSourceLines(
            "Permits.java",
            "import java.util.concurrent.*;",
            "class Permits {",
            "  private final Semaphore permits = new Semaphore(1);",
            "  private void grab() throws InterruptedException { permits.acquire(); }",
            "  private void drop() { permits.release(); }",
            "  private void use() throws InterruptedException { grab(); drop(); }",
            "  void balanced(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { use(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    permits.release();",
            "  }",
            "  void onlyTaken(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { grab(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `permits.acquire()` (line 4)",
            "    permits.release();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationReleaseOnTheImplicitThis() {
    helper
        .addSourceLines(
            "Gate.java",
            "import java.util.concurrent.*;",
            "class Gate extends Semaphore {",
            "  Gate() { super(1); }",
            "  private void enter() throws InterruptedException { acquire(); }",
            "  private void leave() { release(); }",
            "  private void pass() throws InterruptedException { enter(); leave(); }",
            "  void balanced(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { pass(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    release();",
            "  }",
            "  void onlyEntered(ExecutorService ex) throws Exception {",
            "    Future<?> f = ex.submit(() -> { enter(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `acquire()` (line 4)",
            "    release();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationCloseOfTheHolder() {
    helper
        .addSourceLines(
            "demo/Sessions.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Sessions {",
            "  static final class Conn implements AutoCloseable { @Override public void close() {} }",
            "  static final class Pool {",
            "    Conn borrow() { return new Conn(); }",
            "    void giveBack(Conn c) {}",
            "  }",
            "  private final Pool pool = new Pool();",
            "  private void open(Conn[] holder) { holder[0] = pool.borrow(); }",
            "  private void shut(Conn[] holder) { holder[0].close(); }",
            "  private void session(Conn[] holder) { open(holder); shut(holder); }",
            "  void balanced(ExecutorService ex) throws Exception {",
            "    Conn[] holder = new Conn[1];",
            "    Future<?> f = ex.submit(() -> { session(holder); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    pool.giveBack(holder[0]);",
            "  }",
            "  void onlyOpened(ExecutorService ex) throws Exception {",
            "    Conn[] holder = new Conn[1];",
            "    Future<?> f = ex.submit(() -> { open(holder); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `pool.borrow()` (line 10)",
            "    pool.giveBack(holder[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationStaticConfiguredPair() {
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs(
            "-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true",
            "-XepOpt:ReleaseOrderedByTimeout:Pairs=com.acme.Registry#enter:com.acme.Registry#exit")
        .addSourceLines(
            "com/acme/Registry.java",
            "package com.acme;",
            "public final class Registry {",
            "  public static void enter() {}",
            "  public static void exit() {}",
            "}")
        .addSourceLines(
            "com/acme/Visitor.java",
            "package com.acme;",
            "class Visitor {",
            "  private static void in() { Registry.enter(); }",
            "  private static void out() { Registry.exit(); }",
            "  private static void visit() { in(); out(); }",
            "  void balanced() throws Exception {",
            "    Thread t = new Thread(() -> visit());",
            "    t.start();",
            "    t.join(100);",
            "    Registry.exit();",
            "  }",
            "  void onlyEntered() throws Exception {",
            "    Thread t = new Thread(() -> in());",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: the task's `Registry.enter()` (line 3)",
            "    Registry.exit();",
            "  }",
            "}")
        .doTest();
  }
}
