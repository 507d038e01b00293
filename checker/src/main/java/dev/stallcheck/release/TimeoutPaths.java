package dev.stallcheck.release;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.tree.JCTree;
import dev.stallcheck.trees.AnyCall;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ConditionalBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.ExceptionBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SingleSuccessorBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.CatchMarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.NullLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ThrowNode;
import org.jspecify.annotations.Nullable;

/**
 * The ordering analysis: which calls of a method run on a path where a timed wait has timed out and
 * nothing has since established that the task finished.
 *
 * <p>It walks the method's CFG from the wait's timeout outcome: for a throwing wait, its {@code
 * TimeoutException} edges (into a {@code catch}, a {@code finally} copy, or out of the method); for
 * a wait that returns {@code false}/{@code null}, its normal successor, pruning branches whose
 * condition says the wait succeeded ({@code if (latch.await(..))}, {@code if (!ok)}, {@code while
 * (q.poll(..) == null)}) including through boolean locals assigned from the wait. Every timed wait
 * met on the way is taken to time out too; an untimed wait ({@code get()}, {@code join()}, {@code
 * await()}) ends the path, and so does a {@code !t.isAlive()} branch (a thread seen terminated has
 * finished everything it did), or an {@code f.isDone()} branch on an executor's future that the
 * method never cancels. The walk is path-insensitive otherwise and follows explicit throws and
 * declared checked exceptions of other calls, so a release in a {@code finally} or after a {@code
 * catch (TimeoutException e)} that falls through is reached.
 */
final class TimeoutPaths {
  /**
   * What is reachable after a timeout.
   *
   * @param reached the calls run on some timed-out path
   * @param escapes whether some timed-out path leaves the method without the task having finished
   * @param returnsNormally whether some timed-out path returns from the method normally
   */
  record Result(
      ImmutableSet<MethodInvocationTree> reached, boolean escapes, boolean returnsNormally) {}

  /** What a local variable is known to hold on the current path. */
  private enum Fact {
    /** The {@code false} a timed wait returned on timeout. */
    TIMED_OUT_FALSE,
    /** The {@code null} a timed poll returned on timeout. */
    TIMED_OUT_NULL
  }

  private record Item(Block block, int index, Node previous, ImmutableMap<Element, Fact> facts) {}

  private record Visit(long block, int index, long previous, ImmutableMap<Element, Fact> facts) {}

  private static final String FUTURE = "java.util.concurrent.Future";

  private final ControlFlowGraph cfg;
  private final Waits waits;
  private final VisitorState state;

  /** See {@link #cancelsAFuture}; null until asked. */
  private @Nullable Boolean cancelsAFuture;

  TimeoutPaths(ControlFlowGraph cfg, Waits waits, VisitorState state) {
    this.cfg = cfg;
    this.waits = waits;
    this.state = state;
  }

  /** The calls reached after {@code wait} times out. */
  Result after(MethodInvocationTree wait, WaitKind kind) {
    Walk walk = new Walk();
    for (Node node : cfg.getNodesCorrespondingToTree(wait)) {
      if (node instanceof MethodInvocationNode) {
        walk.afterTimeout(node, kind, ImmutableMap.of());
      }
    }
    walk.run();
    return new Result(ImmutableSet.copyOf(walk.reached), walk.escapes, walk.returnsNormally);
  }

  /** One traversal; mutable, confined to {@link #after}. */
  private final class Walk {
    private final Deque<Item> work = new ArrayDeque<>();
    private final Set<Visit> seen = new HashSet<>();
    private final Set<MethodInvocationTree> reached = new HashSet<>();
    private boolean escapes;
    private boolean returnsNormally;

    void run() {
      while (!work.isEmpty()) {
        process(work.pop());
      }
    }

