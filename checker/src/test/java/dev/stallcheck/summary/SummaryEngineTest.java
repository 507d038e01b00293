package dev.stallcheck.summary;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** The summary engine driven by {@link SummaryProbe} (lexical synchronized as the lock model). */
class SummaryEngineTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SummaryProbe.class, getClass());

  @Test
  void identificationGatewayAcrossFiles() {
    helper
        .addSourceLines(
            "Gateway.java",
            "import java.util.List;",
            "class Gateway {",
            "  private final Object members = new Object();",
            "  private List<User> users;",
            "  void broadcast(String msg) {",
            "    synchronized (members) {",
            "      for (User user : users) {",
            "        // BUG: Diagnostic contains: `user.sendMsg(msg)` can block while `members`"
                + " (taken at line 6) is held: UserDevice.sendMsg → Connection.write →"
                + " `writer.put(data)` (Connection.java:7)",
            "        user.sendMsg(msg);",
            "      }",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "User.java", //
            "interface User {",
            "  void sendMsg(String msg);",
            "}")
        .addSourceLines(
            "UserDevice.java",
            "class UserDevice implements User {",
            "  private final Connection connection = new Connection();",
            "  @Override public void sendMsg(String msg) {",
            "    connection.write(msg.getBytes());",
            "  }",
            "  static User create() { return new UserDevice(); }",
            "}")
        .addSourceLines(
            "Connection.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "class Connection {",
            "  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(10);",
            "  void write(byte[] data) {",
            "    try {",
            "      writer.put(data);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationWaitReleasesOnlyItsMonitor() {
    helper
        .addSourceLines(
            "DocumentQueue.java",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class DocumentQueue {",
            "  private final List<String> docs = new ArrayList<>();",
            "  void put(String doc) throws InterruptedException {",
            "    synchronized (docs) {",
            "      while (docs.size() >= 10) {",
            "        docs.wait();",
            "      }",
            "      docs.add(doc);",
            "    }",
            "  }",
            "  synchronized void offerAll(List<String> more) throws InterruptedException {",
            "    while (more.size() > 10) {",
            "      wait();",
            "    }",
            "  }",
            "  synchronized void offerTwice(List<String> more) throws InterruptedException {",
            "    offerAll(more);",
            "    offerAll(more);",
            "  }",
            "  String take() {",
            "    synchronized (docs) {",
            "      docs.notifyAll();",
            "      return docs.isEmpty() ? null : docs.remove(0);",
            "    }",
            "  }",
            "  synchronized void drained() { notifyAll(); }",
            "}")
        .addSourceLines(
            "Feeder.java",
            "import java.util.List;",
            "class Feeder {",
            "  private final Object monitor = new Object();",
            "  private final DocumentQueue queue = new DocumentQueue();",
            "  void feed(String doc) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      // BUG: Diagnostic contains: `queue.put(doc)` can block while `monitor`"
                + " (taken at line 6) is held: DocumentQueue.put waits in `docs.wait()` (DocumentQueue.java:8)"
                + " while `monitor` stays held",
            "      queue.put(doc);",
            "    }",
            "  }",
            "  void feedUnlocked(String doc) throws InterruptedException {",
            "    queue.put(doc);",
            "  }",
            "  void sameMonitor(List<String> more) throws InterruptedException {",
            "    synchronized (queue) {",
            "      queue.offerAll(more);",
            "    }",
            "  }",
            "  void otherMonitor(List<String> more) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      // BUG: Diagnostic contains: DocumentQueue.offerTwice → DocumentQueue.offerAll"
                + " waits in `wait()`",
            "      queue.offerTwice(more);",
            "    }",
            "  }",
            "  void drain() {",
            "    synchronized (monitor) {",
            "      queue.take();",
            "      queue.drained();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
