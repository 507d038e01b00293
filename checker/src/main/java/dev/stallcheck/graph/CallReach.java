package dev.stallcheck.graph;

import com.google.errorprone.VisitorState;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which calls of a compilation may, through calls at any depth, reach a call that passes a test (a
 * send, a lock operation): a pre-filter that proves most calls cannot, before any summary or
 * dataflow below them is computed.
 *
 * <p>The call graph is coarse on purpose, so that it contains every edge the finer analyses may
 * follow. A body is all the code written in a method, lambdas and local and anonymous classes
 * included, whenever they run; a class's initializers are one body, run by each of its
 * constructors. A call of a constructor runs that constructor and the initializers; a call of a
 * method runs every method of the compilation with its name and number of parameters that some
 * class of the compilation may run for it: declared in a subclass of the called method's owner, or
 * inherited by a class of the compilation that is also a subtype of that owner. So "cannot reach"
 * is exact, and "may reach" only says that the finer analysis is needed.
 *
 * <p>Read off the calls of the {@link CompilationScan}, with the bodies each is written in.
 */
public final class CallReach {
  /** A test on one call (an invocation, a {@code new}, a method reference) at its path. */
  public interface CallTest {
    boolean test(TreePath call, MethodSymbol callee, VisitorState state);
  }

  /** Which methods of the compilation share a name and number of parameters. */
  private record Signature(Object name, int arity) {
    static Signature of(MethodSymbol method) {
      return new Signature(method.getSimpleName(), method.getParameters().size());
    }
  }

  private final Types types;

  /** Every call of the compilation, in the order of the files and of their code. */
  private List<CompilationScan.Call> calls = List.of();

  /**
   * The callees the scan saw, each with the bodies (method symbols; class symbols for initializers)
   * that call it: one lookup per call.
   */
  private final Map<MethodSymbol, Set<Symbol>> callers = new HashMap<>();

  /** The callees that may reach the test. */
  private final Set<MethodSymbol> reachingCallees = new HashSet<>();

  /** The callees of every call, by signature (constructors: by class). */
  private final Map<Object, Set<MethodSymbol>> calleesBySignature = new HashMap<>();

  /** The bodies that may reach the test. */
  private final Set<Symbol> reaching = new HashSet<>();

  /** Every class of the compilation, and by class those of them that are it or its subtypes. */
  private final List<ClassSymbol> classes = new ArrayList<>();

  private final Map<ClassSymbol, Set<ClassSymbol>> subclasses = new HashMap<>();

  private CallReach(Types types) {
    this.types = types;
  }

  /**
   * The calls of {@code state}'s compilation that may reach a call passing {@code seeds} (a body
   * that makes one reaches it), or a call of a method passing {@code declared} (which reaches it
   * itself, with or without a body).
   */
  public static CallReach of(VisitorState state, CallTest seeds, Predicate<MethodSymbol> declared) {
    CallReach reach = new CallReach(state.getTypes());
    CompilationScan scan = CompilationScan.instance(state.context);
    reach.classes.addAll(scan.classes());
    reach.calls = scan.calls();
    Deque<Symbol> work = new ArrayDeque<>();
    for (Symbol symbol : scan.declarations().keySet()) {
      if (symbol instanceof MethodSymbol method && declared.test(method)) {
        work.add(method);
      }
    }
    for (CompilationScan.Call call : reach.calls) {
      if (call.bodies() == null) {
        continue;
      }
      MethodSymbol callee = call.callee();
      Set<Symbol> callers = reach.callers.get(callee);
      if (callers == null) {
        callers = new HashSet<>();
        reach.callers.put(callee, callers);
        reach.calleesBySignature.computeIfAbsent(key(callee), k -> new HashSet<>()).add(callee);
        if (declared.test(callee)) {
          reach.reachingCallees.add(callee);
        }
      }
      for (CompilationScan.Bodies b = call.bodies(); b != null; b = b.outer()) {
        callers.add(b.body());
      }
      if (seeds.test(call.path(), callee, state.withPath(call.path()))) {
        for (CompilationScan.Bodies b = call.bodies(); b != null; b = b.outer()) {
          work.add(b.body());
        }
      }
    }
    for (MethodSymbol callee : reach.reachingCallees) {
      work.addAll(reach.callers.getOrDefault(callee, Set.of()));
    }
    reach.propagate(work);
    return reach;
  }

  /** Constructors by class (each runs its class's initializers); methods by signature. */
  private static Object key(MethodSymbol method) {
    return method.isConstructor() ? method.owner : Signature.of(method);
  }

  /** Marks {@code work} and, through their callees, their callers as reaching the test. */
  private void propagate(Deque<Symbol> work) {
    while (!work.isEmpty()) {
      Symbol body = work.poll();
      if (!reaching.add(body)) {
        continue;
      }
      Object key = body instanceof MethodSymbol method ? key(method) : body;
      for (MethodSymbol callee : calleesBySignature.getOrDefault(key, Set.of())) {
        if (!reachingCallees.contains(callee) && runs(callee, body)) {
          reachingCallees.add(callee);
          work.addAll(callers.getOrDefault(callee, Set.of()));
        }
      }
    }
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
    Set<ClassSymbol> running = subclassesOf(method.enclClass());
    Set<ClassSymbol> called = subclassesOf(owner);
    Set<ClassSymbol> fewer = running.size() <= called.size() ? running : called;
    Set<ClassSymbol> more = fewer == running ? called : running;
    for (ClassSymbol type : fewer) {
      if (more.contains(type)) {
        return true;
      }
    }
    return false;
  }

  /** The classes of the compilation that are {@code type} or a subtype of it. */
  private Set<ClassSymbol> subclassesOf(ClassSymbol type) {
    if (subclasses.isEmpty()) {
      // Each class under each of its supertypes: linear in the classes and their supertypes.
      for (ClassSymbol each : classes) {
        for (Type supertype : types.closure(each.type)) {
          if (supertype.tsym instanceof ClassSymbol symbol) {
            subclasses.computeIfAbsent(symbol, unused -> new HashSet<>()).add(each);
          }
        }
      }
    }
    return subclasses.getOrDefault(type, Set.of());
  }

  /**
   * The calls of the compilation (invocations, {@code new}, method references) whose callee {@link
   * #mayReach may reach} the test, in the order of the files and, within one, of their code (a call
   * before the calls in its arguments): a scan of the compilation for such calls needs no scan.
   */
  public List<TreePath> callsThatMayReach() {
    List<TreePath> reachingCalls = new ArrayList<>();
    for (CompilationScan.Call call : calls) {
      if (mayReach(call.callee())) {
        reachingCalls.add(call.path());
      }
    }
    return reachingCalls;
  }

  /**
   * The bodies that call {@code callee} itself (as the call's symbol names it, not an override):
   * method symbols, and class symbols for initializers.
   */
  public Set<Symbol> bodiesCalling(MethodSymbol callee) {
    return callers.getOrDefault(callee, Set.of());
  }

  /**
   * Whether the code of {@code body} (a method, or a class for its initializers) may reach a call
   * passing the test: it makes one, or calls what may. False for a body the scan did not see.
   */
  public boolean bodyMayReach(Symbol body) {
    return reaching.contains(body);
  }

  /**
   * Whether a call of {@code callee} (a method or constructor) may reach a call passing the test.
   */
  public boolean mayReach(MethodSymbol callee) {
    // A callee the scan did not see (called outside any body) is not known not to.
    return reachingCallees.contains(callee) || !callers.containsKey(callee);
  }
}
