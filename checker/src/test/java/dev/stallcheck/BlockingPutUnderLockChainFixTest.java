package dev.stallcheck;

import static dev.stallcheck.TestSources.inserted;
import static dev.stallcheck.TestSources.replaced;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Findings reached through calls are fixed at the send (issue 11): the send's file carries a second
 * finding with the fix, one per send however many calls reach it, and the call's finding then
 * offers nothing that patch mode would write beside that fix. Every replacement's output is
 * compiled again with the check and must leave no finding.
 */
final class BlockingPutUnderLockChainFixTest {
  /** The question the last-resort suppression asks. */
  static final String WHY = "TODO: why is blocking under this lock safe here?";

  private static final String STRICT = "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true";

  private static final String[] GATEWAY = {
    "import java.util.List;",
    "import java.util.concurrent.CopyOnWriteArrayList;",
    "import java.util.concurrent.locks.ReadWriteLock;",
    "import java.util.concurrent.locks.ReentrantReadWriteLock;",
    "class Gateway {",
    "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
    "  private final List<User> users = new CopyOnWriteArrayList<>();",
    "  void broadcastToRoom(String msg) {",
    "    membersLock.readLock().lock();",
    "    try {",
    "      for (User user : users) {",
    "        user.sendMsg(msg);",
    "      }",
    "    } finally {",
    "      membersLock.readLock().unlock();",
    "    }",
    "  }",
    "}"
  };

  private static final String[] USER = {"interface User {", "  void sendMsg(String msg);", "}"};

  private static final String[] USER_DEVICE = {
    "class UserDevice implements User {",
    "  private final Connection connection = new Connection();",
    "  @Override",
    "  public void sendMsg(String msg) {",
    "    connection.write(msg.getBytes());",
    "  }",
    "  static User create() { return new UserDevice(); }",
    "}"
  };

  private static final String[] CONNECTION = {
    "import java.util.concurrent.*;",
    "class Connection {",
    "  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(10);",
    "  void write(byte[] data) {",
    "    try {",
    "      writer.put(data);",
    "    } catch (InterruptedException e) {",
    "      Thread.currentThread().interrupt();",
    "    }",
    "  }",
    "}"
  };

  private static final String[] CONNECTION_FIXED = {
    "import java.util.concurrent.*;",
    "class Connection {",
    "  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(10);",
    "  void write(byte[] data) {",
    "    if (!writer.offer(data)) {",
    "      throw new IllegalStateException(\"writer is full\");",
    "    }",
    "  }",
    "}"
  };

  private static final String SEND_MESSAGE =
      "`writer.put(data)` can block while a caller holds `membersLock.readLock()`:"
          + " `user.sendMsg(msg)` (Gateway.java:13) reaches it with that lock held";

  private static CompilationTestHelper compile() {
    return CompilationTestHelper.newInstance(
            BlockingPutUnderLock.class, BlockingPutUnderLockChainFixTest.class)
        .setArgs(STRICT);
  }

  private static BugCheckerRefactoringTestHelper refactor() {
    return BugCheckerRefactoringTestHelper.newInstance(
            BlockingPutUnderLock.class, BlockingPutUnderLockChainFixTest.class)
        .setArgs(STRICT);
  }

  @Test
  void identificationGatewayReportsTheSendInItsOwnFile() {
    compile()
        .addSourceLines(
            "Gateway.java",
            inserted(GATEWAY, 12, "        // BUG: Diagnostic contains: UserDevice.sendMsg"))
        .addSourceLines("User.java", USER)
        .addSourceLines("UserDevice.java", USER_DEVICE)
        .addSourceLines(
            "Connection.java",
            inserted(CONNECTION, 6, "      // BUG: Diagnostic contains: " + SEND_MESSAGE))
        .doTest();
  }

  /** javac checks files in the order given: the send's file first must find the same callers. */
  @Test
  void identificationSendFileCheckedBeforeTheCallersFile() {
    compile()
        .addSourceLines(
            "Connection.java",
            inserted(CONNECTION, 6, "      // BUG: Diagnostic contains: " + SEND_MESSAGE))
        .addSourceLines("UserDevice.java", USER_DEVICE)
        .addSourceLines("User.java", USER)
        .addSourceLines(
            "Gateway.java",
            inserted(GATEWAY, 12, "        // BUG: Diagnostic contains: UserDevice.sendMsg"))
        .doTest();
  }

