package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.api.OutputStreams;
import dev.stallcheck.paths.AccessPath;
import org.jspecify.annotations.Nullable;

/**
 * The monitors of output streams and writers ({@link OutputStreams}), which serialize a stream's
 * writers. A writer that waits for room while holding one is the stream blocking, which its callers
 * expect of any stream; the other threads that take that monitor are the stream's other writers,
 * who would wait for the same room. So such a monitor does not count as held.
 */
public final class StreamMonitors {
  private StreamMonitors() {}

  /** {@code held} without the monitors of streams; {@code at} is the finding's path. */
  public static HeldLocks withoutStreamMonitors(HeldLocks held, TreePath at, VisitorState state) {
    return held.without(lock -> isStreamMonitor(lock, at, state));
  }

  private static boolean isStreamMonitor(HeldLock lock, TreePath at, VisitorState state) {
    if (lock.kind() != LockKind.MONITOR) {
      return false;
    }
    AccessPath path = lock.path();
    Symbol last = path.lastMember();
    if (last != null) {
      return OutputStreams.isWriterLock(last) || OutputStreams.isStream(typeOf(last), state);
    }
    return switch (path.root()) {
      case THIS -> OutputStreams.isStream(thisType(path, at), state);
      case PARAMETER, LOCAL, STATIC_FIELD ->
          path.rootSymbol() != null && OutputStreams.isStream(path.rootSymbol().type, state);
      case CLASS, UNKNOWN -> false;
    };
  }

  private static @Nullable Type typeOf(Symbol member) {
    return member instanceof MethodSymbol accessor ? accessor.getReturnType() : member.type;
  }

  /** The class whose instance {@code this} names at {@code at}. */
  private static @Nullable Type thisType(AccessPath path, TreePath at) {
    if (path.rootSymbol() instanceof ClassSymbol named) {
      return named.type;
    }
    ClassTree enclosing = ASTHelpers.findEnclosingNode(at, ClassTree.class);
    ClassSymbol symbol = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    return symbol == null ? null : symbol.type;
  }
}
