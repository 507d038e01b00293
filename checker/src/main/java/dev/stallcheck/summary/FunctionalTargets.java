package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.api.FunctionalInterfaces;
import dev.stallcheck.flow.CollectionElements;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.CompilationScan;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The lambdas and method references a call of a functional interface's method may run, which the
 * summaries follow as bodies of that method ({@link SummaryNode.Kind#FUNCTIONAL}):
 *
 * <ul>
 *   <li>every value the receiver may hold, when each is one (a field set to {@code m -> q.put(m)}
 *       or {@code this::enqueue});
 *   <li>else, for an element of a field's collection, those added to it ({@link
 *       CollectionElements});
 *   <li>else, for an interface of the compilation, every one the compilation writes for it.
 * </ul>
 *
 * The last two stop at a plugin point's count, as a call with many bodies does. Otherwise none: a
 * library's interface of unknown origin (a {@code Runnable}) is not fanned out to the compilation's
 * lambdas, and a callback parameter of the calling method runs while the call runs, which {@code
 * TemplateCallbacks} reports where the caller writes it, under the locks held there.
 */
final class FunctionalTargets {
  private final CompilationIndex index;
  private final ValueFlow values;
  private final int max;
  private final VisitorState state;

  FunctionalTargets(CompilationIndex index, ValueFlow values, int max, VisitorState state) {
    this.index = index;
    this.values = values;
    this.max = max;
    this.state = state;
  }

  /**
   * What the call of {@code callee} on {@code receiver}, written at {@code at} in {@code caller}
   * (null: an initializer or a lambda), may run; empty for any other call.
   */
  ImmutableList<TreePath> targetsOf(
      MethodSymbol callee,
      @Nullable ExpressionTree receiver,
      TreePath at,
      @Nullable MethodSymbol caller) {
    if (receiver == null
        || (callee.flags() & Flags.ABSTRACT) == 0
        || isParameterOf(receiver, caller)
        || !(ASTHelpers.getType(receiver) instanceof Type type)
        || !(type.tsym instanceof ClassSymbol face)
        || !face.isInterface()
        || !callee.equals(descriptorOf(face))) {
      return ImmutableList.of();
    }
    Optional<ImmutableList<TreePath>> origins = values.originsOf(new TreePath(at, receiver));
    if (origins.isPresent()
        && !origins.get().isEmpty()
        && origins.get().stream().allMatch(origin -> isFunctionalObject(origin.getLeaf()))) {
      return origins.get();
    }
    if (origins.isEmpty()) {
      // Some values come from outside (a public setter's callers): the lambdas the compilation
      // stores there still run.
      ImmutableList<TreePath> shown =
          values.visibleOriginsOf(new TreePath(at, receiver)).stream()
              .filter(origin -> isFunctionalObject(origin.getLeaf()))
              .collect(ImmutableList.toImmutableList());
      if (!shown.isEmpty() && shown.size() <= max) {
        return shown;
      }
    }
    VarSymbol collection = CollectionElements.elementOf(receiver, at);
    if (collection != null) {
      ImmutableList<TreePath> added =
          CollectionElements.instance(state).addedTo(collection).stream()
              .filter(element -> isFunctionalObject(element.getLeaf()))
              .collect(ImmutableList.toImmutableList());
      if (!added.isEmpty() && added.size() <= max) {
        return added;
      }
    }
    if (!index.declares(face)) {
      return ImmutableList.of();
    }
    List<TreePath> written =
        CompilationScan.instance(state.context).functionalObjects().getOrDefault(face, List.of());
    return written.size() <= max ? ImmutableList.copyOf(written) : ImmutableList.of();
  }

  private static boolean isParameterOf(ExpressionTree e, @Nullable MethodSymbol caller) {
    return caller != null
        && ASTHelpers.stripParentheses(e) instanceof IdentifierTree
        && caller.getParameters().contains(ASTHelpers.getSymbol(e));
  }

  /**
   * The method of the functional interface {@code face}; null for any other interface (most
   * interface calls: {@code List.add}), settled by the memoized test before javac is asked, whose
   * failure to find one costs an exception and its diagnostic.
   */
  private @Nullable MethodSymbol descriptorOf(ClassSymbol face) {
    return FunctionalInterfaces.isFunctional(face.type, state)
        ? FunctionalInterfaces.descriptorOf(face, state.getTypes())
        : null;
  }

  /** Whether {@code tree} is a lambda or a method reference: code a functional call runs. */
  static boolean isFunctionalObject(Tree tree) {
    return tree instanceof LambdaExpressionTree || tree instanceof MemberReferenceTree;
  }
}