  /** BlockingPutUnderLock.md, "Fixing a chain at the send": the before and after it shows. */
  @Test
  void replacementGatewayFixesTheSendAndNothingElse() {
    refactor()
        .addInputLines("Gateway.java", GATEWAY)
        .expectUnchanged()
        .addInputLines("User.java", USER)
        .expectUnchanged()
        .addInputLines("UserDevice.java", USER_DEVICE)
        .expectUnchanged()
        .addInputLines("Connection.java", CONNECTION)
        .addOutputLines("Connection.java", CONNECTION_FIXED)
        .doTest();
    compile()
        .addSourceLines("Gateway.java", GATEWAY)
        .addSourceLines("User.java", USER)
        .addSourceLines("UserDevice.java", USER_DEVICE)
        .addSourceLines("Connection.java", CONNECTION_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  /** Many calls under locks reach one send: one finding there, naming the first call. */
  @Test
  void identificationOneFindingPerSendHoweverManyCallers() {
    compile()
        .addSourceLines(
            "Hub.java",
            "class Hub {",
            "  private final Object lock = new Object();",
            "  void a(Box box) {",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: Box.send",
            "      box.send(\"a\");",
            "    }",
            "  }",
            "  synchronized void b(Box box) {",
            "    // BUG: Diagnostic contains: Box.send",
            "    box.send(\"b\");",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() {",
            "    synchronized (lock) {",
            "      closed = true;",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Box.java",
            "import java.util.concurrent.*;",
            "class Box {",
            "  private final BlockingQueue<String> q = new LinkedBlockingQueue<>(4);",
            "  void send(String s) {",
            "    // BUG: Diagnostic contains: holds `lock`: `box.send(\"a\")` (Hub.java:6) reaches it"
                + " with that lock held, and every thread that needs it stalls until the send"
                + " completes (1 more call does the same)",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * The first call is the first in the files, whatever the callee it names: each of eight callers
   * reaches the send through a route of its own, and the first in Hub.java takes the last route.
   */
  @Test
  void identificationFirstCallerInFileOrderThroughDifferentCallees() {
    StringBuilder hub = new StringBuilder("class Hub {\n");
    for (int i = 8; i >= 1; i--) {
      hub.append("  synchronized void caller").append(i).append("(Box box) {\n");
      hub.append("    // BUG: Diagnostic contains: Box.send\n");
      hub.append("    box.route").append(i).append("(\"m\");\n");
      hub.append("  }\n");
    }
    hub.append("  private boolean closed;\n");
    hub.append("  synchronized void close() { closed = true; }\n");
    hub.append("}\n");
    StringBuilder box = new StringBuilder("import java.util.concurrent.*;\nclass Box {\n");
    box.append("  private final BlockingQueue<String> q = new LinkedBlockingQueue<>(4);\n");
    for (int i = 1; i <= 8; i++) {
      box.append("  void route").append(i).append("(String s) { send(s); }\n");
    }
    box.append("  void send(String s) {\n");
    box.append(
        "    // BUG: Diagnostic contains: `box.route8(\"m\")` (Hub.java:4) reaches it with that"
            + " lock held, and every thread that needs it stalls until the send completes (7 more"
            + " calls do the same)\n");
    box.append(
        "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }\n");
    box.append("  }\n}\n");
    compile()
        .addSourceLines("Hub.java", hub.toString().split("\n"))
        .addSourceLines("Box.java", box.toString().split("\n"))
        .doTest();
  }

  private static final String[] HUB = {
    "class Hub {",
    "  synchronized void publish(Sender s) {",
    "    s.send(\"x\");",
    "  }",
    "  static Sender[] all() { return new Sender[] {new Alpha(), new Zeta()}; }",
    "  private boolean closed;",
    "  synchronized void close() { closed = true; }",
    "}"
  };

  private static final String[] SENDER = {"interface Sender { void send(String m); }"};

  private static String[] sender(String name, String send) {
    return new String[] {
      "import java.util.concurrent.*;",
      "class " + name + " implements Sender {",
      "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
      "  public void send(String m) {",
      send,
      "  }",
      "}"
    };
  }

  private static final String PUT =
      "    try { q.put(m); } catch (InterruptedException e) { throw new RuntimeException(e); }";
  private static final String[] OFFER = {
    "    if (!q.offer(m)) {", "      throw new IllegalStateException(\"q is full\");", "    }"
  };

  /** The message names one implementation; both are reported and both are fixed. */
  @Test
  void identificationInterfaceWithTwoImplementations() {
    // A caller's synchronized method is named with its class: `this` would be the send's object.
    compile()
        .addSourceLines("Hub.java", inserted(HUB, 3, "    // BUG: Diagnostic contains: Alpha.send"))
        .addSourceLines("Sender.java", SENDER)
        .addSourceLines(
            "Alpha.java",
            inserted(
                sender("Alpha", PUT),
                5,
                "    // BUG: Diagnostic contains: holds `Hub.this`: `s.send(\"x\")` (Hub.java:4)"))
        .addSourceLines(
            "Zeta.java",
            inserted(
                sender("Zeta", PUT),
                5,
                "    // BUG: Diagnostic contains: holds `Hub.this`: `s.send(\"x\")` (Hub.java:4)"))
        .doTest();
  }

  @Test
  void replacementInterfaceWithTwoImplementations() {
    String[] alphaFixed = fixedSender("Alpha");
    String[] zetaFixed = fixedSender("Zeta");
    refactor()
        .addInputLines("Hub.java", HUB)
        .expectUnchanged()
        .addInputLines("Sender.java", SENDER)
        .expectUnchanged()
        .addInputLines("Alpha.java", sender("Alpha", PUT))
        .addOutputLines("Alpha.java", alphaFixed)
        .addInputLines("Zeta.java", sender("Zeta", PUT))
        .addOutputLines("Zeta.java", zetaFixed)
        .doTest();
    compile()
        .addSourceLines("Hub.java", HUB)
        .addSourceLines("Sender.java", SENDER)
        .addSourceLines("Alpha.java", alphaFixed)
        .addSourceLines("Zeta.java", zetaFixed)
        .expectNoDiagnostics()
        .doTest();
  }

  private static String[] fixedSender(String name) {
    return replaced(sender(name, PUT), 5, OFFER);
  }

  private static final String[] HELPER_INPUT = {
    "import java.util.List;",
    "import java.util.concurrent.*;",
    "import java.util.concurrent.locks.*;",
    "class Outbox {",
    "  private final Lock lock = new ReentrantLock();",
    "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
    "  void flush(List<String> items) throws InterruptedException {",
    "    lock.lock();",
    "    try {",
    "      for (String item : items) {",
    "        deliver(item);",
    "      }",
    "    } finally {",
    "      lock.unlock();",
    "    }",
    "  }",
    "  private void deliver(String item) throws InterruptedException {",
    "    q.put(item);",
    "  }",
    "  int pending() {",
    "    lock.lock();",
    "    try {",
    "      return q.size();",
    "    } finally {",
    "      lock.unlock();",
    "    }",
    "  }",
    "}"
  };

  private static final String[] HELPER_OUTPUT =
      replaced(
          HELPER_INPUT,
          18,
          "    if (!q.offer(item)) {",
          "      throw new IllegalStateException(\"q is full\");",
          "    }");

  @Test
  void identificationSendInAHelperOfTheSameClass() {
    compile()
        .addSourceLines(
            "Outbox.java",
            inserted(
                inserted(
                    HELPER_INPUT,
                    18,
                    "    // BUG: Diagnostic contains: `deliver(item)` (Outbox.java:12)"),
                11,
                "        // BUG: Diagnostic contains: Outbox.deliver → `q.put(item)`"))
        .doTest();
  }

  @Test
  void replacementSendInAHelperOfTheSameClass() {
    refactor()
        .addInputLines("Outbox.java", HELPER_INPUT)
        .addOutputLines("Outbox.java", HELPER_OUTPUT)
        .doTest();
    compile().addSourceLines("Outbox.java", HELPER_OUTPUT).expectNoDiagnostics().doTest();
  }

  /**
   * The caller takes its lock with no {@code finally}: an exception thrown at the send would leave
   * the lock held, so the send gets no offer fix, and the call keeps its suppression.
   */
  @Test
  void replacementNoOfferWhereTheCallerWouldKeepItsLock() {
    String[] input = {
      "import java.util.concurrent.*;",
      "import java.util.concurrent.locks.*;",
      "class Outbox {",
      "  private final Lock lock = new ReentrantLock();",
      "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
      "  void flush(String item) throws InterruptedException {",
      "    lock.lock();",
      "    deliver(item);",
      "    lock.unlock();",
      "  }",
      "  private void deliver(String item) throws InterruptedException {",
      "    q.put(item);",
      "  }",
      "  int pending() {",
      "    lock.lock();",
      "    try {",
      "      return q.size();",
      "    } finally {",
      "      lock.unlock();",
      "    }",
      "  }",
      "}"
    };
    String suppression = "  @SuppressWarnings(\"BlockingPutUnderLock\") // " + WHY;
    refactor()
        .addInputLines("Outbox.java", input)
        .addOutputLines("Outbox.java", inserted(inserted(input, 11, suppression), 6, suppression))
        .doTest();
  }

  /** An outbox whose {@code flush}, declared as given, calls a helper that sends. */
  private static String[] outbox(String... flushDeclaration) {
    return inserted(
        new String[] {
          "import java.util.concurrent.*;",
          "class Outbox {",
          "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
          "    deliver(item);",
          "  }",
          "  private void deliver(String item) throws InterruptedException {",
          "    q.put(item);",
          "  }",
          "  synchronized int pending() { return q.size(); }",
          "}"
        },
        4,
        flushDeclaration);
  }

  /** A call suppressed for the check is no caller: its send is not reported either. */
  @Test
  void identificationSuppressedCallerLeavesTheSendAlone() {
    compile()
        .addSourceLines(
            "Outbox.java",
            outbox(
                "  @SuppressWarnings(\"BlockingPutUnderLock\") // bounded on purpose: back-pressure",
                "  synchronized void flush(String item) throws InterruptedException {"))
        .expectNoDiagnostics()
        .doTest();
  }

  /** A send reached under no lock is no finding. */
  @Test
  void identificationSendReachedWithoutLocksIsClean() {
    compile()
        .addSourceLines(
            "Outbox.java", outbox("  void flush(String item) throws InterruptedException {"))
        .expectNoDiagnostics()
        .doTest();
  }

  /** The last alternative of the send's own finding suppresses it on the send's method. */
  @Test
  void replacementSuppressionIsTheLastAlternative() {
    refactor()
        .setFixChooser(FixChoosers.THIRD)
        .addInputLines("Outbox.java", HELPER_INPUT)
        .addOutputLines(
            "Outbox.java",
            inserted(HELPER_INPUT, 17, "  @SuppressWarnings(\"BlockingPutUnderLock\") // " + WHY))
        .doTest();
  }

  private static final String[] SENDER_UNDER_ITS_OWN_LOCK = {
    "import java.util.concurrent.*;",
    "class Outbox {",
    "  private final Object lock = new Object();",
    "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
    "  private int sent;",
    "  void send(String s) throws InterruptedException {",
    "    synchronized (lock) {",
    "      sent++;",
    "      q.put(s);",
    "    }",
    "  }",
    "  int sent() { synchronized (lock) { return sent; } }",
    "}"
  };

  private static final String[] CALLER_UNDER_A_LOCK = {
    "class Caller {",
    "  synchronized void go(Outbox outbox) throws InterruptedException {",
    "    outbox.send(\"x\");",
    "  }",
    "  private boolean closed;",
    "  synchronized void close() { closed = true; }",
    "}"
  };

  /** Alone, a send under its own lock may move after the unlock (its second fix). */
  @Test
  void replacementSendUnderItsOwnLockMovesWhenNoCallerHoldsALock() {
    refactor()
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines("Outbox.java", SENDER_UNDER_ITS_OWN_LOCK)
        .addOutputLines(
            "Outbox.java",
            replaced(replaced(SENDER_UNDER_ITS_OWN_LOCK, 9, "    }"), 10, "    q.put(s);"))
        .doTest();
  }

  /**
   * Reached from a call under another lock, moving it would leave it under that lock: its second
   * fix is the timed offer instead.
   */
  @Test
  void replacementSendUnderItsOwnLockDoesNotMoveWhenACallerHoldsALock() {
    refactor()
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines("Caller.java", CALLER_UNDER_A_LOCK)
        .expectUnchanged()
        .addInputLines("Outbox.java", SENDER_UNDER_ITS_OWN_LOCK)
        .addOutputLines(
            "Outbox.java",
            replaced(
                SENDER_UNDER_ITS_OWN_LOCK,
                9,
                "      if (!q.offer(s, 100, TimeUnit.MILLISECONDS)) {",
                "        throw new IllegalStateException(\"q is still full after 100 ms\");",
                "      }"))
        .doTest();
  }
}
