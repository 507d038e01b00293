package dev.stallcheck.graph;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Scope.LookupKind;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Name;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where every class, method and field of the current compilation is declared, and, found on demand,
 * every override of a method (the class-hierarchy analysis that resolves an interface or
 * overridable call to the implementations it may reach). Read off the {@link CompilationScan} of
 * every compilation unit: under the {@code -XDcompilePolicy=simple} that Error Prone requires, all
 * of them are attributed before any check runs. (Looking declarations up one by one through {@code
 * JavacTrees.getPath} would rescan a file per method.)
 */
public final class CompilationIndex {
  private static final Context.Key<CompilationIndex> SHARED = new Context.Key<>();

  private static final Context.Key<ImmutableList<CompilationUnitTree>> UNITS = new Context.Key<>();

  private final Types types;
  private final Map<Symbol, CompilationScan.Declared> declarations;

  /** Every class of the compilation, in the order of the scan (a class before its nested ones). */
  private final ImmutableList<ClassSymbol> classes;

  private final int methodCount;

  /**
   * By class, the classes of the compilation that are it or its subtypes, in the order of {@link
   * #classes}; built on the first override asked for.
   */
  private @Nullable Map<Symbol, Set<ClassSymbol>> subclasses;

  /**
   * The overrides of each method asked about: found on demand, since most methods never are, and
   * finding a method's super methods walks its class's supertypes.
   */
  private final Map<MethodSymbol, ImmutableList<MethodSymbol>> overriders = new HashMap<>();

  /** See {@link #candidatesByName()}. */
  private @Nullable Map<Name, List<MethodSymbol>> candidatesByName;

  private CompilationIndex(
      Types types,
      Map<Symbol, CompilationScan.Declared> declarations,
      ImmutableList<ClassSymbol> classes,
      int methodCount) {
    this.types = types;
    this.declarations = declarations;
    this.classes = classes;
    this.methodCount = methodCount;
  }

  /**
   * The index of the compilation {@code context} belongs to, built on first use and shared by every
   * later caller in the same compilation (both checks' summaries and the lock effects).
   */
  public static CompilationIndex instance(Context context) {
    return PerCompilation.instance(context, SHARED, () -> of(context));
  }

  /**
   * The source files of the compilation {@code context} belongs to, in the fixed order of their
   * names, the order every scan of the whole compilation visits them in.
   */
  public static ImmutableList<CompilationUnitTree> units(Context context) {
    return PerCompilation.instance(context, UNITS, () -> sortedUnits(context));
  }

  private static ImmutableList<CompilationUnitTree> sortedUnits(Context context) {
    // javac keeps its class environments in a hash map keyed by identity-hashed symbols: visit the
    // files in a fixed order, so that the overriders (and so the chain a message names) are the
    // same on every run.
    Set<JCCompilationUnit> seen = new HashSet<>();
    List<JCCompilationUnit> units = new ArrayList<>();
    for (Env<AttrContext> env : Enter.instance(context).getEnvs()) {
      if (env.toplevel != null && seen.add(env.toplevel)) {
        units.add(env.toplevel);
      }
    }
    // Each name once, as javac was given it: a URI would cost a parse and a file system call.
    Map<JCCompilationUnit, String> names = new HashMap<>();
    for (JCCompilationUnit unit : units) {
      names.put(unit, unit.getSourceFile().getName());
    }
    units.sort(Comparator.comparing(names::get));
    return ImmutableList.copyOf(units);
  }

  private static CompilationIndex of(Context context) {
    CompilationScan scan = CompilationScan.instance(context);
    return new CompilationIndex(
        Types.instance(context), scan.declarations(), scan.classes(), scan.methods().size());
  }

  /** The path to the declaration of a class, method or field of this compilation; else null. */
  @Nullable
  public TreePath declaration(Symbol symbol) {
    CompilationScan.Declared declared = declarations.get(symbol);
    return declared == null ? null : declared.path();
  }

