package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.paths.AccessPath;
import java.util.Optional;

/**
 * One acquire a task makes: the call, what it acquires from ({@code receiver}), and where the task
 * publishes the result ({@code sinks}: the holder array, field or reference the caller can reach).
 *
 * @param call the acquiring call, constructor or method reference
 * @param unit the compilation unit {@code call} is in (a task class may live in another file)
 * @param kind which vocabulary recognised the acquire
 * @param receiver what the acquire was made on; empty for constructors and unresolvable receivers
 * @param implicitReceiverOwner for a call on the implicit {@code this}, the class declaring it
 * @param pair the configured pair that recognised it, for {@link Kind#CONFIGURED}
 * @param sinks where the acquired value is stored for others to see
 * @param returned whether the task returns the acquired value (publishing it through its future)
 * @param resourceType the simple name of the acquired value's type, for messages
 * @param via the helper methods from the task down to the one making {@code call} ({@code
 *     Worker.run}, {@code Leases.take}); empty when the task's own code makes it
 */
record Acquire(
    Tree call,
    CompilationUnitTree unit,
    Kind kind,
    Optional<AccessPath> receiver,
    Optional<String> implicitReceiverOwner,
    Optional<ConfiguredPair> pair,
    ImmutableSet<AccessPath> sinks,
    boolean returned,
    String resourceType,
    ImmutableList<String> via) {

  /** Which vocabulary recognised an acquire; it decides which calls release it. */
  enum Kind {
    /** {@code Semaphore.acquire*}/{@code tryAcquire*}: released by {@code release*} on it. */
    SEMAPHORE,
    /** {@code Lock.lock}/{@code lockInterruptibly}/{@code tryLock}: released by {@code unlock}. */
    LOCK,
    /**
     * A slot counted in an atomic counter ({@code AtomicInteger}, {@code AtomicLong}, {@code
     * LongAdder}): {@code incrementAndGet}/{@code getAndIncrement}/{@code increment}, released by
     * the matching decrement on the same counter.
     */
    COUNTER,
    /**
     * A method named like an acquire ({@code acquire*}, {@code borrow*}, ...) returning a resource.
     */
    NAMED,
    /** The acquiring half of a {@code Pairs} option entry. */
    CONFIGURED,
    /** A constructor or method that opens an operating-system resource such as a socket. */
    OPENED,
    /**
     * Any other method returning an {@code AutoCloseable} (a statement, a stream, a session):
     * released only by a {@code close()} of the holder it is published through.
     */
    CLOSEABLE
  }

  /** Whether the task makes the acquired value visible to the submitting thread. */
  boolean published() {
    return returned || !sinks.isEmpty();
  }

  Acquire withPublication(ImmutableSet<AccessPath> newSinks, boolean newReturned) {
    return new Acquire(
        call,
        unit,
        kind,
        receiver,
        implicitReceiverOwner,
        pair,
        newSinks,
        newReturned,
        resourceType,
        via);
  }

  /** The same acquire as a caller of the method making it sees it. */
  Acquire inFrame(
      Optional<AccessPath> newReceiver,
      Optional<String> newImplicitReceiverOwner,
      ImmutableSet<AccessPath> newSinks,
      boolean newReturned,
      ImmutableList<String> newVia) {
    return new Acquire(
        call,
        unit,
        kind,
        newReceiver,
        newImplicitReceiverOwner,
        pair,
        newSinks,
        newReturned,
        resourceType,
        newVia);
  }

  /** Whether the acquiring method is static, so that it has no receiver to match a release on. */
  boolean isStaticAcquire() {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method && method.isStatic();
  }
}
