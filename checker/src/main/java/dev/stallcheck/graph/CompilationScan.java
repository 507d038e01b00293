package dev.stallcheck.graph;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one scan of every file of the compilation that both whole-compilation views are read from:
 * where each class, method and field is declared ({@link CompilationIndex}), and what the code
 * creates, calls, assigns and returns ({@code flow.ProgramFlow}). Every compilation with a lock or
 * a queue in it needs both, and one traversal of every tree costs about as much as the work done at
 * the few nodes either records. Files are scanned in the fixed order of {@link
 * CompilationIndex#units}, so every list below is in the same order on every run.
 *
 * <p>Mutable only while it scans; its owners read it afterwards.
 */
public final class CompilationScan extends LazyPathScanner<Void, Void> {
  private static final Context.Key<CompilationScan> KEY = new Context.Key<>();

  /**
   * The bodies some code is written in, innermost first: a method (its lambdas, local and anonymous
   * classes included), or a class for its field initializers and initializer blocks.
   */
  public record Bodies(Symbol body, @Nullable Bodies outer) {}

  /**
   * A call (an invocation, a {@code new}, a method reference) written in a body, with the bodies it
   * is written in, whether it is written in a lambda of the innermost one, which may run later, and
   * its place among the calls of the compilation (in the order of the files and of their code, a
   * call before its arguments), by which calls gathered from several callees are put back in that
   * order.
   */
  public record Call(
      TreePath path, MethodSymbol callee, Bodies bodies, boolean inLambda, int order) {
    /** Sorts {@code calls} into the order of the files and of their code. */
    public static void sort(List<Call> calls) {
      calls.sort(Comparator.comparingInt(Call::order));
    }
  }

  /**
   * A declaration of a class, method or field, and the calls written in it as a body: a method's
   * own, its lambdas' included, not those of the classes it declares; a class's initializers'. Kept
   * in one entry, so that the scan looks each symbol up once.
   */
  record Declared(TreePath path, List<Call> calls) {}

  private final Map<Symbol, Declared> declarations = new HashMap<>();
  private final List<ClassSymbol> classes = new ArrayList<>();
  private final Set<ClassSymbol> created = new HashSet<>();
  private final Set<MethodSymbol> referenced = new HashSet<>();
  private final Map<VarSymbol, List<TreePath>> assignments = new HashMap<>();
  private final Map<MethodSymbol, List<TreePath>> returns = new HashMap<>();

  /** The lambdas and method references of the compilation, by the interface each implements. */
  private final Map<ClassSymbol, List<TreePath>> functionalObjects = new HashMap<>();

  /** The interfaces of the lambdas and method references written in each body. */
  private final Map<Symbol, Set<ClassSymbol>> functionalTypesIn = new HashMap<>();

  /** Variables changed in place: {@code x += 1}, {@code x++}. */
  private final Set<VarSymbol> updated = new HashSet<>();

  /**
   * Every call written in a body, by the method or constructor it names, each callee's in the order
   * of the files and of their code. Kept by callee, not in one list: every question asked of all
   * the calls of the compilation (which pass a test, which name a callee that may reach one) is
   * settled by the callee for nearly all of them, and there are several calls per callee.
   */
  private final Map<MethodSymbol, List<Call>> callsByCallee = new HashMap<>();

  /**
   * The calls written outside any body, by callee in the order of the scan: javac's trees put every
   * call in a body, and these are kept so that a call elsewhere is not lost.
   */
  private final Map<MethodSymbol, List<TreePath>> callsOutsideBodies = new LinkedHashMap<>();

  /** Every method of the compilation with a declaration, in the order of the scan. */
  private final List<MethodSymbol> methods = new ArrayList<>();

  /** How many calls the scan has recorded. */
  private int callCount;

  private @Nullable Bodies bodies;

  /** The calls of the innermost of {@link #bodies}. */
  private @Nullable List<Call> bodyCalls;

  /** Whether the scan is in a lambda of the innermost of {@link #bodies}. */
  private boolean inLambda;

  /** The calls of the initializers of the class being scanned. */
  private List<Call> initializerCalls = new ArrayList<>();

  /** The method whose own body the scan is in; null in a lambda, an initializer or a class. */
  private @Nullable MethodSymbol returning;

  private CompilationScan() {}

  /** The scan of the compilation {@code context} belongs to, made on first use. */
  public static CompilationScan instance(Context context) {
    return PerCompilation.instance(
        context,
        KEY,
        () -> {
          CompilationScan scan = new CompilationScan();
          for (CompilationUnitTree unit : CompilationIndex.units(context)) {
            scan.scan(new TreePath(unit), null);
          }
          return scan;
        });
  }

  /** The declaration of every class, method and field (local classes' members included). */
  Map<Symbol, Declared> declarations() {
    return declarations;
  }

  /** Every class of the compilation, in the order of the scan (a class before its nested ones). */
  public ImmutableList<ClassSymbol> classes() {
    return ImmutableList.copyOf(classes);
  }

  /** The classes created ({@code new}, {@code ::new}). */
  public Set<ClassSymbol> created() {
    return created;
  }

  /** The methods a method reference names. */
  public Set<MethodSymbol> referenced() {
    return referenced;
  }

  /** Every value assigned to each variable, initializers included. */
  public Map<VarSymbol, List<TreePath>> assignments() {
    return assignments;
  }

  /** The expression of every {@code return} of each method's own body (not of its lambdas). */
  public Map<MethodSymbol, List<TreePath>> returns() {
    return returns;
  }

  /**
   * The lambdas and method references written in the compilation, by the interface each implements,
   * in the order of the scan: the code a call of that interface's method may run.
   */
  public Map<ClassSymbol, List<TreePath>> functionalObjects() {
    return functionalObjects;
  }

  /** The interfaces of the lambdas and method references written in each body. */
  Map<Symbol, Set<ClassSymbol>> functionalTypesIn() {
    return functionalTypesIn;
  }

  /** The variables changed in place. */
  public Set<VarSymbol> updated() {
    return updated;
  }

  /**
   * Every call (invocation, {@code new}, method reference) written in a body, by the method or
   * constructor it names, each callee's in the order of the files and of their code.
   */
  public Map<MethodSymbol, List<Call>> callsByCallee() {
    return callsByCallee;
  }

  /** The calls written outside any body, by the method or constructor each names. */
  public Map<MethodSymbol, List<TreePath>> callsOutsideBodies() {
    return callsOutsideBodies;
  }

  /** Every method the compilation declares, in the order of the scan. */
  List<MethodSymbol> methods() {
    return methods;
  }

  /**
   * The calls written in {@code body} (a method, or a class for its initializers), in the order of
   * its code: its lambdas' calls included, not those of the local and anonymous classes it
   * declares, which are bodies of their own; none for a body the scan did not see. An analysis that
   * needs what one method calls reads it here instead of walking the method's trees again.
   */
  public List<Call> callsIn(Symbol body) {
    Declared declared = declarations.get(body);
    return declared == null ? List.of() : declared.calls();
  }

  // Only code is scanned: a package clause, imports, modifiers and annotations, and the types and
  // parameters of declarations hold no call, assignment or declaration the scan records, and they
  // are a good part of every tree.

  @Override
  public Void visitCompilationUnit(CompilationUnitTree tree, Void unused) {
    return scan(tree.getTypeDecls(), null);
  }

  @Override
  public Void visitModifiers(ModifiersTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    List<Call> outerInitializers = initializerCalls;
    initializerCalls = new ArrayList<>();
    if (ASTHelpers.getSymbol(tree) instanceof ClassSymbol type) {
      declarations.put(type, new Declared(getCurrentPath(), initializerCalls));
      classes.add(type);
    }
    MethodSymbol outerReturning = returning;
    returning = null;
    try {
      return scan(tree.getMembers(), null);
    } finally {
      initializerCalls = outerInitializers;
      returning = outerReturning;
    }
  }

  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    MethodSymbol outerReturning = returning;
    returning = method;
    try {
      if (method == null) {
        return scan(tree.getBody(), null);
      }
      List<Call> own = new ArrayList<>();
      declarations.put(method, new Declared(getCurrentPath(), own));
      methods.add(method);
      return inBody(method, own, codeOf(tree.getBody()));
    } finally {
      returning = outerReturning;
    }
  }

  @Override
  public Void visitBlock(BlockTree tree, Void unused) {
    return parent() instanceof ClassTree type && ASTHelpers.getSymbol(type) instanceof ClassSymbol c
        ? inBody(c, initializerCalls, tree.getStatements())
        : super.visitBlock(tree, null);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    functional(tree);
    boolean outer = inLambda;
    MethodSymbol outerReturning = returning;
    inLambda = true;
    returning = null;
    try {
      return scan(tree.getBody(), null);
    } finally {
      inLambda = outer;
      returning = outerReturning;
    }
  }

  @Override
  public Void visitVariable(VariableTree tree, Void unused) {
    VarSymbol variable = ASTHelpers.getSymbol(tree);
    if (variable != null && variable.getKind().isField()) {
      declarations.put(variable, new Declared(getCurrentPath(), List.of()));
    }
    if (variable != null && tree.getInitializer() != null) {
      add(assignments, variable, new TreePath(getCurrentPath(), tree.getInitializer()));
    }
    return parent() instanceof ClassTree type && ASTHelpers.getSymbol(type) instanceof ClassSymbol c
        ? inBody(c, initializerCalls, codeOf(tree.getInitializer()))
        : scan(tree.getInitializer(), null);
  }

  @Override
  public Void visitAssignment(AssignmentTree tree, Void unused) {
    if (ASTHelpers.getSymbol(tree.getVariable()) instanceof VarSymbol variable) {
      add(assignments, variable, new TreePath(getCurrentPath(), tree.getExpression()));
    }
    return super.visitAssignment(tree, null);
  }

  @Override
  public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
    if (ASTHelpers.getSymbol(tree.getVariable()) instanceof VarSymbol variable) {
      updated.add(variable);
    }
    return super.visitCompoundAssignment(tree, null);
  }

  @Override
  public Void visitUnary(UnaryTree tree, Void unused) {
    boolean update =
        switch (tree.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
          default -> false;
        };
    if (update && ASTHelpers.getSymbol(tree.getExpression()) instanceof VarSymbol variable) {
      updated.add(variable);
    }
    return super.visitUnary(tree, null);
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol constructor) {
      created.add(constructor.enclClass());
      call(constructor);
    }
    scan(tree.getEnclosingExpression(), null);
    scan(tree.getArguments(), null);
    return scan(tree.getClassBody(), null);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol callee) {
      call(callee);
    }
    scan(tree.getMethodSelect(), null);
    return scan(tree.getArguments(), null);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    functional(tree);
    if (ASTHelpers.getSymbol(tree) instanceof MethodSymbol callee) {
      if (callee.isConstructor()) {
        created.add(callee.enclClass());
      }
      referenced.add(callee);
      call(callee);
    }
    return super.visitMemberReference(tree, null);
  }

  @Override
  public Void visitReturn(ReturnTree tree, Void unused) {
    if (tree.getExpression() != null && returning != null) {
      add(returns, returning, new TreePath(getCurrentPath(), tree.getExpression()));
    }
    return super.visitReturn(tree, null);
  }

  /** Records the lambda or method reference being visited, by the interface it implements. */
  private void functional(ExpressionTree tree) {
    if (ASTHelpers.getType(tree) instanceof Type type && type.tsym instanceof ClassSymbol face) {
      functionalObjects.computeIfAbsent(face, unused -> new ArrayList<>()).add(getCurrentPath());
      if (bodies != null) {
        functionalTypesIn.computeIfAbsent(bodies.body(), unused -> new HashSet<>()).add(face);
      }
    }
  }

  /** Records the call being visited, of {@code callee}. */
  private void call(MethodSymbol callee) {
    if (bodies == null) {
      add(callsOutsideBodies, callee, getCurrentPath());
      return;
    }
    Call call = new Call(getCurrentPath(), callee, bodies, inLambda, callCount++);
    callsByCallee.computeIfAbsent(callee, unused -> new ArrayList<>()).add(call);
    if (bodyCalls != null) {
      bodyCalls.add(call);
    }
  }

  /**
   * Scans {@code code}, code of {@code body}, whose calls are recorded in {@code calls} too. Saves
   * and restores the scan's state itself rather than through a callback: it runs for every method,
   * initializer block and field of the compilation.
   */
  private Void inBody(Symbol body, List<Call> calls, List<? extends Tree> code) {
    Bodies outer = bodies;
    List<Call> outerCalls = bodyCalls;
    boolean outerInLambda = inLambda;
    bodies = new Bodies(body, outer);
    bodyCalls = calls;
    inLambda = false;
    try {
      return scan(code, null);
    } finally {
      bodies = outer;
      bodyCalls = outerCalls;
      inLambda = outerInLambda;
    }
  }

  private static List<Tree> codeOf(@Nullable Tree tree) {
    return tree == null ? List.of() : List.of(tree);
  }

  private static <K> void add(Map<K, List<TreePath>> map, K key, TreePath value) {
    map.computeIfAbsent(key, unused -> new ArrayList<>()).add(value);
  }
}
