package dev.stallcheck.graph;

import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.api.FunctionalInterfaces;
import dev.stallcheck.api.PoolRejections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The coarse call graph of one compilation that every {@link CallReach} is computed over, read off
 * the calls of the {@link CompilationScan}: which bodies call each callee, and which callees may
 * run each body (see {@link CallReach} for what "may" means): a body also runs for a call of the
 * method of an interface that a lambda or method reference it writes implements, and a pool's
 * rejection handler for a submission to any pool ({@link PoolRejections}), as does a task where the
 * compilation creates a {@code CallerRunsPolicy}. All are found on demand, for the callees and
 * bodies a reach goes through: most of the compilation's are never asked about.
 */
final class CoarseCallGraph {
  private static final Context.Key<CoarseCallGraph> KEY = new Context.Key<>();

  /** Every call written in a body, by the method or constructor it names. */
  private final Map<MethodSymbol, List<CompilationScan.Call>> callsByCallee;

  /**
   * Per callee asked about, the bodies (method symbols; class symbols for initializers) whose calls
   * name it: found on demand, since a reach goes back through few callees.
   */
  private final Map<MethodSymbol, Set<Symbol>> callers = new HashMap<>();

  /**
   * The callees of calls written in a body, by name (constructors: by class); made on the first
   * body asked about.
   */
  private @Nullable Map<Object, List<MethodSymbol>> calleesByKey;

  /** The calls written outside any body, by the method or constructor each names. */
  private final Map<MethodSymbol, List<TreePath>> callsOutsideBodies;

  /** Every method the compilation declares. */
  private final List<MethodSymbol> methods;

  /** Per body asked about, the callees whose calls may run it ({@link #calleesRunning}). */
  private final Map<Symbol, List<MethodSymbol>> running = new HashMap<>();

  /** The compilation's index, for the subtypes of a class. */
  private final CompilationIndex index;

  /** The interfaces of the lambdas and method references written in each body. */
  private final Map<Symbol, Set<ClassSymbol>> functionalTypesIn;

  private final Types types;

  /** The submissions to pools the compilation calls; made on the first handler asked about. */
  private @Nullable List<MethodSymbol> submissions;

  /** The classes the compilation creates, for {@link #callerRuns}. */
  private final Set<ClassSymbol> created;

  /**
   * Whether the compilation creates a {@code CallerRunsPolicy}, so that a submission to a pool may
   * run its task in the submitting thread; found on the first task asked about.
   */
  private @Nullable Boolean callerRuns;

  /** The method of each functional interface asked about ({@link #descriptorOf}). */
  private final Map<ClassSymbol, Optional<MethodSymbol>> descriptors = new HashMap<>();

  private CoarseCallGraph(CompilationIndex index, CompilationScan scan, Types types) {
    this.index = index;
    this.functionalTypesIn = scan.functionalTypesIn();
    this.types = types;
    this.callsByCallee = scan.callsByCallee();
    this.callsOutsideBodies = scan.callsOutsideBodies();
    this.methods = scan.methods();
    this.created = scan.created();
  }

  /** The graph of the compilation {@code context} belongs to. */
  static CoarseCallGraph instance(Context context) {
    return PerCompilation.instance(
        context,
        KEY,
        () ->
            new CoarseCallGraph(
                CompilationIndex.instance(context),
                CompilationScan.instance(context),
                Types.instance(context)));
  }

  /** Every call written in a body, by the method or constructor it names. */
  Map<MethodSymbol, List<CompilationScan.Call>> callsByCallee() {
    return callsByCallee;
  }

  /** The calls written outside any body, by the method or constructor each names. */
  Map<MethodSymbol, List<TreePath>> callsOutsideBodies() {
    return callsOutsideBodies;
  }

  /** Every method the compilation declares. */
  List<MethodSymbol> methods() {
    return methods;
  }

  /** Whether the compilation declares {@code method} (with a body or not). */
  boolean declares(MethodSymbol method) {
    return index.declaration(method) != null;
  }

