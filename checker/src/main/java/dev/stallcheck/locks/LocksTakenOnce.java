package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.paths.AccessPath;
import org.jspecify.annotations.Nullable;

/**
 * Locks the compilation takes in one place only: the region holding it at the finding. Every thread
 * that waits for such a lock is about to run the same region, towards the same blocking call, and
 * would wait for it anyway; no other code needs the lock, so holding it stalls nobody else, and it
 * does not count as held. As in a thread that holds its own monitor for its whole run loop ({@code
 * synchronized (this) { while (running) { ... queue.put(x); } }}).
 *
 * <p>Only locks that no code outside the compilation can name: the monitor of a class that is not
 * public or is nested in a class that is not, or a lock in a private field that never escapes (see
 * {@link LockSites}).
 */
public final class LocksTakenOnce {
  private LocksTakenOnce() {}

  /** {@code held} without the locks taken only where they are held; {@code at}: the finding. */
  public static HeldLocks withoutLocksTakenOnce(HeldLocks held, TreePath at, VisitorState state) {
    return held.without(lock -> isTakenOnce(lock, at, state));
  }

  private static boolean isTakenOnce(HeldLock lock, TreePath at, VisitorState state) {
    switch (lock.acquisition()) {
      case SYNCHRONIZED_METHOD, SYNCHRONIZED_BLOCK, CALL -> {}
      case CALLEE, IMPLICIT -> {
        return false;
      }
    }
    AccessPath path = lock.path();
    if (lock.kind() == LockKind.MONITOR
        && path.root() == AccessPath.Root.THIS
        && path.members().isEmpty()) {
      ClassSymbol type = thisClass(path, at);
      return type != null
          && !isVisibleOutside(type)
          && LockSites.instance(state.context).monitorSites(type) == 1;
    }
    Symbol field =
        switch (path.root()) {
          case THIS -> path.members().size() == 1 ? path.members().get(0) : null;
          case STATIC_FIELD -> path.members().isEmpty() ? path.rootSymbol() : null;
          default -> null;
        };
    return field instanceof VarSymbol variable
        && (variable.flags() & Flags.PRIVATE) != 0
        && LockSites.instance(state.context).fieldSites(variable) == 1;
  }

  /** Whether code outside the compilation may hold an instance of {@code type} by its name. */
  private static boolean isVisibleOutside(ClassSymbol type) {
    for (Symbol s = type; s instanceof ClassSymbol; s = s.owner) {
      if ((s.flags() & Flags.PUBLIC) == 0 || s.isAnonymous()) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable ClassSymbol thisClass(AccessPath path, TreePath at) {
    if (path.rootSymbol() instanceof ClassSymbol named) {
      return named;
    }
    ClassTree enclosing = ASTHelpers.findEnclosingNode(at, ClassTree.class);
    return enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
  }
}
