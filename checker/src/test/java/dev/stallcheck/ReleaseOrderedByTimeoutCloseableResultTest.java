package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A resource that is any {@code AutoCloseable} a call returns: the task opens it and stores it
 * where the caller reads it, and the caller closes it after a timed wait.
 */
class ReleaseOrderedByTimeoutCloseableResultTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
          .addSourceLines(
              "demo/Sessions.java",
              "package demo;",
              "import java.util.concurrent.atomic.AtomicReference;",
              "final class Sessions {",
              "  static final class Session implements AutoCloseable {",
              "    void run() {}",
              "    @Override public void close() {}",
              "  }",
              "  static final class View {",
              "    void close() {}",
              "  }",
              "  Session newSession() { return new Session(); }",
              "  View newView() { return new View(); }",
              "  final AtomicReference<Session> current = new AtomicReference<>(new Session());",
              "}");

  /** A thread running {@code task}, joined for 100 ms, then {@code afterWait}. */
  private static String[] caller(String holderType, String task, String... afterWait) {
    String[] head = {
      "package demo;",
      "class Caller {",
      "  final Sessions sessions = new Sessions();",
      "  void run() throws Exception {",
      "    Sessions." + holderType + "[] holder = new Sessions." + holderType + "[1];",
      "    Thread t = new Thread(() -> {",
      "      " + task,
      "    });",
      "    t.start();",
      "    t.join(100);",
    };
    return Lines.of(head, afterWait, new String[] {"  }", "}"});
  }

  @Test
  void identificationCallerClosesWhatTheTaskOpened() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Session",
                "holder[0] = sessions.newSession();",
                "    // BUG: Diagnostic contains: `holder[0].close()` is ordered after the task's"
                    + " `sessions.newSession()` (line 7) only by the timeout of `t.join(100)`",
                "    if (holder[0] != null) holder[0].close();"))
        .doTest();
  }

  @Test
  void negativeTryWithResourcesInsideTheTask() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Session",
                "try (Sessions.Session s = sessions.newSession()) { holder[0] = s; s.run(); }",
                "    if (holder[0] != null) holder[0].close();"))
        .doTest();
  }

  @Test
  void negativeClosedOnlyWhenTheTaskFinished() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Session",
                "holder[0] = sessions.newSession();",
                "    if (t.isAlive()) return;",
                "    holder[0].close();"))
        .doTest();
  }

  @Test
  void negativeResultNotAutoCloseable() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "View",
                "holder[0] = sessions.newView();",
                "    if (holder[0] != null) holder[0].close();"))
        .doTest();
  }

  @Test
  void negativeValueReadFromAReference() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Session",
                "holder[0] = sessions.current.get();",
                "    if (holder[0] != null) holder[0].close();"))
        .doTest();
  }

  /** A local copy of the holder, read after the wait, holds what the holder did then. */
  @Test
  void identificationCallerClosesALocalCopyOfTheHolder() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Session",
                "holder[0] = sessions.newSession();",
                "    Sessions.Session opened = holder[0];",
                "    // BUG: Diagnostic contains: `opened.close()` is ordered after the task's"
                    + " `sessions.newSession()` (line 7) only by the timeout of `t.join(100)`",
                "    if (opened != null) opened.close();"))
        .doTest();
  }

  /** A local that is assigned again, or copied from something else, is not the holder. */
  @Test
  void negativeLocalThatIsNotACopyOfTheHolder() {
    helper
        .addSourceLines(
            "demo/Caller.java",
            caller(
                "Session",
                "holder[0] = sessions.newSession();",
                "    Sessions.Session mine = holder[0];",
                "    mine = sessions.newSession();",
                "    mine.close();",
                "    Sessions.Session other = sessions.newSession();",
                "    other.close();"))
        .doTest();
  }
}