  /** Whether a call written in some body names {@code callee}. */
  boolean isCalled(MethodSymbol callee) {
    return callsByCallee.containsKey(callee);
  }

  /** The bodies whose calls name {@code callee} itself (not an override), and the bodies around. */
  Set<Symbol> callersOf(MethodSymbol callee) {
    Set<Symbol> known = callers.get(callee);
    if (known == null) {
      known = new HashSet<>();
      for (CompilationScan.Call call : callsByCallee.getOrDefault(callee, List.of())) {
        for (CompilationScan.Bodies b = call.bodies(); b != null; b = b.outer()) {
          known.add(b.body());
        }
      }
      callers.put(callee, known);
    }
    return known;
  }

  /**
   * The callees whose calls may run {@code body}: of the same key and number of parameters, and
   * {@link #runs}. The same for every reach, which asks for each body it reaches: found once per
   * body.
   */
  List<MethodSymbol> calleesRunning(Symbol body) {
    List<MethodSymbol> known = running.get(body);
    if (known == null) {
      Object key = body instanceof MethodSymbol method ? key(method) : body;
      int arity = body instanceof MethodSymbol method ? method.getParameters().size() : -1;
      known = new ArrayList<>();
      for (MethodSymbol callee : calleesByKey().getOrDefault(key, List.of())) {
        if ((callee.isConstructor() || callee.getParameters().size() == arity)
            && runs(callee, body)) {
          known.add(callee);
        }
      }
      // A lambda or method reference it writes runs when its interface's method is called.
      boolean writesHandler = false;
      boolean writesTask = false;
      for (ClassSymbol face : functionalTypesIn.getOrDefault(body, Set.of())) {
        writesHandler |= PoolRejections.isHandlerInterface(face);
        writesTask |= PoolRejections.isTaskInterface(face);
        MethodSymbol descriptor = descriptorOf(face);
        if (descriptor != null
            && callsByCallee.containsKey(descriptor)
            && !known.contains(descriptor)) {
          known.add(descriptor);
        }
      }
      // A pool's rejection handler runs in the thread that submits to the pool, and so does a
      // task that a CallerRunsPolicy rejects.
      boolean runsTask =
          (writesTask
                  || (body instanceof MethodSymbol method
                      && PoolRejections.isTaskMethod(method, types)))
              && callerRuns();
      if (runsTask
          || writesHandler
          || (body instanceof MethodSymbol method
              && PoolRejections.isHandlerMethod(method, types))) {
        for (MethodSymbol submission : submissions()) {
          if (!known.contains(submission)) {
            known.add(submission);
          }
        }
      }
      running.put(body, known);
    }
    return known;
  }

  /** The method of the functional interface {@code face}; null if it is none. */
  private @Nullable MethodSymbol descriptorOf(ClassSymbol face) {
    return descriptors
        .computeIfAbsent(
            face, unused -> Optional.ofNullable(FunctionalInterfaces.descriptorOf(face, types)))
        .orElse(null);
  }

  private boolean callerRuns() {
    if (callerRuns == null) {
      callerRuns = created.stream().anyMatch(c -> PoolRejections.runsTaskInCaller(c, types));
    }
    return callerRuns;
  }

  private List<MethodSymbol> submissions() {
    if (submissions == null) {
      submissions = new ArrayList<>();
      for (MethodSymbol callee : callsByCallee.keySet()) {
        if (PoolRejections.isSubmission(callee, types)) {
          submissions.add(callee);
        }
      }
    }
    return submissions;
  }

  private Map<Object, List<MethodSymbol>> calleesByKey() {
    if (calleesByKey == null) {
      calleesByKey = new HashMap<>();
      for (MethodSymbol callee : callsByCallee.keySet()) {
        calleesByKey.computeIfAbsent(key(callee), k -> new ArrayList<>()).add(callee);
      }
    }
    return calleesByKey;
  }

  /**
   * Constructors by class (each runs its class's initializers); methods by name, the number of
   * parameters compared only within a name, for the few bodies a reach asks about.
   */
  private static Object key(MethodSymbol method) {
    return method.isConstructor() ? method.owner : method.getSimpleName();
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
