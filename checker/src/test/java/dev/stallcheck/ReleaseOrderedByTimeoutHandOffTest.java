package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** The abandoned hand-off shape, the {@code Pairs} option, helpers, and robustness inputs. */
class ReleaseOrderedByTimeoutHandOffTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true");

  @Test
  void identificationSocketOpenerInAnotherFile() {
    helper
        .addSourceLines(
            "demo/SocketOpener.java",
            "package demo;",
            "import java.io.IOException;",
            "import java.net.Socket;",
            "final class SocketOpener implements Runnable {",
            "  private final String host;",
            "  private final int port;",
            "  private volatile Socket socket;",
            "  SocketOpener(String host, int port) { this.host = host; this.port = port; }",
            "  Socket getSocket() { return socket; }",
            "  @Override public void run() {",
            "    try {",
            "      socket = new Socket(host, port);",
            "    } catch (IOException e) {",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "demo/Connector.java",
            "package demo;",
            "import java.net.Socket;",
            "final class Connector {",
            "  static Socket open(String host, int port, long openTimeoutMillis) throws InterruptedException {",
            "    SocketOpener opener = new SocketOpener(host, port);",
            "    Thread t = new Thread(opener);",
            "    t.start();",
            "    // BUG: Diagnostic contains: if `t.join(openTimeoutMillis)` times out, a `Socket` that the"
                + " task opens afterwards (SocketOpener.java:12) is never closed",
            "    t.join(openTimeoutMillis);",
            "    return opener.getSocket();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationGuardedReleaseIsOrderedButTheLateAcquireIsAbandoned() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.io.Closeable;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.TimeUnit;",
            "class Caller {",
            "  interface Conn extends Closeable {}",
            "  interface Pool { Conn borrow(); void giveBack(Conn c); }",
            "  void run(Pool pool) throws InterruptedException {",
            "    Conn[] holder = new Conn[1];",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    new Thread(() -> { holder[0] = pool.borrow(); done.countDown(); }).start();",
            "    // BUG: Diagnostic contains: if `done.await(300, MILLISECONDS)` times out, a `Conn` that"
                + " the task acquires afterwards (line 11) is never released",
            "    if (done.await(300, TimeUnit.MILLISECONDS)) {",
            "      pool.giveBack(holder[0]);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationCallableReturningSocketThroughFuture() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.net.Socket;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  Socket open(ExecutorService executor, String host) throws Exception {",
            "    Future<Socket> f = executor.submit(() -> new Socket(host, 80));",
            "    try {",
            "      // BUG: Diagnostic contains: a `Socket` that the task opens afterwards (line 6)",
            "      return f.get(2, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "      throw e;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeTaskClosesLateResourceItself() {
    helper
        .addSourceLines(
            "demo/ConnectThread.java",
            "package demo;",
            "import java.io.IOException;",
            "import java.net.Socket;",
            "final class ConnectThread implements Runnable {",
            "  private final String host;",
            "  private Socket socket;",
            "  private boolean abandoned;",
            "  ConnectThread(String host) { this.host = host; }",
            "  @Override public void run() {",
            "    Socket s;",
            "    try { s = new Socket(host, 5432); } catch (IOException e) { return; }",
            "    synchronized (this) {",
            "      if (abandoned) {",
            "        try { s.close(); } catch (IOException ignored) { }",
            "      } else {",
            "        socket = s;",
            "        notify();",
            "      }",
            "    }",
            "  }",
            "  synchronized Socket await(long millis) throws InterruptedException {",
            "    Thread t = new Thread(this);",
            "    t.start();",
            "    wait(millis);",
            "    abandoned = socket == null;",
            "    return socket;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeCallerCancelsAndTaskCleansUp() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.io.IOException;",
            "import java.net.Socket;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  volatile Socket socket;",
            "  void connect(ExecutorService executor, String host) throws Exception {",
            "    Future<?> f = executor.submit(() -> {",
            "      try {",
            "        Socket s = new Socket(host, 80);",
            "        if (Thread.currentThread().isInterrupted()) { s.close(); return; }",
            "        socket = s;",
            "      } catch (IOException e) {",
            "      }",
            "    });",
            "    try {",
            "      f.get(1, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      f.cancel(true);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationConfiguredPairs() {
    CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
        .setArgs(
            "-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true",
            "-XepOpt:ReleaseOrderedByTimeout:Pairs=com.acme.Pool#take:com.acme.Pool#giveBack,"
                + "com.acme.Gate#enter:com.acme.Gate#leave")
        .addSourceLines(
            "com/acme/Pool.java",
            "package com.acme;",
            "public class Pool {",
            "  public Object take() { return new Object(); }",
            "  public void giveBack(Object o) {}",
            "}")
        .addSourceLines(
            "com/acme/Gate.java",
            "package com.acme;",
            "public class Gate {",
            "  public void enter() {}",
            "  public void leave() {}",
            "}")
        .addSourceLines(
            "com/acme/Caller.java",
            "package com.acme;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  void run(Pool pool, Gate gate, Gate otherGate) throws Exception {",
            "    Object[] holder = new Object[1];",
            "    Thread t = new Thread(() -> { holder[0] = pool.take(); gate.enter(); });",
            "    t.start();",
            "    t.join(100);",
            "    // BUG: Diagnostic contains: `pool.giveBack(holder[0])` is ordered after the task's"
                + " `pool.take()` (line 6)",
            "    pool.giveBack(holder[0]);",
            "    // BUG: Diagnostic contains: `gate.leave()` is ordered after the task's `gate.enter()`",
            "    gate.leave();",
            "    otherGate.leave();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeConfiguredPairsAreNotBuiltIn() {
    helper
        .addSourceLines(
            "com/acme/Gate.java",
            "package com.acme;",
            "public class Gate {",
            "  public void enter() {}",
            "  public void leave() {}",
            "}")
        .addSourceLines(
            "com/acme/Caller.java",
            "package com.acme;",
            "class Caller {",
            "  void run(Gate gate) throws Exception {",
            "    Thread t = new Thread(gate::enter);",
            "    t.start();",
            "    t.join(100);",
            "    gate.leave();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationAcquireThroughSameClassHelperAndMethodReference() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  final Semaphore permits = new Semaphore(2);",
            "  interface Lender { AutoCloseable borrow(); void release(AutoCloseable c); }",
            "  private void grab() throws InterruptedException {",
            "    permits.acquire();",
            "  }",
            "  void viaHelper(ExecutorService executor) throws Exception {",
            "    Future<?> f = executor.submit(() -> { grab(); return null; });",
            "    try { f.get(1, TimeUnit.SECONDS); } catch (TimeoutException e) { }",
            "    // BUG: Diagnostic contains: the task's `permits.acquire()` (line 7)",
            "    permits.release();",
            "  }",
            "  void viaMethodReference(ExecutorService executor, Lender lender) throws Exception {",
            "    Future<AutoCloseable> f = executor.submit(lender::borrow);",
            "    AutoCloseable[] late = new AutoCloseable[1];",
            "    try {",
            "      // BUG: Diagnostic contains: a `AutoCloseable` that the task acquires afterwards",
            "      late[0] = f.get(1, TimeUnit.SECONDS);",
            "    } catch (TimeoutException e) {",
            "      return;",
            "    }",
            "    lender.release(late[0]);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void negativeRobustnessInputs() {
    helper
        .addSourceLines(
            "demo/Odd.java",
            "package demo;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "record Odd(int x, Semaphore s) {",
            "  Odd {",
            "    if (x < 0) throw new IllegalArgumentException();",
            "  }",
            "  enum Mode {",
            "    A { @Override void go() {} }, B;",
            "    void go() {",
            "      new Thread(this::go).start();",
            "    }",
            "  }",
            "  <T extends Runnable> void generic(T task, ExecutorService ex) throws Exception {",
            "    ex.submit(task).get(1, TimeUnit.SECONDS);",
            "    s.release();",
            "  }",
            "  void local(ExecutorService ex) throws Exception {",
            "    class Local implements Callable<Integer> {",
            "      public Integer call() throws Exception {",
            "        s.acquire();",
            "        return switch (x) { case 1 -> 1; default -> { yield 2; } };",
            "      }",
            "    }",
            "    Future<Integer> f = ex.submit(new Local());",
            "    f.get();",
            "    s.release();",
            "    Runnable r = () -> {",
            "      Thread t = new Thread(() -> { try { s.acquire(); } catch (InterruptedException e) {} });",
            "      t.start();",
            "      try { t.join(1); } catch (InterruptedException e) {}",
            "    };",
            "    r.run();",
            "    Supplier<Runnable> nested = () -> () -> {};",
            "    ex.execute(nested.get());",
            "    ex.execute(x > 0 ? () -> {} : () -> {});",
            "    new Thread() { @Override public void run() { } }.start();",
            "    Object o = new Object() { void m() throws Exception { ex.submit(() -> 1).get(1, TimeUnit.SECONDS); } };",
            "    for (int i : new int[] {1}) { ex.execute(() -> { }); }",
            "    assert x > 0 : \"x\";",
            "    CompletableFuture.runAsync(Odd::staticTask).orTimeout(1, TimeUnit.SECONDS).join();",
            "  }",
            "  static void staticTask() {}",
            "}")
        .doTest();
  }
}
