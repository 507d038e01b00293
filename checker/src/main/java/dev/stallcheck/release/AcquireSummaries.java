package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.BottomUpComponents;
import dev.stallcheck.graph.ComponentFixpoint;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import dev.stallcheck.text.MethodNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link AcquireSummary acquire summaries} of the methods of one javac compilation, computed on
 * demand and memoized for the whole compilation (the instance lives in javac's {@link Context}), so
 * that a helper shared by many tasks is analysed once.
 *
 * <p>Cost is linear in the code: each method body is walked once into a {@link BodyFlow}; summaries
 * are solved bottom-up over the strongly connected components of the helper-call graph (Tarjan,
 * iterative, so deep chains cannot overflow the stack). Inside a recursive cycle the summaries are
 * joined to their fixpoint from the flows ({@link ComponentFixpoint}): they are keyed by acquire
 * site and receiver, and paths are bounded in length, so they are finite. Calls are followed only
 * to the one body that runs ({@link HelperTargets}).
 */
final class AcquireSummaries {
  private static final Context.Key<Map<AcquireReleasePairs, AcquireSummaries>> KEY =
      new Context.Key<>();

  /** Chains longer than this are dropped: they only arise from recursion over nested holders. */
  private static final int MAX_CHAIN = 8;

  private final AcquireReleasePairs pairs;
  private final VisitorState state;
  private final HelperTargets targets;
  private final Map<MethodSymbol, AcquireSummary> solved = new HashMap<>();
  private final Map<MethodSymbol, Optional<BodyFlow>> flows = new HashMap<>();

  private AcquireSummaries(AcquireReleasePairs pairs, VisitorState state, HelperTargets targets) {
    this.pairs = pairs;
    this.state = state;
    this.targets = targets;
  }

  /** The summaries of the compilation {@code state} belongs to, for one vocabulary. */
  static AcquireSummaries instance(VisitorState state, AcquireReleasePairs pairs) {
    Context context = state.context;
    return PerCompilation.instance(
        context,
        KEY,
        pairs,
        unused -> new AcquireSummaries(pairs, state, HelperTargets.instance(context)));
  }

  /** The summary of {@code method}; {@link AcquireSummary#NONE} if its body is not known. */
  AcquireSummary ofMethod(MethodSymbol method) {
    AcquireSummary known = solved.get(method);
    if (known != null) {
      return known;
    }
    if (flowOf(method).isEmpty()) {
      return AcquireSummary.NONE;
    }
    solveFrom(method);
    return solved.get(method);
  }

  /** The summary of a task lambda's body {@code code}, in {@code unit}; not memoized. */
  AcquireSummary ofLambdaBody(Tree code, CompilationUnitTree unit) {
    BodyFlow flow = BodyFlow.of(code, unit, ImmutableList.of(), pairs, targets, state);
    flow.calls().forEach(call -> ofMethod(call.target()));
    return summarize(flow, null, this::ofMethod);
  }

  /**
   * Where {@code call}, a call made by the body being analysed, gives back what {@code acquire}
   * took, when it does so inside a helper at any depth ({@code releaseQuietly(pool, conn)}): the
   * helpers from {@code call}'s target down to the one making the release, and that release. Read
   * from the memoized summaries; the descent that names the chain runs only for a match.
   */
  Optional<HelperRelease> releaseThrough(MethodInvocationTree call, Acquire acquire) {
    MethodSymbol target = targets.target(call);
    if (target == null) {
      return Optional.empty();
    }
    BodyFlow.Call site = BodyFlow.Call.of(call, target, true);
    return descend(target, release -> releaseSeenFrom(release, site), acquire, new HashSet<>());
  }

  /**
   * Where the lambda body {@code code} (a {@code Runnable} the caller runs: its frame is the
   * caller's) gives back what {@code acquire} took, itself or in a helper at any depth.
   */
  Optional<HelperRelease> releaseInLambda(
      Tree code, CompilationUnitTree unit, Acquire acquire, String name) {
    BodyFlow flow = BodyFlow.of(code, unit, ImmutableList.of(), pairs, targets, state);
    return descendFlow(flow, unit, name, Function.identity(), acquire, new HashSet<>());
  }

  private Optional<HelperRelease> descend(
      MethodSymbol method,
      Function<ReleaseCall, ReleaseCall> toCaller,
      Acquire acquire,
      Set<MethodSymbol> visited) {
    if (!visited.add(method)
        || ofMethod(method).releases().stream()
            .noneMatch(r -> pairs.isReleaseOf(acquire, toCaller.apply(r), state))) {
      return Optional.empty();
    }
    return descendFlow(
        flowOf(method).orElseThrow(),
        targets.body(method).getCompilationUnit(),
        MethodNames.of(method),
        toCaller,
        acquire,
        visited);
  }

  private Optional<HelperRelease> descendFlow(
      BodyFlow flow,
      CompilationUnitTree unit,
      String name,
      Function<ReleaseCall, ReleaseCall> toCaller,
      Acquire acquire,
      Set<MethodSymbol> visited) {
    for (MethodInvocationTree release : flow.releases()) {
      if (ReleaseCall.of(release)
          .filter(r -> pairs.isReleaseOf(acquire, toCaller.apply(r), state))
          .isPresent()) {
        return Optional.of(new HelperRelease(ImmutableList.of(name), release, unit));
      }
    }
    for (BodyFlow.Call call : flow.calls()) {
      Optional<HelperRelease> below =
          descend(
              call.target(),
              release -> toCaller.apply(releaseSeenFrom(release, call)),
              acquire,
              visited);
      if (below.isPresent()) {
        return Optional.of(below.get().under(name));
      }
    }
    return Optional.empty();
  }

  private Optional<BodyFlow> flowOf(MethodSymbol method) {
    return flows.computeIfAbsent(
        method,
        m -> {
          TreePath path = targets.body(m);
          if (path == null) {
            return Optional.empty();
          }
          MethodTree declared = (MethodTree) path.getLeaf();
          ImmutableList<VarSymbol> parameters =
              declared.getParameters().stream()
                  .map(ASTHelpers::getSymbol)
                  .collect(ImmutableList.toImmutableList());
          return Optional.of(
              BodyFlow.of(
                  declared.getBody(),
                  path.getCompilationUnit(),
                  parameters,
                  pairs,
                  targets,
                  state));
        });
  }

  /** Solves {@code root} and the helpers below it, each group of mutually calling methods once. */
  private void solveFrom(MethodSymbol root) {
    BottomUpComponents.solve(
        root,
        method -> flowOf(method).orElseThrow().calls().stream().map(BodyFlow.Call::target).toList(),
        method -> solved.containsKey(method) || flowOf(method).isEmpty(),
        this::solveComponent);
  }

  /**
   * Solves one group of mutually calling methods. Inside a recursive group, what the methods give
   * back only grows with what their helpers give back, so it is solved first; with it known, the
   * acquires left open only grow with the helpers' open ones. Each is joined to its fixpoint
   * ({@link ComponentFixpoint}).
   */
  private void solveComponent(List<MethodSymbol> component) {
    Map<MethodSymbol, AcquireSummary> current = new HashMap<>();
    component.forEach(m -> current.put(m, AcquireSummary.NONE));
    Function<MethodSymbol, AcquireSummary> lookup =
        m -> solved.containsKey(m) ? solved.get(m) : current.getOrDefault(m, AcquireSummary.NONE);
    Function<MethodSymbol, List<MethodSymbol>> callees =
        m -> flowOf(m).orElseThrow().calls().stream().map(BodyFlow.Call::target).toList();
    boolean recursive =
        component.size() > 1 || callees.apply(component.get(0)).contains(component.get(0));
    Function<MethodSymbol, AcquireSummary> fresh =
        m -> summarize(flowOf(m).orElseThrow(), m, lookup);
    if (!recursive) {
      current.put(component.get(0), fresh.apply(component.get(0)));
    } else {
      joinToFixpoint(component, callees, current, fresh, AcquireSummary::withReleasesOf);
      joinToFixpoint(component, callees, current, fresh, AcquireSummaries::withAcquiresOf);
    }
    solved.putAll(current);
  }

  /**
   * Joins each method's {@code fresh} summary into its {@code current} one with {@code join}, until
   * none grows.
   */
  private static void joinToFixpoint(
      List<MethodSymbol> component,
      Function<MethodSymbol, List<MethodSymbol>> callees,
      Map<MethodSymbol, AcquireSummary> current,
      Function<MethodSymbol, AcquireSummary> fresh,
      BinaryOperator<AcquireSummary> join) {
    ComponentFixpoint.solve(
        component,
        callees,
        method -> {
          AcquireSummary next = join.apply(current.get(method), fresh.apply(method));
          return !next.equals(current.put(method, next));
        });
  }

  /** {@code summary} with the open acquires of {@code more} joined into its own. */
  private static AcquireSummary withAcquiresOf(AcquireSummary summary, AcquireSummary more) {
    Map<EntryKey, Acquire> entries = new LinkedHashMap<>();
    summary.acquires().forEach(acquire -> merge(entries, acquire));
    more.acquires().forEach(acquire -> merge(entries, acquire));
    return new AcquireSummary(
        ImmutableList.copyOf(entries.values()),
        summary.releases(),
        summary.parameters(),
        summary.cleansUp());
  }

  /** The summary of one body, given its helpers' summaries. */
  private AcquireSummary summarize(
      BodyFlow flow, @Nullable MethodSymbol self, Function<MethodSymbol, AcquireSummary> callees) {
    Set<ReleaseCall> releaseSet = new LinkedHashSet<>();
    flow.releases().forEach(call -> ReleaseCall.of(call).ifPresent(releaseSet::add));
    boolean cleansUp = flow.cleansUp();
    for (BodyFlow.Call call : flow.calls()) {
      AcquireSummary callee = callees.apply(call.target());
      cleansUp |= callee.cleansUp();
      callee.releases().forEach(release -> releaseSet.add(releaseSeenFrom(release, call)));
    }
    ImmutableSet<ReleaseCall> releases = ImmutableSet.copyOf(releaseSet);
    ReleasesByReceiver releasesByReceiver = new ReleasesByReceiver(releases);
    ImmutableList<String> selfName =
        self == null ? ImmutableList.of() : ImmutableList.of(MethodNames.of(self));
    Map<EntryKey, Acquire> entries = new LinkedHashMap<>();
    for (Acquire direct : flow.acquires()) {
      if (direct.kind() == Acquire.Kind.CLOSEABLE && helperReturnsAcquire(flow, direct, callees)) {
        continue;
      }
      Set<Symbol> carriers = carriers(flow, direct.call(), null);
      Publication publication = publication(flow, carriers, direct.call(), callees);
      Acquire published =
          direct.inFrame(
              direct.receiver(),
              direct.implicitReceiverOwner(),
              publication.sinks(),
              publication.returned(),
              selfName);
      if (!released(flow, published, carriers, direct.call(), releasesByReceiver, callees)) {
        merge(entries, published);
      }
    }
    for (BodyFlow.Call call : flow.calls()) {
      if (!call.own()) {
        continue;
      }
      for (Acquire inner : callees.apply(call.target()).acquires()) {
        Optional<AccessPath> receiver =
            inner.receiver().flatMap(chain -> chainSeenFrom(chain, call));
        Optional<String> implicitOwner = Optional.empty();
        if (inner.implicitReceiverOwner().isPresent()) {
          if (call.onThis()) {
            implicitOwner = inner.implicitReceiverOwner();
          } else {
            receiver = call.receiver();
          }
        }
        ImmutableSet.Builder<AccessPath> sinks = ImmutableSet.builder();
        inner.sinks().forEach(sink -> chainSeenFrom(sink, call).ifPresent(sinks::add));
        Set<Symbol> carriers = ImmutableSet.of();
        Tree value = null;
        boolean returned = false;
        if (inner.returned()) {
          // The helper hands the value back: follow it from the call site in this body.
          value = call.site();
          carriers = carriers(flow, value, null);
          Publication publication = publication(flow, carriers, value, callees);
          sinks.addAll(publication.sinks());
          returned = publication.returned();
        }
        Acquire seen =
            inner.inFrame(
                receiver,
                implicitOwner,
                sinks.build(),
                returned,
                ImmutableList.<String>builderWithExpectedSize(1 + inner.via().size())
                    .addAll(selfName)
                    .addAll(inner.via())
                    .build());
        if (!released(flow, seen, carriers, value, releasesByReceiver, callees)) {
          merge(entries, seen);
        }
      }
    }
    ImmutableList.Builder<AcquireSummary.ParameterFate> parameters = ImmutableList.builder();
    for (VarSymbol parameter : flow.parameters()) {
      Set<Symbol> carriers = carriers(flow, null, parameter);
      parameters.add(
          new AcquireSummary.ParameterFate(
              publication(flow, carriers, null, callees).sinks(),
              released(flow, null, carriers, null, releasesByReceiver, callees)));
    }
    return new AcquireSummary(
        ImmutableList.copyOf(entries.values()), releases, parameters.build(), cleansUp);
  }

  /**
   * Whether {@code closeable}, an {@code AutoCloseable} returned by a helper of this compilation,
   * is an acquire the helper makes and returns, which the caller then sees in its own kind.
   */
  private static boolean helperReturnsAcquire(
      BodyFlow flow, Acquire closeable, Function<MethodSymbol, AcquireSummary> callees) {
    return flow.calls().stream()
        .anyMatch(
            call ->
                call.site() == closeable.call()
                    && callees.apply(call.target()).acquires().stream()
                        .anyMatch(Acquire::returned));
  }

  private static void merge(Map<EntryKey, Acquire> entries, Acquire acquire) {
    entries.merge(
        new EntryKey(acquire.call(), acquire.receiver(), acquire.implicitReceiverOwner()),
        acquire,
        (old, added) ->
            old.withPublication(
                ImmutableSet.<AccessPath>builder()
                    .addAll(old.sinks())
                    .addAll(added.sinks())
                    .build(),
                old.returned() || added.returned()));
  }

  /**
   * The local variables of the body that carry the value of {@code seed} (or of {@code parameter}),
   * following declarations and assignments in source order.
   */
  private static Set<Symbol> carriers(
      BodyFlow flow, @Nullable Tree seed, @Nullable Symbol parameter) {
    Set<Symbol> carriers = new HashSet<>();
    if (parameter != null) {
      carriers.add(parameter);
    }
    for (Tree step : flow.flow()) {
      if (step instanceof VariableTree variable
          && variable.getInitializer() != null
          && carries(variable.getInitializer(), seed, carriers)) {
        carriers.add(ASTHelpers.getSymbol(variable));
      } else if (step instanceof AssignmentTree assignment
          && carries(assignment.getExpression(), seed, carriers)
          && isLocal(assignment.getVariable())) {
        carriers.add(ASTHelpers.getSymbol(assignment.getVariable()));
      }
    }
    return carriers;
  }

  private static boolean isLocal(ExpressionTree target) {
    return target instanceof IdentifierTree
        && ASTHelpers.getSymbol(target) instanceof Symbol sym
        && !sym.getKind().isField();
  }

  private static boolean carries(
      ExpressionTree expression, @Nullable Tree seed, Set<Symbol> carriers) {
    ExpressionTree e = BareExpression.of(expression);
    if (seed != null && e == seed) {
      return true;
    }
    // An argument like a literal or a call names no variable, and so carries nothing (immutable
    // sets reject a null lookup).
    Symbol named = BodyFlow.identifierSymbol(e);
    return named != null && carriers.contains(named);
  }

  /** Where the value leaves the body: stores, publishing calls, helpers that store it, returns. */
  private Publication publication(
      BodyFlow flow,
      Set<Symbol> carriers,
      @Nullable Tree seed,
      Function<MethodSymbol, AcquireSummary> callees) {
    ImmutableSet.Builder<AccessPath> sinks = ImmutableSet.builder();
    boolean returned = false;
    for (Tree step : flow.flow()) {
      if (step instanceof AssignmentTree assignment) {
        if (carries(assignment.getExpression(), seed, carriers)
            && !isLocal(assignment.getVariable())) {
          ReferencePaths.of(assignment.getVariable()).ifPresent(sinks::add);
        }
      } else if (step instanceof MethodInvocationTree call) {
        if (call.getArguments().stream().anyMatch(arg -> carries(arg, seed, carriers))) {
          ReferencePaths.of(ASTHelpers.getReceiver(call)).ifPresent(sinks::add);
        }
      } else if (step instanceof ReturnTree ret) {
        returned |= carries(ret.getExpression(), seed, carriers);
      }
    }
    returned |= flow.expressionValue().filter(value -> carries(value, seed, carriers)).isPresent();
    for (BodyFlow.Call call : flow.calls()) {
      if (!call.own()) {
        continue;
      }
      for (int i = 0; i < call.arguments().size(); i++) {
        if (carries(call.arguments().get(i), seed, carriers) && mapsToParameter(call, i)) {
          callees
              .apply(call.target())
              .parameter(i)
              .sinks()
              .forEach(sink -> chainSeenFrom(sink, call).ifPresent(sinks::add));
        }
      }
    }
    return new Publication(sinks.build(), returned);
  }

  /**
   * Whether the body gives the value back: a matching release ({@code acquire}'s pool, lock, or a
   * holder it was stored in), a release or close of a carrier, a try-with-resources around it, or a
   * helper that releases the parameter it is passed in.
   */
  private boolean released(
      BodyFlow flow,
      @Nullable Acquire acquire,
      Set<Symbol> carriers,
      @Nullable Tree seed,
      ReleasesByReceiver releases,
      Function<MethodSymbol, AcquireSummary> callees) {
    if (acquire != null && releases.anyReleases(acquire, pairs, state)) {
      return true;
    }
    if (seed == null && carriers.isEmpty()) {
      // No variable of the body carries the value (a helper's acquire that the helper does not
      // return), so none of the tests below can pass.
      return false;
    }
    for (MethodInvocationTree call : flow.releases()) {
      if (closesCarrier(call, carriers)) {
        return true;
      }
    }
    for (Tree resource : flow.tryResources()) {
      if (resource instanceof VariableTree v
              && (v.getInitializer() != null && carries(v.getInitializer(), seed, carriers)
                  || carriers.contains(ASTHelpers.getSymbol(v)))
          || resource instanceof ExpressionTree e && carries(e, null, carriers)) {
        return true;
      }
    }
    for (BodyFlow.Call call : flow.calls()) {
      for (int i = 0; i < call.arguments().size(); i++) {
        if (carries(call.arguments().get(i), seed, carriers)
            && mapsToParameter(call, i)
            && callees.apply(call.target()).parameter(i).released()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A release or close called on a carrier, or given a carrier ({@code pool.release(r)}). */
  private static boolean closesCarrier(MethodInvocationTree call, Set<Symbol> carriers) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || !AcquireReleasePairs.isReleaseName(method.getSimpleName().toString())) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver != null && carries(receiver, null, carriers)
        || call.getArguments().stream().anyMatch(arg -> carries(arg, null, carriers));
  }

  /**
   * Whether argument {@code index} of {@code call} is one parameter of the target (not varargs).
   */
  private static boolean mapsToParameter(BodyFlow.Call call, int index) {
    int parameters = call.target().getParameters().size();
    return index < parameters && !(call.target().isVarArgs() && index >= parameters - 1);
  }

  /**
   * A path of the callee's frame as the caller sees it ({@link AccessPath#seenFrom}): a parameter
   * becomes the argument, the callee's {@code this} the receiver (stays {@code this} for a call on
   * it); empty when the argument or receiver has no path, or the result is too long. A path rooted
   * elsewhere stays as it is: a callee's local names nothing of the caller's, yet keeps the
   * receiver named (an unnamed one would match static acquires).
   */
  private static Optional<AccessPath> chainSeenFrom(AccessPath chain, BodyFlow.Call call) {
    boolean inCalleeFrame =
        chain.root() == AccessPath.Root.THIS
            || chain.root() == AccessPath.Root.PARAMETER
                && call.target().getParameters().contains(chain.rootSymbol());
    if (!inCalleeFrame) {
      return Optional.of(chain);
    }
    AccessPath receiver = call.onThis() ? AccessPath.self() : call.receiver().orElse(null);
    List<@Nullable AccessPath> arguments = new ArrayList<>();
    for (int i = 0; i < call.arguments().size(); i++) {
      arguments.add(
          mapsToParameter(call, i)
              ? ReferencePaths.of(call.arguments().get(i)).orElse(null)
              : null);
    }
    return Optional.ofNullable(chain.seenFrom(receiver, arguments))
        .filter(c -> c.symbols().size() <= MAX_CHAIN);
  }

  /**
   * A release made in the callee as the caller sees it; a lost receiver matches only static
   * acquires.
   */
  private static ReleaseCall releaseSeenFrom(ReleaseCall release, BodyFlow.Call call) {
    if (release.receiver().isPresent()) {
      return new ReleaseCall(
          release.method(), chainSeenFrom(release.receiver().get(), call), false);
    }
    if (release.onImplicitThis() && !call.onThis()) {
      return new ReleaseCall(release.method(), call.receiver(), false);
    }
    return release;
  }

  private record Publication(ImmutableSet<AccessPath> sinks, boolean returned) {}

  private record EntryKey(
      Tree call, Optional<AccessPath> receiver, Optional<String> implicitOwner) {}
}
