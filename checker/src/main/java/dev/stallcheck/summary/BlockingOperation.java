package dev.stallcheck.summary;

import com.sun.source.util.TreePath;
import org.jspecify.annotations.Nullable;

/** The operation a chain of calls ends in: the call that actually blocks, and where it is. */
public final class BlockingOperation {
  /** Why the operation blocks. */
  public enum Kind {
    /** A blocking queue send: blocks while the queue is full, holding every lock. */
    SEND,
    /** An untimed {@code wait()} or {@code await()}: releases only the monitor it waits on. */
    WAIT,
    /** A method the user declared blocking ({@code @Blocking} or the BlockingMethods option). */
    DECLARED
  }

  private final Kind kind;

  /** The call as written ({@code writer.put(data)}), or for DECLARED the reason it blocks. */
  private final String text;

  /** The simple name of the source file; null for DECLARED. */
  @Nullable private final String file;

  /** One-based line in {@link #file}; 0 for DECLARED. */
  private final long line;

  /**
   * The call in this compilation's trees, so the send can be fixed where it is; null if DECLARED.
   */
  @Nullable private final TreePath path;

  private BlockingOperation(
      Kind kind, String text, @Nullable String file, long line, @Nullable TreePath path) {
    this.kind = kind;
    this.text = text;
    this.file = file;
    this.line = line;
    this.path = path;
  }

  public static BlockingOperation send(String text, String file, long line, TreePath path) {
    return new BlockingOperation(Kind.SEND, text, file, line, path);
  }

  public static BlockingOperation waiting(String text, String file, long line, TreePath path) {
    return new BlockingOperation(Kind.WAIT, text, file, line, path);
  }

  /** A method declared blocking; {@code reason} says how, e.g. {@code declared @Blocking}. */
  public static BlockingOperation declared(String reason) {
    return new BlockingOperation(Kind.DECLARED, reason, null, 0, null);
  }

  public Kind kind() {
    return kind;
  }

  public String text() {
    return text;
  }

  @Nullable
  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  /** The path to the blocking call (an invocation or a method reference); null for DECLARED. */
  @Nullable
  public TreePath path() {
    return path;
  }

  /** {@code Connection.java:21}; null for DECLARED. */
  @Nullable String location() {
    return file == null ? null : file + ":" + line;
  }

  /** {@code `writer.put(data)` (Connection.java:21)}, or the reason for a declared method. */
  String describe() {
    if (kind == Kind.DECLARED) {
      return text;
    }
    return "`" + text + "` (" + file + ":" + line + ")";
  }
}
