package dev.stallcheck.flow;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.ClassVisibility;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The bodies a virtual call may run, by what its receiver may be: each class the receiver may be
 * runs the one implementation it inherits or declares. The classes are those the receiver's value
 * is known to be, else those the compilation instantiates below the receiver's static type (rapid
 * type analysis); a receiver typed by a library or JDK type with no known value reaches no body of
 * the compilation (a {@code Runnable} says nothing about which of many tasks it holds). One per
 * compilation, shared by both checks, so that each call is resolved the same way for both.
 */
public final class CallTargets {
  private static final Context.Key<CallTargets> KEY = new Context.Key<>();

  private static final Comparator<MethodSymbol> BY_NAME =
      Comparator.comparing((MethodSymbol m) -> m.enclClass().flatName().toString())
          .thenComparing(Symbol::toString);

  private final ProgramFlow flow;
  private final CompilationIndex index;
  private final Types types;

  /** The targets of calls whose receiver is known only by its static type, memoized. */
  private final Map<MethodSymbol, Map<ClassSymbol, ImmutableList<Target>>> byStaticType =
      new HashMap<>();

  /** The implementation each class runs for each method, memoized. */
  private final Map<MethodSymbol, Map<ClassSymbol, Optional<MethodSymbol>>> implementations =
      new HashMap<>();

  private CallTargets(ProgramFlow flow, CompilationIndex index, Types types) {
    this.flow = flow;
    this.index = index;
    this.types = types;
  }

  public static CallTargets instance(Context context) {
    return PerCompilation.instance(
        context,
        KEY,
        () ->
            new CallTargets(
                ProgramFlow.instance(context),
                CompilationIndex.instance(context),
                Types.instance(context)));
  }

  /**
   * Whether a call of {@code method} on {@code receiver} (null: none written) runs the method's own
   * declaration, with no dispatch: a static, private or final method, a constructor, a method of a
   * final class, or a {@code super.} call.
   */
  public static boolean runsDeclaredBody(MethodSymbol method, @Nullable ExpressionTree receiver) {
    return method.isStatic()
        || method.isConstructor()
        || (method.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0
        || (method.owner.flags() & Flags.FINAL) != 0
        || (receiver != null && ASTHelpers.isSuper(receiver));
  }

  /**
   * The class to resolve a call of a method of {@code owner} by: the static type of {@code
   * receiver} when it is a subclass of {@code owner}; else (no receiver written, a type variable)
   * {@code owner}, a superset of the calling class's subtypes, so never too narrow.
   */
  public static ClassSymbol receiverClass(
      @Nullable ExpressionTree receiver, ClassSymbol owner, Types types) {
    if (receiver != null
        && ASTHelpers.getType(receiver) instanceof Type type
        && type.tsym instanceof ClassSymbol declared
        && declared.isSubClass(owner, types)) {
      return declared;
    }
    return owner;
  }

  /**
   * The bodies a call of {@code method} on a receiver of static class {@code staticType} reaches,
   * each with the receiver classes that reach it; {@code known} are the classes the receiver may be
   * (null: unknown; empty: only {@code null}, which reaches nothing). Ordered by class name, so
   * that messages are the same on every run.
   */
  public ImmutableList<Target> resolve(
      MethodSymbol method, ClassSymbol staticType, @Nullable Set<ClassSymbol> known) {
    if (known != null) {
      return targets(method, known);
    }
    return byStaticType
        .computeIfAbsent(method, unused -> new HashMap<>())
        .computeIfAbsent(staticType, unused -> resolveByType(method, staticType));
  }

  private ImmutableList<Target> resolveByType(MethodSymbol method, ClassSymbol staticType) {
    if (!index.declares(staticType)) {
      return ImmutableList.of();
    }
    Set<ClassSymbol> classes = flow.instantiatedSubtypesOf(staticType);
    if (classes.isEmpty() && !ClassVisibility.isNameableOutside(staticType)) {
      // No code outside the compilation can name the type: its objects are of the classes the
      // compilation declares below it, created where it does not show (by reflection).
      classes = concrete(index.subclassesOf(staticType));
    }
    if (classes.isEmpty()) {
      // Created elsewhere (by reflection, or by another module): at least a staticType.
      MethodSymbol own = implementation(method, staticType);
      return own == null ? ImmutableList.of() : ImmutableList.of(new Target(own, null));
    }
    return targets(method, classes);
  }

  /**
   * The classes of {@code classes} that can have objects of their own: not abstract, no interface.
   */
  static Set<ClassSymbol> concrete(Set<ClassSymbol> classes) {
    Set<ClassSymbol> concrete = new LinkedHashSet<>();
    for (ClassSymbol type : classes) {
      if ((type.flags() & (Flags.ABSTRACT | Flags.INTERFACE)) == 0) {
        concrete.add(type);
      }
    }
    return concrete;
  }

  private ImmutableList<Target> targets(MethodSymbol method, Set<ClassSymbol> classes) {
    Map<MethodSymbol, ImmutableSet.Builder<ClassSymbol>> byBody = new TreeMap<>(BY_NAME);
    for (ClassSymbol type : classes) {
      MethodSymbol body = implementation(method, type);
      if (body != null) {
        byBody.computeIfAbsent(body, unused -> ImmutableSet.builder()).add(type);
      }
    }
    ImmutableList.Builder<Target> targets = ImmutableList.builder();
    byBody.forEach((body, receivers) -> targets.add(new Target(body, receivers.build())));
    return targets.build();
  }

  /**
   * One body a call reaches, and the classes of the receivers that run it (null: unknown, a class
   * the compilation never creates).
   */
  public record Target(MethodSymbol body, @Nullable ImmutableSet<ClassSymbol> receivers) {}

  /** The body an object of exactly {@code type} runs for {@code method}; null if none. */
  @Nullable
  private MethodSymbol implementation(MethodSymbol method, ClassSymbol type) {
    return implementations
        .computeIfAbsent(method, unused -> new HashMap<>())
        .computeIfAbsent(type, unused -> Optional.ofNullable(lookUp(method, type)))
        .orElse(null);
  }

  @Nullable
  private MethodSymbol lookUp(MethodSymbol method, ClassSymbol type) {
    for (Type t = type.type; t != null && t.tsym instanceof ClassSymbol c; t = types.supertype(t)) {
      for (Symbol member : c.members().getSymbolsByName(method.name)) {
        if (member instanceof MethodSymbol candidate
            && (candidate.flags() & Flags.ABSTRACT) == 0
            && (candidate == method || candidate.overrides(method, type, types, true))) {
          return candidate;
        }
      }
    }
    // No class declares a body: a default method the class inherits.
    List<MethodSymbol> defaults =
        index.overridersOf(method).stream()
            .filter(m -> (m.flags() & Flags.DEFAULT) != 0 && type.isSubClass(m.enclClass(), types))
            .toList();
    if (!defaults.isEmpty()) {
      return defaults.get(defaults.size() - 1);
    }
    return (method.flags() & Flags.DEFAULT) != 0 && type.isSubClass(method.enclClass(), types)
        ? method
        : null;
  }
}
