package dev.stallcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.errorprone.BaseErrorProneJavaCompiler;
import com.google.errorprone.scanner.ScannerSupplier;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each call under a lock is reported once, however many ways it reaches a blocking send. {@code
 * CompilationTestHelper} matches diagnostics by line and cannot tell one from two on the same line,
 * so these tests compile in-process with Error Prone running the check and count the diagnostics.
 */
final class BlockingPutUnderLockDiagnosticCountTest {
  @TempDir Path dir;

  /** The check's diagnostics for {@code source}, one {@code line: message} each. */
  private List<String> diagnostics(String source) throws IOException {
    Path file = dir.resolve("Test.java");
    Files.writeString(file, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler compiler =
        new BaseErrorProneJavaCompiler(
            ScannerSupplier.fromBugCheckerClasses(BlockingPutUnderLock.class));
    DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      compiler
          .getTask(
              new StringWriter(),
              files,
              collector,
              List.of(
                  "-d",
                  classes.toString(),
                  "-proc:none",
                  "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true"),
              null,
              files.getJavaFileObjects(file))
          .call();
    }
    List<String> errors =
        collector.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
            .collect(Collectors.toList());
    List<String> others =
        errors.stream().filter(e -> !e.contains("[BlockingPutUnderLock]")).toList();
    assertEquals(List.of(), others, "javac errors other than the check's");
    return errors;
  }

  @Test
  void identificationCallReachingTwoSendsThroughTwoChainsIsReportedOnce() throws IOException {
    List<String> found =
        diagnostics(
            """
            import java.util.concurrent.ArrayBlockingQueue;
            import java.util.concurrent.BlockingQueue;
            class Test {
              static final class Relay {
                private final BlockingQueue<String> audit = new ArrayBlockingQueue<>(10);
                private final BlockingQueue<String> out = new ArrayBlockingQueue<>(10);
                void send(String m) throws InterruptedException {
                  toAudit(m);
                  toOut(m);
                }
                private void toAudit(String m) throws InterruptedException {
                  audit.put(m);
                }
                private void toOut(String m) throws InterruptedException {
                  out.put(m);
                }
              }
              private final Relay relay = new Relay();
              synchronized void broadcast(String m) throws InterruptedException {
                relay.send(m);
              }
              private boolean closed;
              synchronized void close() {
                closed = true;
              }
            }
            """);
    // The call once; each send it reaches once too, in its own finding (which carries its fix).
    assertEquals(
        List.of(12L, 15L, 20L), found.stream().map(d -> lineOf(d)).toList(), found::toString);
  }

  @Test
  void identificationCallReachingSendsThroughTwoImplementationsIsReportedOnce() throws IOException {
    List<String> found =
        diagnostics(
            """
            import java.util.List;
            import java.util.concurrent.ArrayBlockingQueue;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.ReadWriteLock;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            class Test {
              interface User {
                void sendMsg(String m);
              }
              static final class Device implements User {
                private final BlockingQueue<String> writer = new ArrayBlockingQueue<>(10);
                @Override
                public void sendMsg(String m) {
                  try {
                    writer.put(m);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              static final class Bot implements User {
                private final BlockingQueue<String> inbox = new ArrayBlockingQueue<>(1);
                @Override
                public void sendMsg(String m) {
                  try {
                    inbox.put(m);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              private final ReadWriteLock lock = new ReentrantReadWriteLock();
              private List<User> users = List.of(new Device(), new Bot());
              void broadcast(String m) {
                lock.readLock().lock();
                try {
                  for (User user : users) {
                    user.sendMsg(m);
                  }
                } finally {
                  lock.readLock().unlock();
                }
              }
            }
            """);
    // The call once; each send it reaches once too, in its own finding (which carries its fix).
    assertEquals(
        List.of(15L, 26L, 38L), found.stream().map(d -> lineOf(d)).toList(), found::toString);
  }

  @Test
  void identificationSendInTwoNestedSynchronizedBlocksIsReportedOnce() throws IOException {
    List<String> found =
        diagnostics(
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              private final Object outer = new Object();
              private final Object inner = new Object();
              void send(BlockingQueue<String> q, String m) throws InterruptedException {
                synchronized (outer) {
                  synchronized (inner) {
                    q.put(m);
                  }
                }
              }
              int pending(BlockingQueue<String> q) {
                synchronized (outer) {
                  synchronized (inner) {
                    return q.size();
                  }
                }
              }
            }
            """);
    assertEquals(1, found.size(), found::toString);
    assertEquals(8, lineOf(found.get(0)), found::toString);
  }

  @Test
  void identificationTwoCallsOnOneLineAreTwoDiagnostics() throws IOException {
    // The counterpart of the tests above: the count is of calls, and it does see two on one line.
    List<String> found =
        diagnostics(
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              synchronized void send(BlockingQueue<String> q, String m) throws InterruptedException {
                q.put(m); q.put(m);
              }
              synchronized int pending(BlockingQueue<String> q) {
                return q.size();
              }
            }
            """);
    assertEquals(2, found.size(), found::toString);
    assertEquals(List.of(4L, 4L), found.stream().map(d -> lineOf(d)).toList(), found::toString);
  }

  private static long lineOf(String diagnostic) {
    return Long.parseLong(diagnostic.substring(0, diagnostic.indexOf(':')));
  }
}
