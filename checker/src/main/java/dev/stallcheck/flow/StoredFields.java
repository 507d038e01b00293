package dev.stallcheck.flow;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.graph.CompilationIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Constants that a constructor stores in final fields, and getters that read such a field: {@code
 * new Event(Event.CONNECT, addr)} with {@code Event(int type, Object arg) { this.type = type; ...
 * }} makes an object whose {@code type} is {@code CONNECT}, and {@code evt.getType()} with {@code
 * int getType() { return type; }} reads it. A final field is set once, so the constant holds for
 * the object's whole life. Memoized per constructor and method for the compilation.
 */
final class StoredFields {
  private final ProgramFlow flow;
  /** Built only when a getter's overriders are asked for. */
  private final Supplier<CompilationIndex> index;

  /** Per constructor: the parameter whose value it stores, by final field. */
  private final Map<MethodSymbol, ImmutableMap<VarSymbol, Integer>> stored = new HashMap<>();

  private final Map<MethodSymbol, Optional<VarSymbol>> returned = new HashMap<>();

  StoredFields(ProgramFlow flow, Supplier<CompilationIndex> index) {
    this.flow = flow;
    this.index = index;
  }

  /** The constants the constructor {@code creation} runs stores in final fields, by field. */
  ImmutableMap<VarSymbol, Value> constantsOf(NewClassTree creation) {
    if (creation.getClassBody() != null
        || !(ASTHelpers.getSymbol(creation) instanceof MethodSymbol constructor)) {
      return ImmutableMap.of();
    }
    List<? extends ExpressionTree> arguments = creation.getArguments();
    ImmutableMap.Builder<VarSymbol, Value> constants = ImmutableMap.builder();
    storedBy(constructor)
        .forEach(
            (field, parameter) -> {
              Value value =
                  parameter < arguments.size()
                      ? ValueFlow.originValue(arguments.get(parameter))
                      : Value.UNKNOWN;
              if (value.isKnown() && value.classes() == null) {
                constants.put(field, value);
              }
            });
    return constants.buildOrThrow();
  }

  /**
   * The final instance field a method of no parameters only returns ({@code return type;}), if no
   * other method can run in its place: it is final or private, its class is final, or no method of
   * the compilation overrides it.
   */
  @Nullable
  VarSymbol fieldReturnedBy(MethodSymbol getter) {
    return returned.computeIfAbsent(getter, this::findReturnedField).orElse(null);
  }

  private Optional<VarSymbol> findReturnedField(MethodSymbol getter) {
    boolean exact =
        (getter.flags() & (Flags.FINAL | Flags.PRIVATE)) != 0
            || (getter.enclClass().flags() & Flags.FINAL) != 0
            || (flow.declares(getter.enclClass()) && index.get().overridersOf(getter).isEmpty());
    ImmutableList<TreePath> returns = flow.returnsOf(getter);
    if (!exact || !getter.getParameters().isEmpty() || returns.size() != 1) {
      return Optional.empty();
    }
    ExpressionTree e = ASTHelpers.stripParentheses((ExpressionTree) returns.get(0).getLeaf());
    boolean ownField =
        e instanceof IdentifierTree
            || (e instanceof MemberSelectTree select
                && select.getExpression() instanceof IdentifierTree self
                && self.getName().contentEquals("this"));
    return ownField && ASTHelpers.getSymbol(e) instanceof VarSymbol field && isFinalField(field)
        ? Optional.of(field)
        : Optional.empty();
  }

  /**
   * The final fields {@code constructor} sets, once, straight from one of its parameters, with that
   * parameter's index.
   */
  private ImmutableMap<VarSymbol, Integer> storedBy(MethodSymbol constructor) {
    return stored.computeIfAbsent(constructor, this::findStored);
  }

  private ImmutableMap<VarSymbol, Integer> findStored(MethodSymbol constructor) {
    ClassSymbol type = constructor.enclClass();
    ImmutableMap.Builder<VarSymbol, Integer> found = ImmutableMap.builder();
    for (Symbol member : type.getEnclosedElements()) {
      if (!(member instanceof VarSymbol field) || !isFinalField(field)) {
        continue;
      }
      List<TreePath> here =
          flow.assignmentsTo(field).stream()
              .filter(
                  assigned -> {
                    MethodTree in = ASTHelpers.findEnclosingNode(assigned, MethodTree.class);
                    return in != null && constructor.equals(ASTHelpers.getSymbol(in));
                  })
              .toList();
      if (here.size() == 1) {
        TreePath assigned = here.get(0);
        if (ASTHelpers.stripParentheses((ExpressionTree) assigned.getLeaf())
                instanceof IdentifierTree value
            && ASTHelpers.getSymbol(value) instanceof VarSymbol parameter
            && parameter.owner == constructor
            && flow.isEffectivelyFinalParameter(parameter)) {
          int position = constructor.getParameters().indexOf(parameter);
          if (position >= 0
              && !(constructor.isVarArgs() && position == constructor.params().size() - 1)) {
            found.put(field, position);
          }
        }
      }
    }
    return found.buildOrThrow();
  }

  private static boolean isFinalField(VarSymbol field) {
    return field.getKind() == ElementKind.FIELD
        && (field.flags() & Flags.FINAL) != 0
        && (field.flags() & Flags.STATIC) == 0;
  }
}
