package dev.stallcheck.graph;

import com.google.errorprone.VisitorState;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
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
 * is exact for every edge the finer analyses follow, and "may reach" only says that the finer
 * analysis is needed. A lambda's code counts for the body that writes it, not for a method that
 * runs it later through its interface ({@code task.run()} reaches the {@code run} methods of the
 * compilation's classes, not the lambdas stored in {@code task}): the finer analyses do not follow
 * a stored lambda either.
 *
 * <p>Computed over the compilation's one {@link CoarseCallGraph}, which every reach shares.
 */
public final class CallReach {
  /**
   * A test on one call (an invocation, a {@code new}, a method reference) at its path. {@code
   * state} is the compilation's, whose path is not the call's: a test that needs it there makes it
   * so with {@code state.withPath(call)}.
   */
  public interface CallTest {
    boolean test(TreePath call, MethodSymbol callee, VisitorState state);
  }

  /**
   * The calls a reach starts from: those whose callee passes {@code callee} (asked once per callee,
   * with the cheap tests on its name and parameters that settle nearly every one) and that pass
   * {@code call}, asked of each call of such a callee.
   */
  public record Seeds(Predicate<MethodSymbol> callee, CallTest call) {}

  private final CoarseCallGraph graph;

  /** The callees through which the reach is followed back to their callers. */
  private final Predicate<MethodSymbol> followed;

  /** The callees that may reach the test. */
  private final Set<MethodSymbol> reachingCallees = new HashSet<>();

  /** The bodies that may reach the test. */
  private final Set<Symbol> reaching = new HashSet<>();

  /** The calls written in a body that pass the test themselves, in the order of the files. */
  private final List<CompilationScan.Call> passing = new ArrayList<>();

  private CallReach(CoarseCallGraph graph, Predicate<MethodSymbol> followed) {
    this.graph = graph;
    this.followed = followed;
  }

  /** The calls of {@code state}'s compilation that may reach a call passing {@code seeds}. */
  public static CallReach of(VisitorState state, Seeds seeds) {
    return through(state, seeds, callee -> true);
  }

  /**
   * The calls of {@code state}'s compilation that may reach a call passing {@code seeds} (a body
   * that makes one reaches it), or a call of a method passing {@code declared} (which reaches it
   * itself, with or without a body).
   */
  public static CallReach of(VisitorState state, Seeds seeds, Predicate<MethodSymbol> declared) {
    CallReach reach = new CallReach(CoarseCallGraph.instance(state.context), callee -> true);
    Deque<Symbol> work = new ArrayDeque<>();
    reach.seedDeclared(declared, work);
    reach.seedCalls(seeds, state, work);
    reach.propagate(work);
    return reach;
  }

  /**
   * The calls of {@code state}'s compilation that may reach a call passing {@code seeds} through
   * callees passing {@code followed} only: a body reaches the test when it makes a passing call, or
   * calls such a callee that may run a body that reaches it. For an analysis that follows only some
   * calls (those of a helper's shape), this reach is as exact for the callees it asks about, and
   * far smaller; a callee that is not followed reaches nothing ({@link #mayReach}).
   */
  public static CallReach through(
      VisitorState state, Seeds seeds, Predicate<MethodSymbol> followed) {
    CallReach reach = new CallReach(CoarseCallGraph.instance(state.context), followed);
    Deque<Symbol> work = new ArrayDeque<>();
    reach.seedCalls(seeds, state, work);
    reach.propagate(work);
    return reach;
  }

  /**
   * Adds to {@code work} the methods passing {@code declared} and the callers of such callees. A
   * callee the compilation declares is not tested again: as a method passing, it reaches itself
   * ({@link #propagate} marks the callees that run it, itself among them, and their callers).
   */
  private void seedDeclared(Predicate<MethodSymbol> declared, Deque<Symbol> work) {
    for (MethodSymbol method : graph.methods()) {
      if (declared.test(method)) {
        work.add(method);
      }
    }
    for (MethodSymbol callee : graph.callsByCallee().keySet()) {
      if (!graph.declares(callee) && declared.test(callee)) {
        reachingCallees.add(callee);
        work.addAll(graph.callersOf(callee));
      }
    }
  }

  /** Adds to {@code work} the bodies (and the bodies around them) that make a call passing. */
  private void seedCalls(Seeds seeds, VisitorState state, Deque<Symbol> work) {
    for (Map.Entry<MethodSymbol, List<CompilationScan.Call>> entry :
        graph.callsByCallee().entrySet()) {
      MethodSymbol callee = entry.getKey();
      if (!seeds.callee().test(callee)) {
        continue;
      }
      for (CompilationScan.Call call : entry.getValue()) {
        if (seeds.call().test(call.path(), callee, state)) {
          passing.add(call);
          for (CompilationScan.Bodies b = call.bodies(); b != null; b = b.outer()) {
            work.add(b.body());
          }
        }
      }
    }
    CompilationScan.Call.sort(passing);
  }

  /** Marks {@code work} and, through their callees, their callers as reaching the test. */
  private void propagate(Deque<Symbol> work) {
    while (!work.isEmpty()) {
      Symbol body = work.poll();
      if (!reaching.add(body)) {
        continue;
      }
      for (MethodSymbol callee : graph.calleesRunning(body)) {
        if (!reachingCallees.contains(callee) && followed.test(callee)) {
          reachingCallees.add(callee);
          work.addAll(graph.callersOf(callee));
        }
      }
    }
  }

  /**
   * The calls of the compilation (invocations, {@code new}, method references) whose callee {@link
   * #mayReach may reach} the test, in the order of the files and, within one, of their code (a call
   * before the calls in its arguments), and then any written outside a body: a scan of the
   * compilation for such calls needs no scan.
   */
  public List<TreePath> callsThatMayReach() {
    List<TreePath> paths = new ArrayList<>();
    for (CompilationScan.Call call : callsOfReachingCallees()) {
      paths.add(call.path());
    }
    // javac's trees put every call in a body; a call elsewhere is not lost.
    for (Map.Entry<MethodSymbol, List<TreePath>> outside : graph.callsOutsideBodies().entrySet()) {
      if (mayReach(outside.getKey())) {
        paths.addAll(outside.getValue());
      }
    }
    return paths;
  }

  /**
   * The calls written in a body that pass the test themselves, in the order of the files. With
   * {@link #callsOfReachingCallees} they are every call written in a body that may reach a passing
   * call, so that a pass over those calls need not test every call of the compilation again.
   */
  public List<CompilationScan.Call> passingCalls() {
    return Collections.unmodifiableList(passing);
  }

  /**
   * The calls written in a body whose callee may reach the test through the code it runs, in the
   * order of the files.
   */
  public List<CompilationScan.Call> callsOfReachingCallees() {
    List<CompilationScan.Call> calls = new ArrayList<>();
    for (MethodSymbol callee : reachingCallees) {
      calls.addAll(graph.callsByCallee().getOrDefault(callee, List.of()));
    }
    CompilationScan.Call.sort(calls);
    return calls;
  }

  /**
   * The bodies that call {@code callee} itself (as the call's symbol names it, not an override):
   * method symbols, and class symbols for initializers.
   */
  public Set<Symbol> bodiesCalling(MethodSymbol callee) {
    return graph.callersOf(callee);
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
    return reachingCallees.contains(callee) || !graph.isCalled(callee);
  }
}
