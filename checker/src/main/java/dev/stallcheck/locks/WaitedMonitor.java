package dev.stallcheck.locks;

import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The monitor a producer waits on, as the code that serves it names it: in each body of {@code
 * ownBodies}, {@code this} is the object whose monitor (or, when {@code field} is set, whose field
 * {@code field}) is waited on. Code that takes that monitor takes no lock the producer holds: a
 * lock the producer holds on the same object, the wait gives back; any other object is another
 * lock.
 */
public record WaitedMonitor(@Nullable VarSymbol field, Set<Tree> ownBodies) {
  /** No body is known to name the waited monitor. */
  public static WaitedMonitor unknown() {
    return new WaitedMonitor(null, Set.of());
  }
}
