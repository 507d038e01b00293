package dev.stallcheck.summary;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.BottomUpComponents;
import dev.stallcheck.graph.CallReach;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.ComponentFixpoint;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.AccessPath;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * "May block" summaries for the methods of one javac compilation, computed on demand and memoized
 * for the whole compilation (the instance lives in javac's {@link Context}).
 *
 * <p>Cost is linear: each node's code is walked once into {@link NodeFacts}; summaries are then
 * solved bottom-up over the strongly connected components of the call graph (Tarjan, iterative so
 * that deep chains cannot overflow the stack), each edge merged a bounded number of times. Within a
 * cycle the summaries are iterated to a fixpoint; they only grow and are bounded, so it terminates.
 */
public final class BlockingSummaries {
  private static final Context.Key<Map<Configuration, BlockingSummaries>> KEY = new Context.Key<>();

  /**
   * Built on the first summary asked for, with the compilation's index and value flow: most
   * compilations need none, since no call they make under a lock may block ({@link #mayBlock}).
   */
  private final Supplier<FactsCollector> collector;

  /** The most methods a chain from a held lock to the operation that blocks may go through. */
  private final int maxChainDepth;

  /** More bodies than this at one virtual call make it a plugin point (see {@link #heard}). */
  private final int pluginPointBodies;

  /** Rethrow analysis failures instead of treating the node as non-blocking (tests). */
  private final boolean failOnAnalysisError;

  private final Map<SummaryNode, BlockingSendSummary> solved = new HashMap<>();
  private final Map<SummaryNode, NodeFacts> pending = new HashMap<>();

  /** The facts of solved nodes, kept to find the sends a call reaches ({@link #sendsReachedBy}). */
  private final Map<SummaryNode, NodeFacts> solvedFacts = new HashMap<>();

  /**
   * The methods that may reach a blocking operation at all, found on the first summary asked for: a
   * call that cannot has no summary to compute (most calls, even under locks).
   */
  private final Supplier<CallReach> mayBlock;

  private BlockingSummaries(
      Supplier<FactsCollector> collector,
      Supplier<CallReach> mayBlock,
      SummaryLimits limits,
      boolean failOnAnalysisError) {
    this.collector = Suppliers.memoize(collector);
    this.mayBlock = Suppliers.memoize(mayBlock);
    this.maxChainDepth = limits.maxChainDepth();
    this.pluginPointBodies = limits.pluginPointBodies();
    this.failOnAnalysisError = failOnAnalysisError;
  }

  /**
   * The summaries of the compilation {@code state} belongs to, for one configuration: created on
   * first use, then shared by every later call in the same compilation. With {@code
   * failOnAnalysisError}, an unexpected exception while reading some code propagates (tests);
   * otherwise that code counts as non-blocking, since a check must never fail the user's build.
   */
  public static BlockingSummaries instance(
      VisitorState state,
      BlockingDeclarations declarations,
      WaitPolicy waits,
      CallClassifier classifier,
      SummaryLimits limits,
      boolean failOnAnalysisError) {
    Context context = state.context;
    return PerCompilation.instance(
        context,
        KEY,
        new Configuration(declarations, waits, classifier, limits, failOnAnalysisError),
        unused ->
            new BlockingSummaries(
                () ->
                    new FactsCollector(
                        CompilationIndex.instance(context),
                        declarations,
                        waits,
                        classifier,
                        limits,
                        state),
                () -> mayBlock(state, declarations, waits, classifier),
                limits,
                failOnAnalysisError));
  }

  /**
   * Every method that may reach a terminal the walk records ({@link FactsCollector}): a send, an
   * untimed wait the policy counts, or a method declared blocking.
   */
  private static CallReach mayBlock(
      VisitorState state,
      BlockingDeclarations declarations,
      WaitPolicy waits,
      CallClassifier classifier) {
    CallReach.Seeds seeds =
        new CallReach.Seeds(
            callee ->
                FactsCollector.mayBeUntimedWait(callee, state)
                    || classifier.mayBeBlockingSend(callee, state),
            (call, callee, compilation) ->
                (FactsCollector.isUntimedWait(call.getLeaf(), callee, compilation)
                        && waits.counts(call, compilation.withPath(call)))
                    || (classifier.mayBeBlockingSend(callee, compilation)
                        && !(call.getLeaf() instanceof NewClassTree)
                        && classifier.isBlockingSend(
                            (ExpressionTree) call.getLeaf(), compilation.withPath(call))));
    return declarations.mayDeclareAny(state)
        ? CallReach.of(state, seeds, method -> declarations.whyBlocking(method, state) != null)
        : CallReach.of(state, seeds);
  }

  /**
   * Whether the call at {@code callPath} may block at all: false when nothing it may run reaches a
   * send, a counted wait or a method declared blocking (most calls), and then its summary is empty.
   * Far cheaper than the summary, or than the locks held at the call.
   */
  public boolean mayBlock(TreePath callPath) {
    return ASTHelpers.getSymbol(callPath.getLeaf()) instanceof MethodSymbol callee
        && mayBlock(callee);
  }

  /** Whether a call of {@code callee} may block at all ({@link #mayBlock(TreePath)}). */
  public boolean mayBlock(MethodSymbol callee) {
    return mayBlock.get().mayReach(callee);
  }

  /** The bodies of the compilation that call {@code callee} as named ({@link CallReach}). */
  Set<Symbol> bodiesCalling(MethodSymbol callee) {
    return mayBlock.get().bodiesCalling(callee);
  }

  /**
   * The calls of the compilation that {@link #mayBlock may block}, in the fixed order of the files
   * and of their code.
   */
  List<TreePath> callsThatMayBlock() {
    return mayBlock.get().callsThatMayReach();
  }

  /**
   * How the call at {@code callPath} (an invocation, a {@code new}, or a method reference that runs
   * immediately) may block, in the frame of the method making it: a wait's monitor is written as
   * that method sees it. Chains start at the method called.
   */
  public BlockingSendSummary summaryOfCall(TreePath callPath) {
    if (!mayBlock(callPath)) {
      return BlockingSendSummary.none();
    }
    List<CallEdge> edges = collector.get().edgesAt(callPath);
    if (edges.isEmpty()) {
      return BlockingSendSummary.none();
    }
    BlockingSendSummary.Builder builder = new BlockingSendSummary.Builder();
    for (CallEdge edge : edges) {
      merge(builder, null, edge, summaryOf(edge.target()));
    }
    return builder.build();
  }

  /**
   * Every send that the call at {@code callPath} may reach and block in: each send of every body
   * below the call whose summary blocks whatever the caller holds, in a fixed order. The message
   * names one chain; a fix must reach all of them (e.g. both implementations of an interface).
   */
  public ReachedSends sendsReachedBy(TreePath callPath) {
    // Every target the call may run (one per receiver class and context) that can block.
    Set<SummaryNode> seen = new LinkedHashSet<>();
    for (CallEdge edge : collector.get().edgesAt(callPath)) {
      if (keepsEveryLockThrough(edge, summaryOf(edge.target()))) {
        seen.add(edge.target());
      }
    }
    if (seen.isEmpty()) {
      return new ReachedSends(List.of(), true);
    }
    Map<Tree, TreePath> sends = new LinkedHashMap<>();
    boolean onlySends = true;
    // Breadth first, so each node is seen at its least depth: sends past maxChainDepth methods
    // are not within reach, as for the chains of the summaries.
    Map<SummaryNode, Integer> depths = new HashMap<>();
    seen.forEach(node -> depths.put(node, 1));
    Deque<SummaryNode> work = new ArrayDeque<>(seen);
    while (!work.isEmpty()) {
      SummaryNode node = work.poll();
      int depth = depths.get(node);
      NodeFacts facts = solvedFacts.getOrDefault(node, NodeFacts.NONE);
      for (NodeFacts.Terminal terminal : facts.terminals()) {
        TreePath send = terminal.operation().path();
        if (terminal.operation().kind() == BlockingOperation.Kind.SEND && send != null) {
          sends.putIfAbsent(send.getLeaf(), send);
        } else {
          onlySends = false;
        }
      }
      for (CallEdge call : facts.calls()) {
        // A callee that cannot block whatever is held has no send below it.
        if (depth < maxChainDepth
            && keepsEveryLockThrough(call, solved.get(call.target()))
            && seen.add(call.target())) {
          depths.put(call.target(), depth + 1);
          work.add(call.target());
        }
      }
    }
    return new ReachedSends(List.copyOf(sends.values()), onlySends);
  }

  /**
   * The sends a call may block in ({@link #sendsReachedBy}).
   *
   * @param onlySends no other blocking operation (a wait, a method declared blocking) lies below
   *     the call: fixing every send fixes the call
   */
  public record ReachedSends(List<TreePath> sends, boolean onlySends) {}

  /** How many summaries have been computed and memoized so far (each node's, once). */
  public long summariesSolved() {
    return solved.size();
  }

  /** How many call edges the memoized summaries were built from. */
  public long edgesSolved() {
    return solvedFacts.values().stream().mapToLong(facts -> facts.calls().size()).sum();
  }

  private BlockingSendSummary summaryOf(SummaryNode root) {
    BlockingSendSummary known = solved.get(root);
    if (known != null) {
      return known;
    }
    BottomUpComponents.solve(root, this::enter, solved::containsKey, this::solve);
    return Objects.requireNonNull(solved.get(root));
  }

  /** Reads a node's facts, once, when the walk first reaches it; its callees are the next steps. */
  private List<SummaryNode> enter(SummaryNode node) {
    NodeFacts facts;
    try {
      facts = collector.get().factsOf(node);
    } catch (RuntimeException e) {
      if (failOnAnalysisError) {
        throw e;
      }
      // Odd code must never fail the user's build: a node we cannot read counts as non-blocking.
      facts = NodeFacts.NONE;
    }
    pending.put(node, facts);
    return facts.calls().stream().map(CallEdge::target).toList();
  }

  /** Solves one strongly connected component whose callees outside it are all solved. */
  private void solve(List<SummaryNode> component) {
    Map<SummaryNode, BlockingSendSummary.Builder> builders = new HashMap<>();
    for (SummaryNode node : component) {
      NodeFacts facts = pending.get(node);
      BlockingSendSummary.Builder builder = new BlockingSendSummary.Builder();
      for (NodeFacts.Terminal terminal : facts.terminals()) {
        BlockingChain chain =
            BlockingChain.through(facts.name(), null, BlockingChain.of(terminal.operation()));
        WaitPrimitive waits = terminal.waits();
        if (waits != null && !waits.ownedBy(facts)) {
          builder.addBorrowedWait(terminal.monitor(), waits, chain);
        } else if (waits != null) {
          builder.addWait(terminal.monitor(), chain);
        } else if (terminal.unlessHeld() != null) {
          builder.addUnlessHeld(terminal.unlessHeld(), chain);
        } else {
          builder.addAlways(chain);
        }
      }
      builders.put(node, builder);
      if (!heard(node, facts, builders)) {
        continue;
      }
      for (CallEdge call : facts.calls()) {
        BlockingSendSummary callee = solved.get(call.target());
        if (callee != null) {
          merge(builder, facts, call, callee);
        }
      }
    }
    // Within a cycle: summaries only grow and are bounded, so the worklist ends.
    ComponentFixpoint.solve(
        component,
        node -> pending.get(node).calls().stream().map(CallEdge::target).toList(),
        node -> {
          NodeFacts facts = pending.get(node);
          if (!heard(node, facts, builders)) {
            return false;
          }
          boolean grew = false;
          for (CallEdge call : facts.calls()) {
            BlockingSendSummary.Builder callee = builders.get(call.target());
            if (callee != null) {
              grew |= merge(builders.get(node), facts, call, callee.build());
            }
          }
          return grew;
        });
    for (SummaryNode node : component) {
      solved.put(node, builders.get(node).build());
      solvedFacts.put(node, pending.remove(node));
    }
  }

  /**
   * Whether the callees of {@code node} speak for it. A virtual call that may run more than {@link
   * #pluginPointBodies} bodies is a plugin point (bundlers, appenders, codecs): which one runs is
   * configuration the compilation does not show. When fewer than one in four of them may block,
   * blocking is what a few plugins do, not what the call does, and the caller is not charged with
   * it; the share only grows as the component is solved, so the answer changes at most once.
   */
  private boolean heard(
      SummaryNode node, NodeFacts facts, Map<SummaryNode, BlockingSendSummary.Builder> builders) {
    if (node.kind() != SummaryNode.Kind.DISPATCH || facts.calls().size() <= pluginPointBodies) {
      return true;
    }
    int bodies = 0;
    int blocking = 0;
    for (CallEdge call : facts.calls()) {
      BlockingSendSummary callee = solved.get(call.target());
      BlockingSendSummary.Builder growing = builders.get(call.target());
      if (callee == null && growing != null) {
        callee = growing.build();
      }
      boolean blocks = callee != null && callee.mayBlock();
      // An abstract method stands for code outside the compilation: a body only if declared
      // blocking.
      if (blocks
          || call.target().kind() == SummaryNode.Kind.FUNCTIONAL
          || (call.target().method().flags() & Flags.ABSTRACT) == 0) {
        bodies++;
      }
      if (blocks) {
        blocking++;
      }
    }
    return bodies <= pluginPointBodies || 4 * blocking >= bodies;
  }

  /**
   * Adds what {@code callee} may do, seen through {@code call}, to a caller with {@code facts}
   * (null: the call site a finding is reported at). A borrowed wait becomes owned by a caller that
   * takes a lock of its kind itself.
   */
  private boolean merge(
      BlockingSendSummary.Builder caller,
      @Nullable NodeFacts facts,
      CallEdge call,
      BlockingSendSummary callee) {
    String name = facts == null ? null : facts.name();
    String site = call.site();
    MonitorsAtCall monitors = call.monitors();
    boolean grew = false;
    if (callee.blocksAlways().isPresent()) {
      BlockingChain chain = prefix(name, site, callee.blocksAlways().get());
      grew |= withinReach(chain) && keepsEveryLock(caller, monitors.notHeld(), chain);
    }
    for (Map.Entry<AccessPath, BlockingChain> send : callee.unlessHeld().entrySet()) {
      AccessPath monitor = call.translate(send.getKey());
      BlockingChain chain = prefix(name, site, send.getValue());
      // Held at the call: the send is not made. Unnameable here: it may be made whatever is held.
      if (withinReach(chain) && (monitor == null || !monitors.held().contains(monitor))) {
        grew |= keepsEveryLock(caller, monitor != null ? monitor : monitors.notHeld(), chain);
      }
    }
    for (Map.Entry<AccessPath, BlockingChain> wait : callee.waits().entrySet()) {
      BlockingChain chain = prefix(name, site, wait.getValue());
      grew |= withinReach(chain) && caller.addWait(call.translate(wait.getKey()), chain);
    }
    for (Map.Entry<BlockingSendSummary.BorrowedWait, BlockingChain> wait :
        callee.borrowedWaits().entrySet()) {
      AccessPath monitor = wait.getKey().monitor();
      AccessPath translated = monitor == null ? null : call.translate(monitor);
      WaitPrimitive waits = wait.getKey().waits();
      BlockingChain chain = prefix(name, site, wait.getValue());
      if (!withinReach(chain)) {
        continue;
      }
      grew |=
          facts != null && waits.ownedBy(facts)
              ? caller.addWait(translated, chain)
              : caller.addBorrowedWait(translated, waits, chain);
    }
    return grew;
  }

  /**
   * Whether the callee of {@code call}, with {@code summary}, may block keeping every lock when
   * called there: always, or unless a monitor is held that the caller's code does not hold at the
   * call.
   */
  private static boolean keepsEveryLockThrough(CallEdge call, BlockingSendSummary summary) {
    return summary.keepsEveryLock(
        call.monitors().held().asList(), (monitor, held) -> held.equals(call.translate(monitor)));
  }

  /** Adds {@code chain}, which keeps every lock, unless {@code monitor} (if not null) is held. */
  private static boolean keepsEveryLock(
      BlockingSendSummary.Builder caller, @Nullable AccessPath monitor, BlockingChain chain) {
    return monitor == null ? caller.addAlways(chain) : caller.addUnlessHeld(monitor, chain);
  }

  /** {@code chain} seen by its caller {@code name} (null: the reported call), calling at site. */
  private static BlockingChain prefix(
      @Nullable String name, @Nullable String site, BlockingChain chain) {
    return BlockingChain.through(name, site, chain);
  }

  /**
   * Whether a caller may take on {@code chain}: at most {@link #maxChainDepth} methods long. Every
   * virtual call on a chain is resolved to the classes the compilation creates, which is a guess
   * about what runs; past a handful of such steps the path is more often impossible than real, and
   * a reader cannot check it. A real stall sits a few calls from its lock.
   */
  private boolean withinReach(BlockingChain chain) {
    return chain.depth() <= maxChainDepth;
  }

  /** What a set of summaries depends on besides the code. */
  private record Configuration(
      BlockingDeclarations declarations,
      WaitPolicy waits,
      CallClassifier classifier,
      SummaryLimits limits,
      boolean failOnAnalysisError) {}
}
