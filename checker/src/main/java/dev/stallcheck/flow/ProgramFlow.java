package dev.stallcheck.flow;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSetMultimap;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationScan;
import dev.stallcheck.graph.PerCompilation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What the code of one compilation creates, calls, assigns and returns, read off the one {@link
 * CompilationScan} of every compilation unit: the classes it instantiates (rapid type analysis: a
 * virtual call can only reach a class somebody created), every call site of each method (the
 * arguments that flow into its parameters), every value assigned to each variable, and every value
 * each method returns.
 */
public final class ProgramFlow {
  private static final Context.Key<ProgramFlow> KEY = new Context.Key<>();

  private final ImmutableSetMultimap<ClassSymbol, ClassSymbol> instantiatedSubtypes;
  // Plain maps of lists: a multimap builder would copy every entry of the compilation again.
  private final Map<MethodSymbol, List<CompilationScan.Call>> calls;
  private final Map<MethodSymbol, List<TreePath>> callsOutsideBodies;
  private final ImmutableSet<MethodSymbol> referenced;
  private final Map<VarSymbol, List<TreePath>> assignments;
  private final Map<MethodSymbol, List<TreePath>> returns;
  private final ImmutableSet<ClassSymbol> declared;
  private final ImmutableSet<VarSymbol> updated;

  private ProgramFlow(CompilationScan scan, Types types) {
    ImmutableSetMultimap.Builder<ClassSymbol, ClassSymbol> subtypes =
        ImmutableSetMultimap.builder();
    for (ClassSymbol created : scan.created()) {
      for (Type supertype : types.closure(created.type)) {
        if (supertype.tsym instanceof ClassSymbol type) {
          subtypes.put(type, created);
        }
      }
    }
    this.instantiatedSubtypes = subtypes.build();
    this.calls = scan.callsByCallee();
    this.callsOutsideBodies = scan.callsOutsideBodies();
    this.referenced = ImmutableSet.copyOf(scan.referenced());
    this.assignments = scan.assignments();
    this.returns = scan.returns();
    this.declared = ImmutableSet.copyOf(scan.classes());
    this.updated = ImmutableSet.copyOf(scan.updated());
  }

  /** The flow of the compilation {@code context} belongs to, built on first use. */
  public static ProgramFlow instance(Context context) {
    return PerCompilation.instance(
        context,
        KEY,
        () -> new ProgramFlow(CompilationScan.instance(context), Types.instance(context)));
  }

  /**
   * The classes created in this compilation ({@code new}, {@code ::new}) that are {@code type}s.
   */
  public ImmutableSet<ClassSymbol> instantiatedSubtypesOf(ClassSymbol type) {
    return instantiatedSubtypes.get(type);
  }

  /** Whether {@code type}'s source is part of this compilation. */
  public boolean declares(ClassSymbol type) {
    return declared.contains(type);
  }

  /** Every invocation or {@code new} of {@code method} in this compilation. */
  public List<TreePath> callSitesOf(MethodSymbol method) {
    List<TreePath> sites = new ArrayList<>();
    for (CompilationScan.Call call : calls.getOrDefault(method, List.of())) {
      sites.add(call.path());
    }
    sites.addAll(callsOutsideBodies.getOrDefault(method, List.of()));
    sites.removeIf(site -> site.getLeaf() instanceof MemberReferenceTree);
    return sites;
  }

  /** Whether a method reference names {@code method}: it then has calls that no site shows. */
  public boolean isReferenced(MethodSymbol method) {
    return referenced.contains(method);
  }

  /** Every value assigned to {@code variable} in this compilation (its initializer included). */
  public List<TreePath> assignmentsTo(VarSymbol variable) {
    return valuesOf(assignments, variable);
  }

  /**
   * Whether the parameter {@code parameter} is never assigned after the call passes it in ({@link
   * #isEffectivelyFinal}).
   */
  public boolean isEffectivelyFinalParameter(VarSymbol parameter) {
    return parameter.getKind() == ElementKind.PARAMETER && isEffectivelyFinal(parameter);
  }

  /**
   * Whether {@code variable} keeps the value it starts with: it is declared final, or it is a local
   * variable or parameter that nothing assigns after its declaration and nothing updates ({@code
   * ++}, {@code +=}). Read from the code, never from javac's effectively-final flag: javac sets the
   * flag only when it analyses the flow of the variable's class, and a check may read a class of
   * the compilation whose flow comes later, so a finding would depend on the order of the files. A
   * local declared without a value and assigned once later is not counted (javac may count it).
   */
  public boolean isEffectivelyFinal(VarSymbol variable) {
    if ((variable.flags() & Flags.FINAL) != 0) {
      return true;
    }
    return switch (variable.getKind()) {
      case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE ->
          !updated.contains(variable)
              && (!assignments.containsKey(variable) || onlyInitializer(variable) != null);
      default -> false;
    };
  }

  /**
   * The one value of the local variable {@code local}: its initializer, when nothing assigns or
   * updates it afterwards; else null.
   */
  public @Nullable ExpressionTree onlyValueOf(VarSymbol local) {
    if (local.getKind() != ElementKind.LOCAL_VARIABLE || updated.contains(local)) {
      return null;
    }
    TreePath value = onlyInitializer(local);
    return value == null ? null : (ExpressionTree) value.getLeaf();
  }

  /**
   * The one value ever assigned to the local variable {@code local}, by its initializer or by the
   * one assignment of a local declared without one (which javac makes sure runs before any read);
   * null if it has several or is changed in place.
   */
  public @Nullable ExpressionTree onlyAssignedValueOf(VarSymbol local) {
    if (local.getKind() != ElementKind.LOCAL_VARIABLE || updated.contains(local)) {
      return null;
    }
    List<TreePath> values = valuesOf(assignments, local);
    return values.size() == 1 ? (ExpressionTree) values.get(0).getLeaf() : null;
  }

  /** The initializer of {@code variable}, when it is the only value assigned to it; else null. */
  private @Nullable TreePath onlyInitializer(VarSymbol variable) {
    List<TreePath> values = valuesOf(assignments, variable);
    return values.size() == 1 && values.get(0).getParentPath().getLeaf() instanceof VariableTree
        ? values.get(0)
        : null;
  }

  /** The expression of every {@code return} in {@code method}'s own body (not in its lambdas). */
  public List<TreePath> returnsOf(MethodSymbol method) {
    return valuesOf(returns, method);
  }

  private static <K> List<TreePath> valuesOf(Map<K, List<TreePath>> map, K key) {
    List<TreePath> values = map.get(key);
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }
}
