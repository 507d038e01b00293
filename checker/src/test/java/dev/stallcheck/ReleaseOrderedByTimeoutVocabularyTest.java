package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The pool verbs recognised as an acquire and its release, each pair in the same race; a release on
 * another pool does not match the task's acquire, and taking an element from a queue is no acquire.
 */
class ReleaseOrderedByTimeoutVocabularyTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
          .addSourceLines(
              "demo/Lenders.java",
              "package demo;",
              "final class Lenders {",
              "  static final class Res {}",
              "  static class Stock { Res take() { return new Res(); } void giveBack(Res r) {} }",
              "  static class Objects {",
              "    Res borrowObject() { return new Res(); }",
              "    void returnObject(Res r) {}",
              "  }",
              "  static class Desk { Res checkout() { return new Res(); } void checkin(Res r) {} }",
              "  static class Leases { Res lease() { return new Res(); } void unlease(Res r) {} }",
              "  static class Workers {",
              "    Res allocateResource() { return new Res(); }",
              "    void releaseWorkerResource(Res r) {}",
              "  }",
              "}");

  /**
   * {@code lender.acquire()} in a thread the caller joins for 100 ms, then a release on {@code
   * lender} (or on {@code other}); {@code beforeWait} and {@code beforeRelease} are the expected
   * diagnostics' comments.
   */
  private static String[] caller(
      String type,
      String acquire,
      String release,
      boolean samePool,
      String beforeWait,
      String beforeRelease) {
    return new String[] {
      "package demo;",
      "class Caller {",
      "  final Lenders." + type + " lender = new Lenders." + type + "();",
      "  final Lenders." + type + " other = new Lenders." + type + "();",
      "  void run() throws Exception {",
      "    Lenders.Res[] r = new Lenders.Res[1];",
      "    Thread t = new Thread(() -> r[0] = lender." + acquire + "());",
      "    t.start();",
      beforeWait,
      "    t.join(100);",
      beforeRelease,
      "    " + (samePool ? "lender" : "other") + "." + release + "(r[0]);",
      "  }",
      "}"
    };
  }

  private void reported(String type, String acquire, String release) {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                type,
                acquire,
                release,
                true,
                "",
                "    // BUG: Diagnostic contains: `lender."
                    + release
                    + "(r[0])` is ordered after the task's `lender."
                    + acquire
                    + "()` (line 7)"))
        .doTest();
  }

  private void releaseOnAnotherPool(String type, String acquire, String release) {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                type,
                acquire,
                release,
                false,
                "    // BUG: Diagnostic contains: a `Res` that the task acquires afterwards (line 7)",
                "    // Recognised as an acquire (abandoned above), but not given back by `other`:"))
        .doTest();
  }

  @Test
  void identificationTakeAndGiveBack() {
    reported("Stock", "take", "giveBack");
  }

  @Test
  void negativeGiveBackToAnotherStock() {
    releaseOnAnotherPool("Stock", "take", "giveBack");
  }

  @Test
  void identificationBorrowObjectAndReturnObject() {
    reported("Objects", "borrowObject", "returnObject");
  }

  @Test
  void negativeReturnObjectToAnotherPool() {
    releaseOnAnotherPool("Objects", "borrowObject", "returnObject");
  }

  @Test
  void identificationCheckoutAndCheckin() {
    reported("Desk", "checkout", "checkin");
  }

  @Test
  void negativeCheckinToAnotherDesk() {
    releaseOnAnotherPool("Desk", "checkout", "checkin");
  }

  @Test
  void identificationLeaseAndUnlease() {
    reported("Leases", "lease", "unlease");
  }

  @Test
  void negativeUnleaseToAnotherLessor() {
    releaseOnAnotherPool("Leases", "lease", "unlease");
  }

  @Test
  void identificationAllocateResourceAndReleaseWorkerResource() {
    reported("Workers", "allocateResource", "releaseWorkerResource");
  }

  @Test
  void negativeReleaseWorkerResourceToAnotherScheduler() {
    releaseOnAnotherPool("Workers", "allocateResource", "releaseWorkerResource");
  }

  /** A queue of idle connections hands out elements: {@code take} is no acquire of a resource. */
  @Test
  void negativeBlockingQueueTakeOfAnAutoCloseable() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            "package demo;",
            "import java.util.concurrent.*;",
            "class Caller {",
            "  static final class Conn implements AutoCloseable {",
            "    @Override public void close() {}",
            "  }",
            "  final BlockingQueue<Conn> idle = new LinkedBlockingQueue<>();",
            "  void run() throws Exception {",
            "    Conn[] c = new Conn[1];",
            "    Thread t = new Thread(() -> {",
            "      try { c[0] = idle.take(); } catch (InterruptedException e) { }",
            "    });",
            "    t.start();",
            "    t.join(100);",
            "    if (c[0] != null) c[0].close();",
            "  }",
            "}")
        .doTest();
  }
}
