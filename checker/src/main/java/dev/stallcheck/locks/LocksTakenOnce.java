package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.graph.ClassVisibility;
import dev.stallcheck.paths.AccessPath;
import org.jspecify.annotations.Nullable;

/**
 * Locks of a thread's own that it alone takes: the compilation takes the lock in one place only,
 * the region holding it at the finding, and that region runs only on the thread of the lock's
 * object ({@link OwnThreadCode}). No other thread ever waits for such a lock, so holding it stalls
 * nobody, and it does not count as held. As in a thread that holds its own monitor for its whole
 * run loop ({@code private synchronized void loop() { while (running) { ... queue.put(x); } }},
 * called from its {@code run()}).
 *
 * <p>A lock taken in one place that any caller's thread may run is held: every other caller waits
 * for it while the send waits for room.
 *
 * <p>Only locks that no code outside the compilation can name: the monitor of a class {@link
 * ClassVisibility} says it cannot name, or a lock the object creates in a private field that never
 * escapes (see {@link LockSites}).
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
      // The monitor of the object whose thread runs the code: not an enclosing instance's, which
      // every thread of its inner class may take.
      ClassSymbol type = thisClass(path, at);
      return type != null
          && type == enclosingClass(at)
          && !ClassVisibility.isNameableOutside(type)
          && LockSites.instance(state.context).monitorSites(type) == 1
          && OwnThreadCode.runsOnlyOnOwnThread(at, state);
    }
    Symbol field =
        path.root() == AccessPath.Root.THIS && path.members().size() == 1
            ? path.members().get(0)
            : null;
    return field instanceof VarSymbol variable
        && variable.owner == enclosingClass(at)
        && (variable.flags() & Flags.PRIVATE) != 0
        && LockSites.instance(state.context).fieldSites(variable) == 1
        && OwnThreadCode.isOwnObject(variable, state)
        && OwnThreadCode.runsOnlyOnOwnThread(at, state);
  }

  private static @Nullable ClassSymbol thisClass(AccessPath path, TreePath at) {
    return path.rootSymbol() instanceof ClassSymbol named ? named : enclosingClass(at);
  }

  private static @Nullable ClassSymbol enclosingClass(TreePath at) {
    ClassTree enclosing = ASTHelpers.findEnclosingNode(at, ClassTree.class);
    return enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
  }
}
