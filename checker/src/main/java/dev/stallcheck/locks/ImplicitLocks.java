package dev.stallcheck.locks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import java.util.Optional;

/**
 * Locks the JDK holds while it runs a callback passed to it, though the caller never wrote them:
 *
 * <ul>
 *   <li>{@code ConcurrentHashMap.compute}, {@code computeIfAbsent}, {@code computeIfPresent} and
 *       {@code merge} run their function holding the lock of the key's bin: every other writer of
 *       that bin (and a resize) waits;
 *   <li>the wrappers of {@code Collections.synchronizedMap}, {@code synchronizedList}, {@code
 *       synchronizedSet} (and the other {@code synchronized*} views) run the callbacks of {@code
 *       forEach}, {@code compute*}, {@code merge}, {@code removeIf} and {@code replaceAll} holding
 *       their mutex, the wrapper itself: every other use of the collection waits.
 * </ul>
 *
 * A map is a {@code ConcurrentHashMap} when its static type says so or when every value assigned to
 * its variable creates one ({@link AssignmentIndex}); a collection is a synchronized wrapper when
 * it is the call to {@code Collections.synchronized*} itself or every value assigned to its
 * variable is one.
 */
final class ImplicitLocks {
  private static final Supplier<Type> CONCURRENT_HASH_MAP =
      VisitorState.memoize(s -> s.getTypeFromString("java.util.concurrent.ConcurrentHashMap"));

  private static final ImmutableSet<String> BIN_LOCKED =
      ImmutableSet.of("compute", "computeIfAbsent", "computeIfPresent", "merge");

  private static final ImmutableSet<String> MUTEX_LOCKED =
      ImmutableSet.of(
          "forEach",
          "compute",
          "computeIfAbsent",
          "computeIfPresent",
          "merge",
          "removeIf",
          "replaceAll");

  private ImplicitLocks() {}

  /** The lock the library holds while the callbacks passed to the call at {@code call} run. */
  static HeldLocks heldDuring(TreePath call, VisitorState state) {
    if (!(call.getLeaf() instanceof MethodInvocationTree invocation)
        || !(ASTHelpers.getSymbol(invocation) instanceof MethodSymbol method)) {
      return HeldLocks.none();
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(invocation);
    String name = method.getSimpleName().toString();
    if (receiver == null || !(BIN_LOCKED.contains(name) || MUTEX_LOCKED.contains(name))) {
      return HeldLocks.none();
    }
    String map = LockExpressions.sourceText(receiver, state);
    String called = "`" + map + "." + name + "(...)`";
    int position = ASTHelpers.getStartPosition(invocation);
    int line = (int) call.getCompilationUnit().getLineMap().getLineNumber(position);
    AccessPath path = LockExpressions.pathOf(receiver, call, state);
    if (BIN_LOCKED.contains(name) && isConcurrentHashMap(receiver, call, state)) {
      return held(
          new HeldLock(
              path,
              LockKind.BIN,
              map,
              line,
              position,
              HeldLock.Acquisition.IMPLICIT,
              "the bin lock of `"
                  + map
                  + "` (held by "
                  + called
                  + " while its function runs, line "
                  + line
                  + ": every writer of that bin stalls)"));
    }
    if (MUTEX_LOCKED.contains(name) && isSynchronizedWrapper(receiver, call, state)) {
      return held(
          new HeldLock(
              path,
              LockKind.MONITOR,
              map,
              line,
              position,
              HeldLock.Acquisition.IMPLICIT,
              "the mutex of the synchronized collection `"
                  + map
                  + "` (held by "
                  + called
                  + " while its callback runs, line "
                  + line
                  + ": every other user of `"
                  + map
                  + "` stalls)"));
    }
    return HeldLocks.none();
  }

  private static HeldLocks held(HeldLock lock) {
    return HeldLocks.of(ImmutableList.of(lock));
  }

  private static boolean isConcurrentHashMap(
      ExpressionTree receiver, TreePath where, VisitorState state) {
    Type map = CONCURRENT_HASH_MAP.get(state);
    if (map == null) {
      return false;
    }
    if (ASTHelpers.isSubtype(ASTHelpers.getType(receiver), map, state)) {
      return true;
    }
    return allValues(receiver, where, state)
        .map(
            values ->
                values.stream()
                    .allMatch(value -> ASTHelpers.isSubtype(ASTHelpers.getType(value), map, state)))
        .orElse(false);
  }

  private static boolean isSynchronizedWrapper(
      ExpressionTree receiver, TreePath where, VisitorState state) {
    if (isSynchronizedView(receiver)) {
      return true;
    }
    return allValues(receiver, where, state)
        .map(values -> values.stream().allMatch(ImplicitLocks::isSynchronizedView))
        .orElse(false);
  }

  /** A call to {@code Collections.synchronizedMap(...)}, {@code synchronizedList(...)}, ... */
  private static boolean isSynchronizedView(ExpressionTree expression) {
    return BareExpression.of(expression) instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && method.isStatic()
        && method.owner.getQualifiedName().contentEquals("java.util.Collections")
        && method.getSimpleName().toString().startsWith("synchronized");
  }

  private static Optional<ImmutableList<ExpressionTree>> allValues(
      ExpressionTree receiver, TreePath where, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(BareExpression.of(receiver));
    return symbol instanceof VarSymbol variable
        ? AssignmentIndex.allValuesOf(variable, where, state)
        : Optional.empty();
  }
}
