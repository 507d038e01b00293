package dev.stallcheck.graph;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where every class, method and field of the current compilation is declared, and every override of
 * every method (the class-hierarchy analysis that resolves an interface or overridable call to the
 * implementations it may reach). Built by one scan of every compilation unit: under the {@code
 * -XDcompilePolicy=simple} that Error Prone requires, all of them are attributed before any check
 * runs. (Looking declarations up one by one through {@code JavacTrees.getPath} would rescan a file
 * per method.)
 */
public final class CompilationIndex {
  private static final Context.Key<CompilationIndex> SHARED = new Context.Key<>();

  private final ImmutableMap<Symbol, TreePath> declarations;
  private final ImmutableListMultimap<MethodSymbol, MethodSymbol> overriders;
  private final ImmutableList<CompilationUnitTree> units;
  private final int methodCount;

  private CompilationIndex(
      ImmutableMap<Symbol, TreePath> declarations,
      ImmutableListMultimap<MethodSymbol, MethodSymbol> overriders,
      ImmutableList<CompilationUnitTree> units) {
    this.declarations = declarations;
    this.overriders = overriders;
    this.units = units;
    this.methodCount =
        (int) declarations.keySet().stream().filter(s -> s instanceof MethodSymbol).count();
  }

  /**
   * The index of the compilation {@code context} belongs to, built on first use and shared by every
   * later caller in the same compilation (both checks' summaries and the lock effects).
   */
  public static CompilationIndex instance(Context context) {
    return PerCompilation.instance(context, SHARED, () -> of(context));
  }

  private static CompilationIndex of(Context context) {
    Types types = Types.instance(context);
    Map<Symbol, TreePath> declarations = new HashMap<>();
    ImmutableListMultimap.Builder<MethodSymbol, MethodSymbol> overriders =
        ImmutableListMultimap.builder();
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
    // Each name once: a URI costs a parse, and the sort compares every unit many times.
    Map<JCCompilationUnit, String> names = new HashMap<>();
    for (JCCompilationUnit unit : units) {
      names.put(unit, unit.getSourceFile().toUri().toString());
    }
    units.sort(Comparator.comparing(names::get));
    for (JCCompilationUnit unit : units) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          ClassSymbol type = ASTHelpers.getSymbol(tree);
          if (type != null) {
            declarations.put(type, getCurrentPath());
            indexOverrides(type, types, overriders);
          }
          return super.visitClass(tree, null);
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
          MethodSymbol method = ASTHelpers.getSymbol(tree);
          if (method != null) {
            declarations.put(method, getCurrentPath());
          }
          return super.visitMethod(tree, null);
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          VarSymbol variable = ASTHelpers.getSymbol(tree);
          if (variable != null && variable.getKind().isField()) {
            declarations.put(variable, getCurrentPath());
          }
          return super.visitVariable(tree, null);
        }
      }.scan(new TreePath(unit), null);
    }
    return new CompilationIndex(
        ImmutableMap.copyOf(declarations), overriders.build(), ImmutableList.copyOf(units));
  }

  private static void indexOverrides(
      ClassSymbol type,
      Types types,
      ImmutableListMultimap.Builder<MethodSymbol, MethodSymbol> overriders) {
    for (Symbol member : ASTHelpers.getEnclosedElements(type)) {
      if (member instanceof MethodSymbol
          && !member.isConstructor()
          && (member.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.SYNTHETIC)) == 0) {
        MethodSymbol method = (MethodSymbol) member;
        for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, types)) {
          overriders.put(overridden, method);
        }
      }
    }
  }

  /** The path to the declaration of a class, method or field of this compilation; else null. */
  @Nullable
  public TreePath declaration(Symbol symbol) {
    return declarations.get(symbol);
  }

  /** The compilation's source files, in the fixed order of their names. */
  public ImmutableList<CompilationUnitTree> units() {
    return units;
  }

  /** Whether {@code type}'s source is part of this compilation (not a library or the JDK). */
  public boolean declares(ClassSymbol type) {
    return declarations.containsKey(type);
  }

  /** How many methods (constructors included) the compilation declares. */
  public int methodCount() {
    return methodCount;
  }

  /** The methods of this compilation that override {@code method}, directly or not. */
  public ImmutableList<MethodSymbol> overridersOf(MethodSymbol method) {
    return overriders.get(method);
  }
}
