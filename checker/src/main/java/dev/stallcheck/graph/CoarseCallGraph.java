package dev.stallcheck.graph;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coarse call graph of one compilation that every {@link CallReach} is computed over, built
 * once from the calls of the {@link CompilationScan}: which bodies call each callee, and which
 * callees may run each body (see {@link CallReach} for what "may" means).
 */
final class CoarseCallGraph {
  private static final Context.Key<CoarseCallGraph> KEY = new Context.Key<>();

  /** Which methods of the compilation share a name and number of parameters. */
  private record Signature(Object name, int arity) {
    static Signature of(MethodSymbol method) {
      return new Signature(method.getSimpleName(), method.getParameters().size());
    }
  }

  /** Every call of the compilation, in the order of the files and of their code. */
  private final List<CompilationScan.Call> calls;

  /**
   * The callees of calls written in a body, each with the bodies (method symbols; class symbols for
   * initializers) that call it.
   */
  private final Map<MethodSymbol, Set<Symbol>> callers = new HashMap<>();

  /** The callees of every call, by signature (constructors: by class). */
  private final Map<Object, Set<MethodSymbol>> calleesByKey = new HashMap<>();

  /** Every method the compilation declares. */
  private final List<MethodSymbol> methods = new ArrayList<>();

  /** Per body asked about, the callees whose calls may run it ({@link #calleesRunning}). */
  private final Map<Symbol, List<MethodSymbol>> running = new HashMap<>();

  /** The compilation's index, for the subtypes of a class. */
  private final CompilationIndex index;

  private CoarseCallGraph(CompilationIndex index, CompilationScan scan) {
    this.index = index;
    this.calls = scan.calls();
    for (Symbol symbol : scan.declarations().keySet()) {
      if (symbol instanceof MethodSymbol method) {
        methods.add(method);
      }
    }
    for (CompilationScan.Call call : calls) {
      if (call.bodies() == null) {
        continue;
      }
      MethodSymbol callee = call.callee();
      Set<Symbol> bodies = callers.get(callee);
      if (bodies == null) {
        bodies = new HashSet<>();
        callers.put(callee, bodies);
        calleesByKey.computeIfAbsent(key(callee), k -> new HashSet<>()).add(callee);
      }
      for (CompilationScan.Bodies b = call.bodies(); b != null; b = b.outer()) {
        bodies.add(b.body());
      }
    }
  }

  /** The graph of the compilation {@code context} belongs to. */
  static CoarseCallGraph instance(Context context) {
    return PerCompilation.instance(
        context,
        KEY,
        () ->
            new CoarseCallGraph(
                CompilationIndex.instance(context), CompilationScan.instance(context)));
  }

  List<CompilationScan.Call> calls() {
    return calls;
  }

  List<MethodSymbol> methods() {
    return methods;
  }

  /** The callees that calls written in some body name. */
  Set<MethodSymbol> callees() {
    return callers.keySet();
  }

  /** Whether a call written in some body names {@code callee}. */
  boolean isCalled(MethodSymbol callee) {
    return callers.containsKey(callee);
  }

  /** The bodies whose calls name {@code callee} itself (not an override). */
  Set<Symbol> callersOf(MethodSymbol callee) {
    return callers.getOrDefault(callee, Set.of());
  }

  /**
   * The callees whose calls may run {@code body}: of the same key, and {@link #runs}. The same for
   * every reach, which asks for each body it reaches: found once per body.
   */
  List<MethodSymbol> calleesRunning(Symbol body) {
    List<MethodSymbol> known = running.get(body);
    if (known == null) {
      Object key = body instanceof MethodSymbol method ? key(method) : body;
      known = new ArrayList<>();
      for (MethodSymbol callee : calleesByKey.getOrDefault(key, Set.of())) {
        if (runs(callee, body)) {
          known.add(callee);
        }
      }
      running.put(body, known);
    }
    return known;
  }

  /** Constructors by class (each runs its class's initializers); methods by signature. */
  private static Object key(MethodSymbol method) {
    return method.isConstructor() ? method.owner : Signature.of(method);
  }

  /** Whether a call of {@code callee} may run {@code body} (of the same key). */
  private boolean runs(MethodSymbol callee, Symbol body) {
    if (!(body instanceof MethodSymbol method) || callee.isConstructor()) {
      return true; // the initializers or a constructor of the constructor's class
    }
    if (method.equals(callee) || !(callee.owner instanceof ClassSymbol owner)) {
      return true;
    }
    // Some class of the compilation is both (itself included): it may run the body for the call.
    Set<ClassSymbol> running = index.subclassesOf(method.enclClass());
    Set<ClassSymbol> called = index.subclassesOf(owner);
    Set<ClassSymbol> fewer = running.size() <= called.size() ? running : called;
    Set<ClassSymbol> more = fewer == running ? called : running;
    for (ClassSymbol type : fewer) {
      if (more.contains(type)) {
        return true;
      }
    }
    return false;
  }
}