  /** Whether {@code type}'s source is part of this compilation (not a library or the JDK). */
  public boolean declares(ClassSymbol type) {
    return declarations.containsKey(type);
  }

  /** How many methods (constructors included) the compilation declares. */
  public int methodCount() {
    return methodCount;
  }

  /**
   * The methods of this compilation that override {@code method}, directly or not: in the order of
   * their classes in the scan, so that a chain through them is the same on every run.
   */
  public ImmutableList<MethodSymbol> overridersOf(MethodSymbol method) {
    ImmutableList<MethodSymbol> known = overriders.get(method);
    if (known == null) {
      known = findOverriders(method);
      overriders.put(method, known);
    }
    return known;
  }

  /**
   * The methods of the subclasses of {@code method}'s class with its name that have it among their
   * super methods (an override is in a subclass and has the name of what it overrides). Found among
   * whichever is fewer: those subclasses, or the methods of the compilation with that name. A base
   * class with a hundred subclasses is asked about for each of its methods, and most names are
   * declared a few times only.
   */
  private ImmutableList<MethodSymbol> findOverriders(MethodSymbol method) {
    ImmutableList.Builder<MethodSymbol> found = ImmutableList.builder();
    Set<ClassSymbol> below = subclassesOf(method.owner);
    List<MethodSymbol> named = candidatesByName().getOrDefault(method.getSimpleName(), List.of());
    if (named.size() < below.size()) {
      for (MethodSymbol candidate : named) {
        if (below.contains(candidate.owner) && overrides(candidate, method)) {
          found.add(candidate);
        }
      }
    } else {
      for (ClassSymbol type : below) {
        for (Symbol member : type.members().getSymbolsByName(method.getSimpleName())) {
          if (member instanceof MethodSymbol candidate
              && mayOverride(candidate)
              && overrides(candidate, method)) {
            found.add(candidate);
          }
        }
      }
    }
    return found.build();
  }

  /**
   * By name, the methods of the compilation's classes that may override another, in the order of
   * {@link #classes}; built on the first override asked for.
   */
  private Map<Name, List<MethodSymbol>> candidatesByName() {
    if (candidatesByName == null) {
      candidatesByName = new HashMap<>();
      for (ClassSymbol type : classes) {
        for (Symbol member : type.members().getSymbols(LookupKind.NON_RECURSIVE)) {
          if (member instanceof MethodSymbol candidate && mayOverride(candidate)) {
            candidatesByName
                .computeIfAbsent(candidate.getSimpleName(), unused -> new ArrayList<>())
                .add(candidate);
          }
        }
      }
    }
    return candidatesByName;
  }

  private static boolean mayOverride(MethodSymbol candidate) {
    return !candidate.isConstructor()
        && (candidate.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.SYNTHETIC)) == 0;
  }

  /**
   * The one override test, not a search of every super method: a visitor class declares hundreds of
   * overloads of one name, and each search would walk them all again.
   */
  private boolean overrides(MethodSymbol candidate, MethodSymbol method) {
    return candidate != method
        && candidate.getParameters().size() == method.getParameters().size()
        && candidate.overrides(
            method, (ClassSymbol) candidate.owner, types, /* checkResult= */ true);
  }

  /**
   * The classes of the compilation that are {@code type} or a subtype of it, in the order of the
   * scan.
   */
  public Set<ClassSymbol> subclassesOf(Symbol type) {
    if (subclasses == null) {
      subclasses = new HashMap<>();
      // Each class under each of its supertypes: linear in the classes and their supertypes.
      for (ClassSymbol each : classes) {
        for (Type supertype : types.closure(each.type)) {
          subclasses.computeIfAbsent(supertype.tsym, unused -> new LinkedHashSet<>()).add(each);
        }
      }
    }
    return subclasses.getOrDefault(type, Set.of());
  }
}
