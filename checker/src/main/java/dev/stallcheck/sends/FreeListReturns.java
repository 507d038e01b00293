package dev.stallcheck.sends;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.trees.AnyCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A pool's give-back to its free list: {@code items.put(item)}, where {@code items} is the bounded
 * queue of a pool's idle items and {@code item} one the pool handed out. A pool that never makes
 * more items than the queue holds always has room for every item given back, so the put never waits
 * and is no send.
 *
 * <p>A {@code put} (or {@code putFirst}/{@code putLast}) {@code F.put(p)} is such a give-back when
 * all of these hold:
 *
 * <ul>
 *   <li>{@code F} is a private instance field of a class {@code C}, written {@code F} or {@code
 *       this.F}, and {@code p} is an effectively final parameter of the method that puts.
 *   <li>{@code F} is only created as a bounded queue of capacity {@code K} ({@code new
 *       ArrayBlockingQueue<>(K)}, also with a fairness flag, or {@code new
 *       LinkedBlockingQueue<>(K)}/{@code new LinkedBlockingDeque<>(K)}) in {@code C}'s constructors
 *       and field initializers, and elsewhere only set to {@code null}; and it does not escape:
 *       every other use in its top-level class is a call on it, a for-each over it, a {@code null}
 *       test, or a {@code synchronized} on it ({@link FreeListUses}).
 *   <li>Everything added to {@code F} after set-up ({@code put}, {@code add}, {@code offer}, {@code
 *       push}, {@code transfer}, their variants; never {@code addAll}) is an effectively final
 *       parameter of the method that adds it: items given back.
 *   <li>{@code C} hands items out: a method of {@code C} (a hand-out method) returns what it polls,
 *       takes or removes from {@code F}, directly or through a local never assigned again. A queue
 *       whose elements a worker takes and processes is a channel, not a free list.
 *   <li>The pool's population is bounded by {@code K}, in one of two ways. (a) Prefilled: {@code C}
 *       adds to {@code F} while it is set up, and its hand-out methods return nothing but items
 *       taken from {@code F} (or {@code null}). (b) Made on demand: {@code C} adds nothing to
 *       {@code F} while it is set up, and every other value its hand-out methods return, but {@code
 *       null}, is returned in the then-branch of an {@code if (count < K)} (or {@code K > count})
 *       that also counts it: {@code count} is {@code G.size()} and the branch calls {@code
 *       G.add(..)}, or {@code count} is a field {@code n} and the branch increments it ({@code n++}
 *       or {@code ++n}). {@code K} in the test must be the same {@code int} constant or final field
 *       as the queue's capacity, or a final field that the constructor sets to the parameter it
 *       gives the queue as its capacity. A pool that makes an item when the list is empty with no
 *       count, or counts against another number, can be given back more items than the list holds:
 *       that put is still a send.
 * </ul>
 *
 * <p>The rule trusts the pool's users to give back only items they took from it, each once: a
 * foreign or doubled item would overfill the list, a bug of its own.
 */
final class FreeListReturns {
  private static final Context.Key<Map<VarSymbol, Boolean>> FREE_LISTS = new Context.Key<>();

  /** Methods that hand out an element of the queue, and may leave it empty. */
  private static final ImmutableSet<String> TAKES =
      ImmutableSet.of(
          "poll",
          "pollFirst",
          "pollLast",
          "take",
          "takeFirst",
          "takeLast",
          "remove",
          "removeFirst",
          "removeLast");

  private FreeListReturns() {}

  /** Whether the {@code put} at {@code send} gives an item back to a pool's free list. */
  static boolean isGiveBack(TreePath send, VisitorState state) {
    if (!(send.getLeaf() instanceof MethodInvocationTree call)
        || !(receiverField(call) instanceof VarSymbol queue)) {
      return false;
    }
    ProgramFlow program = ValueFlow.instance(state.context).program();
    return FreeListUses.isGivenBack(
            BlockingSends.elementOf(call),
            ASTHelpers.findEnclosingNode(send, MethodTree.class),
            program)
        && PerCompilation.instance(state.context, FREE_LISTS, HashMap::new)
            .computeIfAbsent(queue, q -> isFreeList(q, program, state));
  }

  /** The private instance field the put puts into, as {@code F} or {@code this.F}; else null. */
  static @Nullable VarSymbol receiverField(MethodInvocationTree call) {
    ExpressionTree receiver = BlockingSends.queueOf(call);
    boolean ownField = receiver != null && BareExpression.isOwnMember(receiver);
    return ownField
            && ASTHelpers.getSymbol(receiver) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && (field.flags() & (Flags.PRIVATE | Flags.STATIC)) == Flags.PRIVATE
        ? field
        : null;
  }

  private static boolean isFreeList(VarSymbol queue, ProgramFlow program, VisitorState state) {
    TreePath owner = CompilationIndex.instance(state.context).declaration(queue.owner);
    if (owner == null || !(owner.getLeaf() instanceof ClassTree pool)) {
      return false;
    }
    FreeListUses uses = FreeListUses.of(queue, state);
    if (uses == null || !uses.onlyGiveBacks(program)) {
      return false;
    }
    boolean handsOut = false;
    boolean makesItems = false;
    for (Tree member : pool.getMembers()) {
      if (!(member instanceof MethodTree method)
          || method.getBody() == null
          || ASTHelpers.getSymbol(method).isConstructor()) {
        continue;
      }
      List<TreePath> returns = program.returnsOf(ASTHelpers.getSymbol(method));
      if (returns.stream().noneMatch(r -> isTake(returned(r), queue, program))) {
        continue;
      }
      handsOut = true;
      for (TreePath path : returns) {
        ExpressionTree value = returned(path);
        if (value.getKind() == Tree.Kind.NULL_LITERAL || isTake(value, queue, program)) {
          continue;
        }
        if (!isCounted(path, uses.capacities())) {
          return false;
        }
        makesItems = true;
      }
    }
    return handsOut && makesItems != uses.prefilled();
  }

