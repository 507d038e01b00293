package dev.stallcheck.locks;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.BottomUpComponents;
import dev.stallcheck.graph.CallReach;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.CompilationScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LockEffect} of every method of the compilation, computed on demand, once per method,
 * and kept for the compilation (in javac's {@link Context}). A method's effect is read off the lock
 * dataflow of its body ({@link LockDataflow}: the locks held at its normal exit, the locks it
 * releases without holding them) and off where it runs its callback parameters ({@link
 * TemplateCallbacks}); the dataflow applies the effects of the calls the body makes, so effects
 * compose through helpers of any depth. A body that takes no callback, whose lock operations are
 * all {@link LockBrackets brackets} and whose callees have no effect, has none, and gets no
 * dataflow.
 *
 * <p>Methods are solved bottom-up over the call graph ({@link BottomUpComponents}, declarations
 * from the shared {@link CompilationIndex}), so each callee is solved before its callers. The
 * members of a recursive cycle are solved in two rounds, in one order fixed by the cycle alone
 * ({@link BottomUpComponents#calleesFirst}, from the member with the least name), not by where the
 * search entered it, which depends on which methods were asked about before: so an effect, and a
 * finding, does not depend on the order of the compilation's files or of its questions. In the
 * first round a call to a member solved before counts with its effect, one to a member not yet
 * solved as doing nothing to locks; in the second, each body that read a member not yet solved, and
 * found to have an effect, is read again with the effects of the first, and its members solved
 * again. Two rounds and not a fixpoint: a lock released on a path that grows through a recursive
 * call ({@code next.unlockAll()}) never settles, and a fixpoint made JGroups' compile thirteen
 * times slower (see the README). So a cycle costs at most two dataflows per body, and an effect
 * that needs more rounds to be seen is missed. An overridable method reached through a call may run
 * any override in the compilation: its effect is what all of them agree on ({@link
 * LockEffect#either}). Methods without source in the compilation do nothing to locks, unless
 * declared ({@link LockMethodPairs}).
 *
 * <p>Only a method that takes a callback, or whose calls may reach a lock operation at some depth
 * ({@link CallReach}, whose "cannot" is exact), can have an effect: once the reach is known, the
 * others are not solved, nor are their bodies read. In a compilation whose calls mostly lead
 * nowhere near a lock, that spares solving the whole of the call graph below the first method asked
 * about. The reach is a pass over the whole compilation, which costs about as much as reading
 * several hundred bodies, so it is made only once {@link #BODIES_BEFORE_REACH} bodies have been
 * read: where the questions stay near the methods asked about, it is never made. A method skipped
 * has no effect, so skipping it changes no other method's effect, with one exception: where it
 * closed a recursive cycle, the cycle's other members are no longer one component but several, and
 * so whether the reach was made before a cycle was solved can still change the cycle's effects.
 */
final class LockEffects {
  private static final Context.Key<LockEffects> KEY = new Context.Key<>();

  private final CompilationIndex index;
  private final Map<MethodSymbol, LockEffect> solved = new HashMap<>();

  /** The bodies of each method asked about ({@link #bodiesOf}): asked at every call of it. */
  private final Map<MethodSymbol, List<TreePath>> bodiesByMethod = new HashMap<>();

  /** What each body calls ({@link #callsOf}), by its method's tree. */
  private final Map<Tree, BodyCalls> callsByBody = new HashMap<>();

  /**
   * The callees with code in the compilation of one body, and whether it makes a lock operation
   * that is not in a {@link LockBrackets bracket}.
   */
  private record BodyCalls(Set<MethodSymbol> callees, boolean unbracketedLocks) {}

  /**
   * Methods whose component is being solved: a call to one counts with its effect once it is
   * solved, and as no effect before.
   */
  private final Set<MethodSymbol> solving = new HashSet<>();

  /**
   * For the component being solved, the body being read in the first round, and the members of the
   * component each body read before they were solved; null outside a solve. A solve can start
   * inside another (a call the outer component's graph does not list, asked about from a dataflow):
   * the inner one keeps its own, and a member of the outer one it reads counts as doing nothing,
   * once.
   */
  private @Nullable EarlyReads earlyReads;

  private static final class EarlyReads {
    private final Set<MethodSymbol> members;
    private final Map<Tree, Set<MethodSymbol>> unsolvedReadBy = new IdentityHashMap<>();
    private @Nullable Tree reader;

    EarlyReads(List<MethodSymbol> members) {
      this.members = new HashSet<>(members);
    }

    void read(MethodSymbol unsolved) {
      if (reader != null && members.contains(unsolved)) {
        unsolvedReadBy.computeIfAbsent(reader, m -> new HashSet<>()).add(unsolved);
      }
    }

    Set<MethodSymbol> readBy(Tree body) {
      return unsolvedReadBy.getOrDefault(body, Set.of());
    }

    boolean isEmpty() {
      return unsolvedReadBy.isEmpty();
    }
  }

  /** The calls that may reach a lock operation, found once enough bodies have been read. */
  private @Nullable CallReach lockOperations;

  /**
   * How many bodies are read ({@link #callsOf}) before the reach is made: about as many as cost
   * what the reach costs (measured cold: 50 to 70 ms for the reach on Guava's whole; a body read
   * and solved, about 0.1 ms on log4j-core's), so that a compilation whose questions need fewer
   * bodies never makes it, and one that needs more pays at most about twice the cheaper of the two
   * ways.
   */
  static final int BODIES_BEFORE_REACH = 500;

  private LockEffects(CompilationIndex index) {
    this.index = index;
  }

  /** The effect of calling {@code method} (any override the compilation declares). */
  static LockEffect of(MethodSymbol method, VisitorState state) {
    LockEffects effects = state.context.get(KEY);
    if (effects == null) {
      effects = new LockEffects(CompilationIndex.instance(state.context));
      state.context.put(KEY, effects);
    }
    return effects.effectOf(method, state);
  }

  private LockEffect effectOf(MethodSymbol method, VisitorState state) {
    LockEffect known = solved.get(method);
    if (known != null) {
      return known;
    }
    if (solving.contains(method)) {
      if (earlyReads != null) {
        earlyReads.read(method);
      }
      return LockEffect.NONE;
    }
    if (!mayHaveEffect(method, state) || bodiesOf(method).isEmpty()) {
      return LockEffect.NONE;
    }
    BottomUpComponents.solve(
        method,
        m -> calleesOf(m, state),
        m -> solved.containsKey(m) || solving.contains(m),
        component -> solve(component, state));
    return solved.getOrDefault(method, LockEffect.NONE);
  }

  /**
   * Solves one component: its members in their fixed order, and then, in the same order, again each
   * member with a body that read a member not yet solved that turned out to have an effect (see the
   * class comment). A body is read once per round, however many members run it (an override runs
   * for its own method and for each it overrides).
   */
  private void solve(List<MethodSymbol> component, VisitorState state) {
    List<MethodSymbol> order =
        component.size() == 1
            ? component
            : BottomUpComponents.calleesFirst(component, m -> calleesOf(m, state), byName());
    EarlyReads outer = earlyReads;
    EarlyReads reads = new EarlyReads(component);
    earlyReads = reads;
    solving.addAll(component);
    try {
      Map<Tree, LockEffect> byBody = new IdentityHashMap<>();
      for (MethodSymbol method : order) {
        for (TreePath body : bodiesOf(method)) {
          if (!byBody.containsKey(body.getLeaf())) {
            reads.reader = body.getLeaf();
            byBody.put(body.getLeaf(), effectOfBody(body, /* again= */ false, state));
          }
        }
        solved.put(method, either(method, byBody));
      }
      reads.reader = null;
      if (reads.isEmpty()) {
        return; // no body read a member before it was solved: most components, all acyclic ones
      }
      Set<Tree> readAgain = Collections.newSetFromMap(new IdentityHashMap<>());
      for (MethodSymbol method : order) {
        boolean changed = false;
        for (TreePath body : bodiesOf(method)) {
          if (!readAgain.contains(body.getLeaf())
              && reads.readBy(body.getLeaf()).stream().anyMatch(m -> !solved.get(m).isNone())) {
            readAgain.add(body.getLeaf());
            byBody.put(body.getLeaf(), effectOfBody(body, /* again= */ true, state));
          }
          changed |= readAgain.contains(body.getLeaf());
        }
        if (changed) {
          solved.put(method, either(method, byBody));
        }
      }
    } finally {
      solving.removeAll(component);
      earlyReads = outer;
    }
  }

  /** What all of {@code method}'s bodies agree on, from their effects in {@code byBody}. */
  private LockEffect either(MethodSymbol method, Map<Tree, LockEffect> byBody) {
    LockEffect effect = null;
    for (TreePath body : bodiesOf(method)) {
      LockEffect one = byBody.get(body.getLeaf());
      effect = effect == null ? one : effect.either(one);
    }
    return effect == null ? LockEffect.NONE : effect;
  }

  /**
   * An order of methods that does not depend on the order of the compilation: by the text of their
   * class, name and signature. The signature's text, which is dear to build, is read only where the
   * class and name do not decide (overloads), and gives the order of the whole text.
   */
  private static Comparator<MethodSymbol> byName() {
    Map<MethodSymbol, String> names = new HashMap<>();
    return (a, b) -> {
      String nameA = names.computeIfAbsent(a, m -> m.owner.flatName() + "." + m.name);
      String nameB = names.computeIfAbsent(b, m -> m.owner.flatName() + "." + m.name);
      return nameA.startsWith(nameB) || nameB.startsWith(nameA)
          ? (nameA + a.type).compareTo(nameB + b.type)
          : nameA.compareTo(nameB);
    };
  }

  private LockEffect effectOfBody(TreePath declaration, boolean again, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol((MethodTree) declaration.getLeaf());
    if (!mayTouchLocks(declaration, method, state)) {
      return LockEffect.NONE;
    }
    VisitorState here = state.withPath(declaration);
    LockDataflow.Result flow =
        again
            ? LockAnalysis.rerunDataflowOf(declaration, here)
            : LockAnalysis.dataflowOf(declaration, here);
    List<HeldLock> acquires = new ArrayList<>();
    for (HeldLock lock : flow.atExit()) {
      if (visibleToCallers(lock.key(), method)) {
        acquires.add(lock);
      }
    }
    ImmutableSet.Builder<HeldLock.Key> releases = ImmutableSet.builder();
    for (HeldLock.Key key : flow.releasedUnheld()) {
      if (visibleToCallers(key, method)) {
        releases.add(key);
      }
    }
    TemplateCallbacks.Runs runs = TemplateCallbacks.of(declaration, here);
    return new LockEffect(
        HeldLocks.of(acquires), releases.build(), runs.held(), runs.keepsLocksIfThrown());
  }

  /**
   * A test that spares the dataflow for most methods: only a method with a callback parameter, or
   * one that makes a lock operation outside a bracket or calls a method with an effect, can have an
   * effect.
   */
  private boolean mayTouchLocks(TreePath declaration, MethodSymbol method, VisitorState state) {
    if (TemplateCallbacks.takesCallbacks(method, state)) {
      return true;
    }
    BodyCalls calls = callsOf(declaration, state);
    if (calls.unbracketedLocks()) {
      return true;
    }
    for (MethodSymbol callee : calls.callees()) {
      if (!effectOf(callee, state).isNone()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call of {@code method} can change its caller's locks or run a callback: the method
   * takes a callback, or may reach a lock operation; always true before the reach is made. A method
   * that does neither holds no lock at its exit, releases none, and runs no argument.
   */
  private boolean mayHaveEffect(MethodSymbol method, VisitorState state) {
    if (lockOperations == null) {
      if (callsByBody.size() < BODIES_BEFORE_REACH) {
        return true; // not yet worth a pass over the compilation
      }
      lockOperations =
          CallReach.of(
              state,
              new CallReach.Seeds(
                  callee -> LockOperations.mayBeOperation(callee, state),
                  (call, callee, unused) ->
                      call.getLeaf() instanceof MethodInvocationTree invocation
                          && LockOperations.classify(invocation, state) != null));
    }
    return lockOperations.mayReach(method) || TemplateCallbacks.takesCallbacks(method, state);
  }

  /** A lock on {@code this}, a parameter or a static field; not on a local or an opaque value. */
  private static boolean visibleToCallers(HeldLock.Key key, MethodSymbol method) {
    return switch (key.path().root()) {
      case THIS, CLASS, STATIC_FIELD -> true;
      case PARAMETER, LOCAL -> method.getParameters().contains(key.path().rootSymbol());
      case UNKNOWN -> false;
    };
  }

  /**
   * The method declarations a call to {@code method} may run: its own, if it has a body in the
   * compilation, and, if it can be overridden, every override with a body in the compilation.
   */
  private List<TreePath> bodiesOf(MethodSymbol method) {
    return bodiesByMethod.computeIfAbsent(method, this::findBodies);
  }

  private List<TreePath> findBodies(MethodSymbol method) {
    List<TreePath> bodies = new ArrayList<>();
    addBody(method, bodies);
    boolean overridable =
        !method.isConstructor()
            && !method.isStatic()
            && (method.flags() & (Flags.PRIVATE | Flags.FINAL)) == 0
            && (method.owner.flags() & Flags.FINAL) == 0;
    if (overridable) {
      for (MethodSymbol override : index.overridersOf(method)) {
        addBody(override, bodies);
      }
    }
    return bodies;
  }

  private void addBody(MethodSymbol method, List<TreePath> bodies) {
    TreePath declaration = index.declaration(method);
    if (declaration != null
        && declaration.getLeaf() instanceof MethodTree tree
        && tree.getBody() != null) {
      bodies.add(declaration);
    }
  }

  /** The methods with code in the compilation that {@code method}'s bodies call or construct. */
  private List<MethodSymbol> calleesOf(MethodSymbol method, VisitorState state) {
    Set<MethodSymbol> callees = new LinkedHashSet<>();
    for (TreePath body : bodiesOf(method)) {
      callees.addAll(callsOf(body, state).callees());
    }
    return new ArrayList<>(callees);
  }

  /**
   * What the body declared at {@code declaration} calls, read off the compilation's one scan
   * ({@link CompilationScan#callsIn}), for both the call graph and {@link #mayTouchLocks}: its
   * callees with code in the compilation, in order, and whether it makes a lock operation itself
   * outside a bracket. Lambdas are its code; nested classes are not. Only a body with a lock
   * operation is walked, for its brackets.
   */
  private BodyCalls callsOf(TreePath declaration, VisitorState state) {
    BodyCalls known = callsByBody.get(declaration.getLeaf());
    if (known != null) {
      return known;
    }
    MethodTree method = (MethodTree) declaration.getLeaf();
    Set<MethodSymbol> callees = new LinkedHashSet<>();
    List<Tree> locks = new ArrayList<>();
    for (CompilationScan.Call call :
        CompilationScan.instance(state.context).callsIn(ASTHelpers.getSymbol(method))) {
      Tree leaf = call.path().getLeaf();
      if (leaf instanceof MethodInvocationTree invocation) {
        if (LockOperations.classify(invocation, state) != null) {
          locks.add(invocation);
        }
      } else if (!(leaf instanceof NewClassTree)) {
        continue; // a method reference runs its method later, if at all
      }
      if (mayHaveEffect(call.callee(), state) && !bodiesOf(call.callee()).isEmpty()) {
        callees.add(call.callee());
      }
    }
    BodyCalls calls =
        new BodyCalls(
            callees, !locks.isEmpty() && !bracketed(method, declaration, state).containsAll(locks));
    callsByBody.put(method, calls);
    return calls;
  }

  /** The lock and unlock calls of the brackets of {@code method}'s code (lambdas included). */
  private static Set<Tree> bracketed(MethodTree method, TreePath declaration, VisitorState state) {
    Set<Tree> bracketed = Collections.newSetFromMap(new IdentityHashMap<>());
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBlock(BlockTree block, Void unused) {
        LockBrackets.addBracketsOf(block, declaration, state, bracketed);
        return super.visitBlock(block, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(method.getBody(), null);
    return bracketed;
  }
}
