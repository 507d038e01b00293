package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.ReferencePaths;
import java.util.Optional;

/**
 * What a method acquires on its own thread, in its own code, before it lets other code use it: a
 * permit ({@code permits.tryAcquire()}), which guards whatever runs while it is held, or a value
 * ({@code Conn conn = pool.acquire()}), which is in use where its variable is named.
 */
final class CallerAcquires {
  /**
   * One acquire of the method.
   *
   * @param acquire the acquire, with the variables that hold its value as the holders a {@code
   *     close()} of which gives it back
   * @param carriers the variables (or field) the value is stored in; empty for a permit
   * @param permit whether it yields no value (a semaphore permit, {@code tryAcquire()})
   */
  record Held(Acquire acquire, ImmutableSet<Symbol> carriers, boolean permit) {

    /**
     * Whether {@code code} uses what was acquired: names its variable, or anything for a permit.
     */
    boolean usedBy(Tree code) {
      if (permit) {
        return true;
      }
      boolean[] named = {false};
      code.accept(
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree tree, Void unused) {
              named[0] |= carriers.contains(ASTHelpers.getSymbol(tree));
              return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
              named[0] |= carriers.contains(ASTHelpers.getSymbol(tree));
              return super.visitMemberSelect(tree, null);
            }
          },
          null);
      return named[0];
    }
  }

  private CallerAcquires() {}

  /** The acquires among the method's own calls {@code calls}, with their carriers. */
  static ImmutableList<Held> of(DirectCalls calls, AcquireReleasePairs pairs, VisitorState state) {
    ImmutableList.Builder<Held> out = ImmutableList.builder();
    for (TreePath path : calls.calls()) {
      Optional<Acquire> found =
          pairs.acquireAt(path.getLeaf(), state.getPath().getCompilationUnit(), state);
      // A lock is held by the thread that took it: no other thread may use or release it. A
      // caller's own counted slot (an in-flight gauge) counts the caller, not what its task uses.
      if (found.isEmpty()
          || found.get().kind() == Acquire.Kind.CLOSEABLE
          || found.get().kind() == Acquire.Kind.LOCK
          || found.get().kind() == Acquire.Kind.COUNTER) {
        continue;
      }
      MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) path.getLeaf());
      boolean permit = method.getReturnType().isPrimitiveOrVoid();
      ImmutableSet.Builder<Symbol> carriers = ImmutableSet.builder();
      ImmutableSet.Builder<AccessPath> holders = ImmutableSet.builder();
      Tree parent = path.getParentPath().getLeaf();
      if (parent instanceof VariableTree variable) {
        Symbol symbol = ASTHelpers.getSymbol(variable);
        carriers.add(symbol);
        holders.add(ReferencePaths.ofSymbol(symbol));
      } else if (parent instanceof AssignmentTree assignment) {
        Optional<AccessPath> chain = ReferencePaths.of(assignment.getVariable());
        chain.ifPresent(
            c -> {
              carriers.add(c.symbols().get(0));
              holders.add(c);
            });
      }
      ImmutableSet<Symbol> held = carriers.build();
      if (permit || !held.isEmpty()) {
        out.add(new Held(found.get().withPublication(holders.build(), false), held, permit));
      }
    }
    return out.build();
  }
}