  private static ExpressionTree returned(TreePath value) {
    return ASTHelpers.stripParentheses((ExpressionTree) value.getLeaf());
  }

  /**
   * Whether {@code value} is an element taken from {@code queue}: a take called on it, or a local
   * initialized with one and never assigned again.
   */
  private static boolean isTake(ExpressionTree value, VarSymbol queue, ProgramFlow program) {
    if (value instanceof MethodInvocationTree call) {
      return isTakeCall(call, queue);
    }
    if (!(value instanceof IdentifierTree)
        || !(ASTHelpers.getSymbol(value) instanceof VarSymbol local)) {
      return false;
    }
    ExpressionTree initializer = program.onlyValueOf(local);
    return initializer != null
        && ASTHelpers.stripParentheses(initializer) instanceof MethodInvocationTree call
        && isTakeCall(call, queue);
  }

  /**
   * Whether {@code call} takes an element from {@code queue}: {@code poll()}, {@code take()},
   * {@code remove()} and their deque variants, or a timed {@code poll(timeout, unit)}.
   */
  static boolean isTakeCall(MethodInvocationTree call, VarSymbol queue) {
    String name = ASTHelpers.getSymbol(call).getSimpleName().toString();
    int arity = call.getArguments().size();
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return TAKES.contains(name)
        && (arity == 0 || (arity == 2 && name.startsWith("poll")))
        && receiver != null
        && ASTHelpers.getSymbol(receiver) == queue;
  }

  /**
   * Whether the value returned at {@code path} is in the then-branch of an {@code if} that tests a
   * count against the capacity and counts the item it makes.
   */
  private static boolean isCounted(TreePath path, ImmutableSet<Object> capacities) {
    Tree child = path.getLeaf();
    for (TreePath up = path.getParentPath(); up != null; up = up.getParentPath()) {
      Tree node = up.getLeaf();
      if (node instanceof MethodTree || node instanceof LambdaExpressionTree) {
        return false;
      }
      if (node instanceof IfTree test
          && test.getThenStatement() == child
          && countsAgainst(test, capacities)) {
        return true;
      }
      child = node;
    }
    return false;
  }

  private static boolean countsAgainst(IfTree test, ImmutableSet<Object> capacities) {
    if (!(ASTHelpers.stripParentheses(test.getCondition()) instanceof BinaryTree comparison)) {
      return false;
    }
    ExpressionTree count;
    ExpressionTree bound;
    if (comparison.getKind() == Tree.Kind.LESS_THAN) {
      count = comparison.getLeftOperand();
      bound = comparison.getRightOperand();
    } else if (comparison.getKind() == Tree.Kind.GREATER_THAN) {
      count = comparison.getRightOperand();
      bound = comparison.getLeftOperand();
    } else {
      return false;
    }
    return capacities.stream().anyMatch(FreeListUses.capacityOf(bound, null)::contains)
        && countsUp(ASTHelpers.stripParentheses(count), test.getThenStatement());
  }

  /**
   * Whether {@code branch} counts one more item: a call of {@code G.add(..)} for a count {@code
   * G.size()}; a statement {@code n++;} or {@code ++n;} of its own for a count field {@code n}.
   */
  private static boolean countsUp(ExpressionTree count, StatementTree branch) {
    if (count instanceof MethodInvocationTree size
        && size.getArguments().isEmpty()
        && ASTHelpers.getSymbol(size).getSimpleName().contentEquals("size")
        && ASTHelpers.getReceiver(size) != null) {
      Symbol collection = ASTHelpers.getSymbol(ASTHelpers.getReceiver(size));
      return collection instanceof VarSymbol
          && AnyCall.in(
              branch,
              /* intoLambdas= */ false,
              call ->
                  call instanceof MethodInvocationTree add
                      && ASTHelpers.getSymbol(add).getSimpleName().contentEquals("add")
                      && ASTHelpers.getReceiver(add) != null
                      && ASTHelpers.getSymbol(ASTHelpers.getReceiver(add)) == collection);
    }
    if (!(ASTHelpers.getSymbol(count) instanceof VarSymbol field)
        || field.getKind() != ElementKind.FIELD) {
      return false;
    }
    List<? extends StatementTree> statements =
        branch instanceof BlockTree block ? block.getStatements() : List.of(branch);
    return statements.stream()
        .anyMatch(
            statement ->
                statement instanceof ExpressionStatementTree expression
                    && (expression.getExpression().getKind() == Tree.Kind.POSTFIX_INCREMENT
                        || expression.getExpression().getKind() == Tree.Kind.PREFIX_INCREMENT)
                    && ASTHelpers.getSymbol(
                            ((UnaryTree) expression.getExpression()).getExpression())
                        == field);
  }
}
