package dev.stallcheck.locks;

import dev.stallcheck.paths.AccessPath;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One lock the current thread holds: which lock ({@link #key()}: an access path plus a mode), how
 * the source names it, and where it was taken. Immutable.
 *
 * <p>Two HeldLocks denote the same lock when their keys are equal; {@link #equals} also compares
 * the text and the position, which only say where this particular acquisition happened.
 */
public final class HeldLock {
  /** The syntactic form that took the lock. */
  public enum Acquisition {
    /** A {@code synchronized} block. */
    SYNCHRONIZED_BLOCK,
    /** A {@code synchronized} method: its receiver's (or class's) monitor. */
    SYNCHRONIZED_METHOD,
    /**
     * A call: {@code lock()}, {@code lockInterruptibly()}, a successful {@code tryLock()}, a stamp.
     */
    CALL,
    /**
     * A call to a method of the compilation that returns with the lock held (a helper, a lock
     * wrapper's {@code lock()}), or runs the callback passed to it while holding it (a template):
     * {@link #via()} names the method.
     */
    CALLEE,
    /**
     * A lock a library method holds while it runs the callback passed to it ({@code
     * ConcurrentHashMap.compute}'s bin lock, a synchronized collection's mutex): {@link #via()}
     * says which and what it blocks.
     */
    IMPLICIT
  }

  /** The identity of a lock: what object, in which mode. */
  public record Key(AccessPath path, LockKind kind) {}

  private final Key key;
  private final String source;
  private final int line;
  private final int position;
  private final Acquisition acquisition;
  private final @Nullable String via;

  public HeldLock(
      AccessPath path,
      LockKind kind,
      String source,
      int line,
      int position,
      Acquisition acquisition) {
    this(path, kind, source, line, position, acquisition, null);
  }

  HeldLock(
      AccessPath path,
      LockKind kind,
      String source,
      int line,
      int position,
      Acquisition acquisition,
      @Nullable String via) {
    this.key = new Key(path, kind);
    this.source = source;
    this.line = line;
    this.position = position;
    this.acquisition = acquisition;
    this.via = via;
  }

  /** The lock's identity: equal keys, same lock. */
  public Key key() {
    return key;
  }

  public AccessPath path() {
    return key.path();
  }

  public LockKind kind() {
    return key.kind();
  }

  /**
   * The lock as written in the source, e.g. {@code membersLock.readLock()}, {@code monitor}, {@code
   * this} (for a synchronized instance method) or {@code Foo.class} (static method).
   */
  public String source() {
    return source;
  }

  /** The 1-based line where the lock was taken (for a synchronized method: its declaration). */
  public int line() {
    return line;
  }

  /** The source offset of the acquiring tree; orders locks taken in one method. */
  public int position() {
    return position;
  }

  public Acquisition acquisition() {
    return acquisition;
  }

  /**
   * For {@link Acquisition#CALLEE}, the method that took the lock ({@code acquireState()}); for
   * {@link Acquisition#IMPLICIT}, the whole description of the library's lock, with the line of the
   * call that holds it and what it blocks; else null.
   */
  public @Nullable String via() {
    return via;
  }

  /** This lock seen from a caller whose receiver for the call has path {@code receiver}. */
  public HeldLock rebase(AccessPath receiver) {
    return new HeldLock(path().rebase(receiver), kind(), source, line, position, acquisition, via);
  }

  /**
   * The lock for a message: "{@code `lock` (taken at line 42)}", for a synchronized method "{@code
   * `this` (synchronized method, line 40)}", for a helper "{@code `stateLock` (taken in
   * `acquireState()`, line 42)}".
   */
  public String describe() {
    return switch (acquisition) {
      case SYNCHRONIZED_METHOD -> "`" + source + "` (synchronized method, line " + line + ")";
      case CALLEE -> "`" + source + "` (taken in `" + via + "`, line " + line + ")";
      case IMPLICIT -> via;
      case SYNCHRONIZED_BLOCK, CALL -> "`" + source + "` (taken at line " + line + ")";
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HeldLock that
        && key.equals(that.key)
        && source.equals(that.source)
        && line == that.line
        && position == that.position
        && acquisition == that.acquisition
        && Objects.equals(via, that.via);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, source, line, position, acquisition, via);
  }

  @Override
  public String toString() {
    return kind().noun() + " " + path() + " `" + source + "`@" + line;
  }
}
