package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Output streams are blocking I/O by contract: their own monitor, held while the stream waits for
 * room, and their {@code flush}/{@code close}, which wait for what was written, are no findings.
 * Each rule has a silent twin and a positive twin that is still reported.
 */
final class BlockingPutUnderLockStreamsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /**
   * A stream whose writes go to a bounded queue drained by another thread; {@code finish()} is no
   * drain (not {@code flush}/{@code close}) and blocks like {@code write}.
   */
  private CompilationTestHelper queuedStream() {
    return helper.addSourceLines(
        "QueuedStream.java",
        "import java.io.*;",
        "import java.util.concurrent.*;",
        "class QueuedStream extends OutputStream {",
        "  private final BlockingQueue<Integer> bytes = new ArrayBlockingQueue<>(64);",
        "  private final Object state = new Object();",
        "  @Override public synchronized void write(int b) throws IOException {",
        "    enqueue(b);",
        "  }",
        "  @Override public void flush() throws IOException {",
        "    synchronized (this) { enqueue(-2); }",
        "  }",
        "  @Override public synchronized void close() throws IOException {",
        "    enqueue(-1);",
        "  }",
        "  void finish() throws IOException {",
        "    enqueue(-1);",
        "  }",
        "  void mark() throws IOException {",
        "    synchronized (state) {",
        "      // BUG: Diagnostic contains: `state` (taken at line 19)",
        "      enqueue(0);",
        "    }",
        "  }",
        "  private void enqueue(int b) throws IOException {",
        "    try {",
        "      // BUG: Diagnostic contains: can block while a caller holds `state`",
        "      bytes.put(b);",
        "    } catch (InterruptedException e) {",
        "      throw new InterruptedIOException();",
        "    }",
        "  }",
        "  int pending() {",
        "    synchronized (state) { return bytes.size(); }",
        "  }",
        "}");
  }

  /**
   * The stream's own monitor ({@code synchronized} methods, {@code synchronized (this)}) is not
   * counted; another lock of the stream's is.
   */
  @Test
  void identificationStreamMonitor() {
    queuedStream()
        .addSourceLines(
            "Unused.java", //
            "class Unused {}")
        .doTest();
  }

  /** A {@code Writer} synchronizes on its {@code lock} field, and on a stream it writes to. */
  @Test
  void identificationWriterLockAndStreamVariables() {
    helper
        .addSourceLines(
            "QueuedWriter.java",
            "import java.io.*;",
            "import java.util.concurrent.*;",
            "class QueuedWriter extends Writer {",
            "  private final BlockingQueue<String> chunks = new ArrayBlockingQueue<>(8);",
            "  private final Object other = new Object();",
            "  @Override public void write(char[] c, int off, int len) throws IOException {",
            "    synchronized (lock) {",
            "      put(new String(c, off, len));",
            "    }",
            "  }",
            "  void copy(OutputStream out, Writer w) throws IOException {",
            "    synchronized (out) { put(\"out\"); }",
            "    synchronized (w) { put(\"w\"); }",
            "    synchronized (other) {",
            "      // BUG: Diagnostic contains: `other` (taken at line 14)",
            "      put(\"other\");",
            "    }",
            "  }",
            "  @Override public void flush() {}",
            "  @Override public void close() {}",
            "  private void put(String s) throws IOException {",
            "    try {",
            "      // BUG: Diagnostic contains: can block while a caller holds `other`",
            "      chunks.put(s);",
            "    } catch (InterruptedException e) {",
            "      throw new InterruptedIOException();",
            "    }",
            "  }",
            "  int pending() {",
            "    synchronized (other) { return chunks.size(); }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A caller's own lock held across a stream's {@code flush()} or {@code close()} is no finding;
   * across its {@code write} or another method that blocks, it is.
   */
  @Test
  void identificationDrains() {
    queuedStream()
        .addSourceLines(
            "Session.java",
            "import java.io.*;",
            "class Session {",
            "  private final QueuedStream stream = new QueuedStream();",
            "  synchronized void end() throws IOException {",
            "    stream.flush();",
            "    stream.close();",
            "  }",
            "  synchronized void endThroughType(OutputStream out) throws IOException {",
            "    out.close();",
            "  }",
            "  synchronized void send(int b) throws IOException {",
            "    // BUG: Diagnostic contains: QueuedStream.write → QueuedStream.enqueue",
            "    stream.write(b);",
            "  }",
            "  synchronized void finish() throws IOException {",
            "    // BUG: Diagnostic contains: QueuedStream.finish → QueuedStream.enqueue",
            "    stream.finish();",
            "  }",
            "  synchronized boolean isOpen() { return true; }",
            "}")
        .doTest();
  }

  /** A {@code close()} that is no stream's is still followed: any resource may block there. */
  @Test
  void identificationCloseOfOtherResources() {
    helper
        .addSourceLines(
            "Worker.java",
            "import java.util.concurrent.*;",
            "class Worker implements AutoCloseable {",
            "  private final BlockingQueue<String> tasks = new ArrayBlockingQueue<>(8);",
            "  @Override public void close() throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds `Owner.this`",
            "    tasks.put(\"stop\");",
            "  }",
            "}",
            "class Owner {",
            "  private final Worker worker = new Worker();",
            "  synchronized void stop() throws InterruptedException {",
            "    // BUG: Diagnostic contains: Worker.close → `tasks.put(\"stop\")`",
            "    worker.close();",
            "  }",
            "  synchronized boolean isRunning() { return true; }",
            "}")
        .doTest();
  }
}
