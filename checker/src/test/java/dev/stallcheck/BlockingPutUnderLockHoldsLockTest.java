package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A send that code makes only when {@code Thread.holdsLock(m)} is false is not made through a call
 * that holds {@code m}: callers that hold {@code m} are silent, callers that hold another lock are
 * still reported. Each form (an {@code else} branch, an early exit, a negation inside {@code &&},
 * an early exit under {@code ||}) has a silent twin and a reported twin.
 */
final class BlockingPutUnderLockHoldsLockTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /**
   * An edit log's source: {@code methods}, then an enqueue that, when the queue is full, waits on
   * the log's own monitor if the caller holds it (the log's sync thread needs it) and puts
   * otherwise; {@code atPut} is the line written before the put.
   */
  private static String[] editLog(String atPut, String... methods) {
    List<String> lines = new ArrayList<>();
    lines.add("import java.util.concurrent.*;");
    lines.add("public class EditLog {");
    lines.add("  private final BlockingQueue<String> pending = new ArrayBlockingQueue<>(16);");
    lines.addAll(Arrays.asList(methods));
    lines.addAll(
        List.of(
            "  private void enqueue(String edit) {",
            "    try {",
            "      if (!pending.offer(edit)) {",
            "        if (Thread.holdsLock(this)) {",
            "          do {",
            "            this.wait(1000);",
            "          } while (!pending.offer(edit));",
            "        } else {",
            "          " + atPut,
            "          pending.put(edit);",
            "        }",
            "      }",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}"));
    return lines.toArray(String[]::new);
  }

  /**
   * An edit log whose enqueue waits on its own monitor instead of putting when the caller holds it:
   * every call that holds the log's monitor, directly or through a synchronized method, is silent.
   */
  @Test
  void identificationMonitorHeldOnEveryPath() {
    helper
        .addSourceLines(
            "EditLog.java",
            editLog(
                "",
                "  public void logEdit(String edit) {",
                "    synchronized (this) {",
                "      enqueue(edit);",
                "    }",
                "  }",
                "  public synchronized void endSegment() {",
                "    logSyncAll();",
                "  }",
                "  public void logSyncAll() {",
                "    enqueue(\"sync\");",
                "  }"))
        .addSourceLines(
            "Namesystem.java",
            "class Namesystem {",
            "  private final Object tokens = new Object();",
            "  private final EditLog log = new EditLog();",
            "  private int keys;",
            "  void updateKey(String key) {",
            "    synchronized (tokens) {",
            "      keys++;",
            "      log.logEdit(key);",
            "    }",
            "  }",
            "  void rollSegment() {",
            "    synchronized (tokens) {",
            "      log.endSegment();",
            "    }",
            "  }",
            "  int keys() {",
            "    synchronized (tokens) {",
            "      return keys;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The same log called where its monitor is not held: the put is reached with the caller's lock
   * held, both at the call and at the put.
   */
  @Test
  void identificationMonitorNotHeld() {
    helper
        .addSourceLines(
            "EditLog.java",
            editLog(
                "// BUG: Diagnostic contains: a caller holds `tokens`",
                "  public void logSyncAll() {",
                "    enqueue(\"sync\");",
                "  }"))
        .addSourceLines(
            "Namesystem.java",
            "class Namesystem {",
            "  private final Object tokens = new Object();",
            "  private final EditLog log = new EditLog();",
            "  private int keys;",
            "  void expireKeys() {",
            "    synchronized (tokens) {",
            "      keys = 0;",
            "      // BUG: Diagnostic contains: `log.logSyncAll()` can block while `tokens`",
            "      log.logSyncAll();",
            "    }",
            "  }",
            "  int keys() {",
            "    synchronized (tokens) {",
            "      return keys;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * An early exit when a lock is held: a caller holding that lock is silent, one holding another
   * lock is reported, and so is a send on the branch where the lock is held.
   */
  @Test
  void identificationEarlyExit() {
    helper
        .addSourceLines(
            "Mailbox.java",
            "import java.util.concurrent.*;",
            "class Mailbox {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(4);",
            "  private final Object state = new Object();",
            "  private final Object stats = new Object();",
            "  private int delivered;",
            "  void deliver(String message) throws InterruptedException {",
            "    if (Thread.holdsLock(state)) {",
            "      queue.offer(message);",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: a caller holds `stats`",
            "    queue.put(message);",
            "  }",
            "  void redeliver(String message) throws InterruptedException {",
            "    if (Thread.holdsLock(state)) {",
            "      // BUG: Diagnostic contains: a caller holds `state`",
            "      queue.put(message);",
            "    }",
            "  }",
            "  void onEvent(String message) throws InterruptedException {",
            "    synchronized (state) {",
            "      delivered++;",
            "      deliver(message);",
            "    }",
            "  }",
            "  void onRetry(String message) throws InterruptedException {",
            "    synchronized (state) {",
            "      // BUG: Diagnostic contains: `redeliver(message)` can block while `state`",
            "      redeliver(message);",
            "    }",
            "  }",
            "  void onStats(String message) throws InterruptedException {",
            "    synchronized (stats) {",
            "      // BUG: Diagnostic contains: `deliver(message)` can block while `stats`",
            "      deliver(message);",
            "    }",
            "  }",
            "  int delivered() {",
            "    synchronized (state) {",
            "      synchronized (stats) {",
            "        return delivered;",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A negated test inside {@code &&}, on the receiver's monitor: a synchronized method's call is
   * silent; the same test on another object's monitor does not spare the caller's own.
   */
  @Test
  void identificationNegatedConjunction() {
    helper
        .addSourceLines(
            "Outbox.java",
            "import java.util.concurrent.*;",
            "class Outbox {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(4);",
            "  private final Object other = new Object();",
            "  private boolean open = true;",
            "  void send(String message) throws InterruptedException {",
            "    if (open && !Thread.holdsLock(this)) {",
            "      queue.put(message);",
            "    }",
            "  }",
            "  void sendUnlessOther(String message) throws InterruptedException {",
            "    if (!Thread.holdsLock(other) && open) {",
            "      // BUG: Diagnostic contains: a caller holds `Outbox.this`",
            "      queue.put(message);",
            "    }",
            "  }",
            "  synchronized void close(String last) throws InterruptedException {",
            "    open = false;",
            "    send(last);",
            "  }",
            "  synchronized void drain(String last) throws InterruptedException {",
            "    open = false;",
            "    // BUG: Diagnostic contains: `sendUnlessOther(last)` can block while `this`",
            "    sendUnlessOther(last);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A callee that sends, and then, holding its own monitor, calls a helper that sends only without
   * that monitor: the caller's lock is reported at the first send and not at the helper's.
   */
  @Test
  void identificationSendNotReachedBelowTheCall() {
    helper
        .addSourceLines(
            "Relay.java",
            "import java.util.concurrent.*;",
            "class Relay {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(4);",
            "  private final BlockingQueue<String> audit = new ArrayBlockingQueue<>(4);",
            "  void forward(String message) throws InterruptedException {",
            "    // BUG: Diagnostic contains: a caller holds `routes`",
            "    out.put(message);",
            "    synchronized (this) {",
            "      record(message);",
            "    }",
            "  }",
            "  private void record(String message) throws InterruptedException {",
            "    if (!Thread.holdsLock(this)) {",
            "      audit.put(message);",
            "    }",
            "  }",
            "  int pending() {",
            "    synchronized (this) {",
            "      return out.size();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Router.java",
            "class Router {",
            "  private final Object routes = new Object();",
            "  private final Relay relay = new Relay();",
            "  private int routed;",
            "  void route(String message) throws InterruptedException {",
            "    synchronized (routes) {",
            "      routed++;",
            "      // BUG: Diagnostic contains: `relay.forward(message)` can block while `routes`",
            "      relay.forward(message);",
            "    }",
            "  }",
            "  int routed() {",
            "    synchronized (routes) {",
            "      return routed;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * An early exit under {@code ||}: past {@code if (Thread.holdsLock(m) || closed) return;} the
   * monitor is not held, so a caller holding it is silent and one holding another lock is not.
   */
  @Test
  void identificationEarlyExitOnDisjunction() {
    helper
        .addSourceLines(
            "Journal.java",
            "import java.util.concurrent.*;",
            "class Journal {",
            "  private final BlockingQueue<String> entries = new ArrayBlockingQueue<>(4);",
            "  private final Object index = new Object();",
            "  private volatile boolean closed;",
            "  void append(String entry) throws InterruptedException {",
            "    if (Thread.holdsLock(index) || closed) {",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: a caller holds `Journal.this`",
            "    entries.put(entry);",
            "  }",
            "  void reindex(String entry) throws InterruptedException {",
            "    synchronized (index) {",
            "      append(entry);",
            "    }",
            "  }",
            "  synchronized void rewrite(String entry) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `append(entry)` can block while `this`",
            "    append(entry);",
            "  }",
            "  synchronized void close() {",
            "    closed = true;",
            "  }",
            "  int indexed() {",
            "    synchronized (index) {",
            "      return entries.size();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
