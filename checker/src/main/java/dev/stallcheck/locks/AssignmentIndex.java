package dev.stallcheck.locks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationIndex;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * Every value assigned to each variable in one compilation unit: initializers and plain {@code =}
 * assignments. Built once per compilation unit (cached in the javac {@link Context}), in one pass.
 *
 * <p>Answers "what can this variable hold?" where the answer is complete: for locals, and for
 * private or final fields (whose every assignment is in the compilation unit of their class).
 */
public final class AssignmentIndex {
  private static final Context.Key<Map<CompilationUnitTree, AssignmentIndex>> CACHE =
      new Context.Key<>();

  private final ImmutableListMultimap<VarSymbol, ExpressionTree> values;

  private AssignmentIndex(ImmutableListMultimap<VarSymbol, ExpressionTree> values) {
    this.values = values;
  }

  /**
   * All values ever assigned to {@code variable}, if that set is fully known and not empty: the
   * variable is a local declared in {@code where}'s compilation unit, or a private or final field
   * whose class's source is in this compilation. Parameters and other fields are unknown.
   */
  public static Optional<ImmutableList<ExpressionTree>> allValuesOf(
      VarSymbol variable, TreePath where, VisitorState state) {
    CompilationUnitTree unit;
    if (variable.getKind() == ElementKind.LOCAL_VARIABLE
        || variable.getKind() == ElementKind.RESOURCE_VARIABLE) {
      unit = where.getCompilationUnit();
    } else if (variable.getKind() == ElementKind.FIELD
        && (variable.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0) {
      // The scan's index, not javac's Trees.getPath: that one walks the whole file at every call.
      TreePath declaration = CompilationIndex.instance(state.context).declaration(variable);
      if (declaration == null) {
        return Optional.empty();
      }
      unit = declaration.getCompilationUnit();
    } else {
      return Optional.empty();
    }
    ImmutableList<ExpressionTree> assigned = forUnit(unit, state.context).values.get(variable);
    return assigned.isEmpty() ? Optional.empty() : Optional.of(assigned);
  }

  private static AssignmentIndex forUnit(CompilationUnitTree unit, Context context) {
    Map<CompilationUnitTree, AssignmentIndex> cache = context.get(CACHE);
    if (cache == null) {
      cache = new IdentityHashMap<>();
      context.put(CACHE, cache);
    }
    return cache.computeIfAbsent(unit, AssignmentIndex::build);
  }

  private static AssignmentIndex build(CompilationUnitTree unit) {
    ImmutableListMultimap.Builder<VarSymbol, ExpressionTree> values =
        ImmutableListMultimap.builder();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        VarSymbol symbol = ASTHelpers.getSymbol(tree);
        if (symbol != null && tree.getInitializer() != null) {
          values.put(symbol, tree.getInitializer());
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(tree.getVariable());
        if (symbol instanceof VarSymbol variable) {
          values.put(variable, tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(unit, null);
    return new AssignmentIndex(values.build());
  }
}
