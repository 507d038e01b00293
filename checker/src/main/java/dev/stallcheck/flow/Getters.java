package dev.stallcheck.flow;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.paths.BareExpression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Getters that only return one of their object's final fields ({@code int getType() { return type;
 * }}), so that a guard on {@code evt.getType()} tests the field a constructor stored a constant in.
 * Only where no other method can run in the getter's place: it is final or private, its class is
 * final, or no method of the compilation overrides it. Memoized per method.
 */
final class Getters {
  private final ProgramFlow flow;

  /** Built only when a getter's overriders are asked for. */
  private final Supplier<CompilationIndex> index;

  private final Map<MethodSymbol, Optional<VarSymbol>> returned = new HashMap<>();

  Getters(ProgramFlow flow, Supplier<CompilationIndex> index) {
    this.flow = flow;
    this.index = index;
  }

  /** The final instance field {@code getter} only returns; null if none, or if it may differ. */
  @Nullable VarSymbol fieldReturnedBy(MethodSymbol getter) {
    return returned.computeIfAbsent(getter, this::find).orElse(null);
  }

  private Optional<VarSymbol> find(MethodSymbol getter) {
    List<TreePath> returns = flow.returnsOf(getter);
    if (!getter.getParameters().isEmpty() || returns.size() != 1 || !exact(getter)) {
      return Optional.empty();
    }
    ExpressionTree e = ASTHelpers.stripParentheses((ExpressionTree) returns.get(0).getLeaf());
    boolean ownField = BareExpression.isOwnMember(e);
    return ownField
            && ASTHelpers.getSymbol(e) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && !field.isStatic()
            && (field.flags() & Flags.FINAL) != 0
        ? Optional.of(field)
        : Optional.empty();
  }

  private boolean exact(MethodSymbol getter) {
    return (getter.flags() & (Flags.FINAL | Flags.PRIVATE)) != 0
        || (getter.enclClass().flags() & Flags.FINAL) != 0
        || (flow.declares(getter.enclClass()) && index.get().overridersOf(getter).isEmpty());
  }
}