    private void push(Block block, int index, Node previous, ImmutableMap<Element, Fact> facts) {
      if (block == null) {
        return;
      }
      Node relevantPrevious = block instanceof ConditionalBlock ? previous : null;
      Visit visit =
          new Visit(
              block.getUid(),
              index,
              relevantPrevious == null ? -1 : relevantPrevious.getUid(),
              facts);
      if (seen.add(visit)) {
        work.push(new Item(block, index, relevantPrevious, facts));
      }
    }

    /** Continues after {@code wait} (a timed wait) has timed out. */
    void afterTimeout(Node wait, WaitKind kind, ImmutableMap<Element, Fact> facts) {
      Block block = wait.getBlock();
      if (kind.throwsOnTimeout()) {
        Type thrown = thrownOnTimeout(wait, kind);
        if (thrown != null && block instanceof ExceptionBlock exceptional) {
          for (Map.Entry<TypeMirror, Set<Block>> edge :
              exceptional.getExceptionalSuccessors().entrySet()) {
            Type declared = (Type) edge.getKey();
            Set<Block> successors =
                declared.hasTag(TypeTag.TYPEVAR)
                    ? handlersOf(thrown, edge.getValue())
                    : state.getTypes().isSubtype(thrown, declared) ? edge.getValue() : Set.of();
            for (Block successor : successors) {
              push(successor, 0, null, facts);
            }
          }
        }
        return;
      }
      List<Node> nodes = block.getNodes();
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.get(i) == wait) {
          process(new Item(block, i + 1, wait, facts));
        }
      }
    }

    /**
     * The exception {@code wait} throws when it times out: its kind's, or the class the call is
     * given; null where that is unknown, and then no handler counts as reached by the timeout.
     */
    private @Nullable Type thrownOnTimeout(Node wait, WaitKind kind) {
      if (kind != WaitKind.TIMED_THROWS_GIVEN) {
        return state.getTypeFromString(kind.timeoutException());
      }
      return wait.getTree() instanceof MethodInvocationTree call
          ? waits.givenException(call).orElse(null)
          : null;
    }

    /**
     * Where {@code thrown} goes among {@code successors}, the blocks an exception of a thrown type
     * variable ({@code <X extends Exception> ... throws X}) may go to: for such an edge the CFG
     * lists every handler that might catch some {@code X}, with the method's exit or an outer
     * handler. The first {@code catch} (innermost, then in source order) whose type is a supertype
     * of {@code thrown} takes it; with none, it goes on to the blocks that are not a {@code catch}
     * (a {@code finally} copy, the exit).
     */
    private Set<Block> handlersOf(Type thrown, Set<Block> successors) {
      Block first = null;
      int firstStart = Integer.MAX_VALUE;
      Set<Block> others = new HashSet<>();
      for (Block successor : successors) {
        CatchMarkerNode handler = catchStartedBy(successor);
        if (handler == null) {
          others.add(successor);
        } else if (catches(handler.getCatchType(), thrown)) {
          int start = startOf(handler);
          if (start < firstStart) {
            first = successor;
            firstStart = start;
          }
        }
      }
      return first != null ? Set.of(first) : others;
    }

    /** Whether a {@code catch} of {@code caught} (a union type too) takes {@code thrown}. */
    private boolean catches(TypeMirror caught, Type thrown) {
      if (caught instanceof UnionType union) {
        return union.getAlternatives().stream()
            .anyMatch(alternative -> catches(alternative, thrown));
      }
      return state.getTypes().isSubtype(thrown, (Type) caught);
    }

    private void process(Item item) {
      Block block = item.block();
      switch (block.getType()) {
        case SPECIAL_BLOCK -> {
          if (block == cfg.getRegularExitBlock() || block == cfg.getExceptionalExitBlock()) {
            escapes = true;
          }
          returnsNormally |= block == cfg.getRegularExitBlock();
        }
        case CONDITIONAL_BLOCK -> {
          ConditionalBlock conditional = (ConditionalBlock) block;
          Boolean value = valueOf(item.previous(), item.facts());
          if (!Boolean.FALSE.equals(value)) {
            push(conditional.getThenSuccessor(), 0, null, item.facts());
          }
          if (!Boolean.TRUE.equals(value)) {
            push(conditional.getElseSuccessor(), 0, null, item.facts());
          }
        }
        case REGULAR_BLOCK, EXCEPTION_BLOCK -> walkNodes(item);
      }
    }

    private void walkNodes(Item item) {
      Block block = item.block();
      List<Node> nodes = block.getNodes();
      Node previous = item.previous();
      ImmutableMap<Element, Fact> facts = item.facts();
      for (int i = item.index(); i < nodes.size(); i++) {
        Node node = nodes.get(i);
        if (node instanceof MethodInvocationNode invocation) {
          Optional<WaitKind> kind = waits.kindOf(invocation.getTree());
          if (kind.isPresent()) {
            if (kind.get().isTimed()) {
              afterTimeout(node, kind.get(), facts);
            }
            return; // An untimed wait orders what follows; a timed one continued above.
          }
          reached.add(invocation.getTree());
        } else if (node instanceof AssignmentNode assignment
            && assignment.getTarget() instanceof LocalVariableNode target) {
          facts = with(facts, target.getElement(), factOf(assignment.getExpression(), facts));
        }
        previous = node;
      }
      if (block instanceof ExceptionBlock exceptional) {
        push(exceptional.getSuccessor(), 0, previous, facts);
        if (item.index() == 0) {
          // (Index 1 means the block's only node was the timed wait just handled: its own
          // exceptions, such as an interrupt, are not a timeout.) Explicit throws and declared
          // checked exceptions are followed; the unchecked exceptions any call might throw are
          // not, or every method would "escape" through a hypothetical RuntimeException.
          boolean explicitThrow = exceptional.getNode() instanceof ThrowNode;
          for (Map.Entry<TypeMirror, Set<Block>> edge :
              exceptional.getExceptionalSuccessors().entrySet()) {
            if (explicitThrow || !isUnchecked(edge.getKey())) {
              for (Block successor : edge.getValue()) {
                push(successor, 0, null, facts);
              }
            }
          }
        }
      } else if (block instanceof SingleSuccessorBlock single) {
        push(single.getSuccessor(), 0, previous, facts);
      }
    }
  }

  /** The marker of the {@code catch} whose handler {@code block} starts, if it starts one. */
  private static @Nullable CatchMarkerNode catchStartedBy(Block block) {
    List<Node> nodes = block.getNodes();
    return !nodes.isEmpty() && nodes.get(0) instanceof CatchMarkerNode marker ? marker : null;
  }

  /**
   * Where the {@code catch} that {@code marker} starts is written: the marker knows its {@code try}
   * and the type it catches, which tells the clause apart from the {@code try}'s others.
   */
  private int startOf(CatchMarkerNode marker) {
    if (!(marker.getTree() instanceof TryTree tryTree)) {
      return Integer.MAX_VALUE;
    }
    for (CatchTree clause : tryTree.getCatches()) {
      Type caught = ASTHelpers.getType(clause.getParameter());
      if (caught != null && state.getTypes().isSameType(caught, (Type) marker.getCatchType())) {
        return ((JCTree) clause).getStartPosition();
      }
    }
    return ((JCTree) tryTree).getStartPosition();
  }

  private boolean isUnchecked(TypeMirror exception) {
    return AcquireReleasePairs.isSubtype((Type) exception, "java.lang.RuntimeException", state)
        || AcquireReleasePairs.isSubtype((Type) exception, "java.lang.Error", state);
  }

  private static ImmutableMap<Element, Fact> with(
      ImmutableMap<Element, Fact> facts, Element variable, Fact fact) {
    Map<Element, Fact> updated = new HashMap<>(facts);
    if (fact == null) {
      updated.remove(variable);
    } else {
      updated.put(variable, fact);
    }
    return ImmutableMap.copyOf(updated);
  }

  private Fact factOf(Node value, ImmutableMap<Element, Fact> facts) {
    if (value instanceof MethodInvocationNode invocation) {
      Optional<WaitKind> kind = waits.kindOf(invocation.getTree());
      if (kind.equals(Optional.of(WaitKind.TIMED_RETURNS_FALSE))) {
        return Fact.TIMED_OUT_FALSE;
      }
      if (kind.equals(Optional.of(WaitKind.TIMED_RETURNS_NULL))) {
        return Fact.TIMED_OUT_NULL;
      }
      return null;
    }
    if (value instanceof LocalVariableNode local) {
      return facts.get(local.getElement());
    }
    return null;
  }

  /**
   * The value {@code condition} has on every timed-out path, or null if it may be either: a timed
   * wait's {@code false}, its negation, a {@code null} poll compared with {@code null}, and {@code
   * t.isAlive()} taken as true (the branch where it is false is ordered, so it is not explored).
   */
  private Boolean valueOf(Node condition, ImmutableMap<Element, Fact> facts) {
    if (condition instanceof ConditionalNotNode not) {
      Boolean operand = valueOf(not.getOperand(), facts);
      return operand == null ? null : !operand;
    }
    if (condition instanceof EqualToNode || condition instanceof NotEqualNode) {
      List<Node> operands = List.copyOf(condition.getOperands());
      boolean comparesTimedOutNull =
          operands.size() == 2
              && (operands.get(0) instanceof NullLiteralNode
                      && factOf(operands.get(1), facts) == Fact.TIMED_OUT_NULL
                  || operands.get(1) instanceof NullLiteralNode
                      && factOf(operands.get(0), facts) == Fact.TIMED_OUT_NULL);
      return comparesTimedOutNull ? condition instanceof EqualToNode : null;
    }
    if (condition instanceof MethodInvocationNode invocation
        && ASTHelpers.getSymbol(invocation.getTree()) instanceof MethodSymbol method) {
      if (method.getSimpleName().contentEquals("isAlive")
          && AcquireReleasePairs.isSubtype(method.owner.type, "java.lang.Thread", state)) {
        return true;
      }
      if (isTaskDoneCheck(invocation.getTree(), method)) {
        return false;
      }
    }
    return factOf(condition, facts) == Fact.TIMED_OUT_FALSE ? Boolean.FALSE : null;
  }

  /**
   * {@code f.isDone()} on an executor's future, in a method that cancels no future: true only once
   * the task has run to its end, after everything it did. A cancelled future is done too, and a
   * {@code CompletableFuture} is done when anyone completes it (its own {@code orTimeout}), so
   * neither tells that the task ran.
   */
  private boolean isTaskDoneCheck(MethodInvocationTree call, MethodSymbol method) {
    ExpressionTree future = ASTHelpers.getReceiver(call);
    return method.getSimpleName().contentEquals("isDone")
        && method.getParameters().isEmpty()
        && future != null
        && AcquireReleasePairs.isSubtype(ASTHelpers.getType(future), FUTURE, state)
        && !AcquireReleasePairs.isSubtype(
            ASTHelpers.getType(future), "java.util.concurrent.CompletableFuture", state)
        && !cancelsAFuture();
  }

  /** Whether the method's code cancels a future anywhere; read once. */
  private boolean cancelsAFuture() {
    if (cancelsAFuture == null) {
      cancelsAFuture =
          AnyCall.in(
              cfg.getUnderlyingAST().getCode(),
              /* intoLambdas= */ true,
              call ->
                  call instanceof MethodInvocationTree invocation
                      && ASTHelpers.getSymbol(invocation) instanceof MethodSymbol callee
                      && callee.getSimpleName().contentEquals("cancel")
                      && AcquireReleasePairs.isSubtype(callee.owner.type, FUTURE, state));
    }
    return cancelsAFuture;
  }
}
