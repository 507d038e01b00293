package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Whether an untimed {@code wait()}/{@code await()} waits for <em>capacity</em>: a producer waiting
 * for room in a bounded buffer, the nested-monitor lockout this check exists for ({@code while
 * (docs.size() >= max) docs.wait()}, {@code while (count == items.length) notFull.await()}). Most
 * other waits wait for an event another thread publishes once (an address, a reply, a node
 * joining), and a caller holding a lock meanwhile is usually by design; reporting them fails builds
 * for code that works.
 *
 * <p>What keeps the thread waiting is read from the code around the wait, in the same method: the
 * condition of the nearest enclosing {@code while}, {@code do} or {@code for} loop; or, when that
 * loop is a {@code while (true)}/{@code for (;;)} (or there is none), the conditions of the {@code
 * if}s that enclose the wait and of the {@code if}s before it that leave the loop ({@code if
 * (frames.size() < limit) break; wait();}). The wait is a capacity wait when one of these
 * conditions, read with the polarity under which the thread waits, compares counts:
 *
 * <ul>
 *   <li>{@code x.size()} is at or above something ({@code >=}, {@code >}, {@code ==}), other than
 *       {@code 0}: the buffer is full. {@code size() < n} is a consumer waiting for content;
 *   <li>{@code x.remainingCapacity()} is at or below something ({@code ==}, {@code <}, {@code <=}):
 *       no room left;
 *   <li>any other comparison of two integral values ({@code count == items.length}, {@code inFlight
 *       >= max}), except a comparison with {@code 0} (an emptiness or drain test: {@code count ==
 *       0} is a consumer waiting for an element) and an {@code ==}/{@code !=} with a constant (a
 *       state test: {@code state != RUNNING});
 *   <li>a no-argument boolean {@code isFull()} that is true.
 * </ul>
 *
 * Null checks ({@code addrs == null}), boolean flags ({@code !finished}) and {@code isEmpty()} are
 * not counts, so those waits do not count.
 */
final class CapacityWait {
  private CapacityWait() {}

  /** Whether the wait called at {@code waitCall} waits for room in a bounded buffer. */
  static boolean isCapacityWait(TreePath waitCall, VisitorState state) {
    return capacityCondition(waitCall, state) != null;
  }

  /**
   * The condition that makes the wait at {@code waitCall} a wait for room (the loop's test, or the
   * {@code if} that counts); null when it is no capacity wait.
   */
  static @Nullable ExpressionTree capacityCondition(TreePath waitCall, VisitorState state) {
    List<Gate> gates = new ArrayList<>();
    Tree child = waitCall.getLeaf();
    for (TreePath path = waitCall.getParentPath(); path != null; path = path.getParentPath()) {
      Tree node = path.getLeaf();
      if (node instanceof MethodTree
          || node instanceof LambdaExpressionTree
          || node instanceof ClassTree) {
        break;
      }
      ExpressionTree loopCondition = loopCondition(node);
      if (loopCondition != null && !isConstantTrue(loopCondition)) {
        // A loop that tests something itself: that test is what the thread waits on.
        return countsWhile(loopCondition, true, state) && !testsItsArgument(loopCondition)
            ? loopCondition
            : null;
      }
      if (loopCondition != null || isEndlessFor(node)) {
        break; // while (true): the ifs collected so far decide.
      }
      if (node instanceof IfTree ifTree && child != ifTree.getCondition()) {
        gates.add(new Gate(ifTree.getCondition(), child == ifTree.getThenStatement()));
      }
      if (node instanceof BlockTree block) {
        for (StatementTree before : block.getStatements()) {
          if (before == child) {
            break;
          }
          if (before instanceof IfTree exit) {
            // Reaching the wait means the branch that leaves was not taken.
            if (leaves(exit.getThenStatement())) {
              gates.add(new Gate(exit.getCondition(), false));
            } else if (leaves(exit.getElseStatement())) {
              gates.add(new Gate(exit.getCondition(), true));
            }
          }
        }
      }
      child = node;
    }
    if (gates.stream().anyMatch(gate -> testsItsArgument(gate.condition()))) {
      return null;
    }
    for (Gate gate : gates) {
      if (countsWhile(gate.condition(), gate.waitsWhileTrue(), state)) {
        return gate.condition();
      }
    }
    return null;
  }

  /**
   * Whether {@code condition} tests a property of an object the method was passed ({@code
   * frame.isControlFrame()}, {@code !item.isUrgent()}): a priority bypass, where whether a call
   * waits depends on what it adds. The caller's argument decides, and it usually comes from a
   * factory or a builder whose property the check cannot read, so such a wait does not count: a
   * call sending a control frame under a lock is not reported as waiting for room.
   */
  private static boolean testsItsArgument(ExpressionTree condition) {
    ExpressionTree bare = ASTHelpers.stripParentheses(condition);
    if (bare instanceof UnaryTree not && bare.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return testsItsArgument(not.getExpression());
    }
    if (bare instanceof BinaryTree both
        && (bare.getKind() == Tree.Kind.CONDITIONAL_AND
            || bare.getKind() == Tree.Kind.CONDITIONAL_OR)) {
      return testsItsArgument(both.getLeftOperand()) || testsItsArgument(both.getRightOperand());
    }
    return bare instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && !isNoArgumentCall(call, "isFull")
        && ASTHelpers.getReceiver(call) instanceof IdentifierTree receiver
        && ASTHelpers.getSymbol(receiver) instanceof VarSymbol variable
        && variable.getKind() == ElementKind.PARAMETER
        && !variable.type.isPrimitive();
  }

  /** A condition the wait depends on, and whether the thread waits when it is true or false. */
  private record Gate(ExpressionTree condition, boolean waitsWhileTrue) {}

  @Nullable
  private static ExpressionTree loopCondition(Tree node) {
    if (node instanceof WhileLoopTree loop) {
      return loop.getCondition();
    }
    if (node instanceof DoWhileLoopTree loop) {
      return loop.getCondition();
    }
    if (node instanceof ForLoopTree loop) {
      return loop.getCondition();
    }
    return null;
  }

  private static boolean isEndlessFor(Tree node) {
    return node instanceof ForLoopTree loop && loop.getCondition() == null;
  }

  private static boolean isConstantTrue(ExpressionTree condition) {
    return Boolean.TRUE.equals(ASTHelpers.constValue(condition, Boolean.class));
  }

  /** Whether {@code statement} always jumps away: it is, or its block ends in, a jump. */
  private static boolean leaves(@Nullable StatementTree statement) {
    StatementTree last = statement;
    while (last instanceof BlockTree block && !block.getStatements().isEmpty()) {
      last = block.getStatements().get(block.getStatements().size() - 1);
    }
    if (last == null) {
      return false;
    }
    return switch (last.getKind()) {
      case BREAK, CONTINUE, RETURN, THROW -> true;
      default -> false;
    };
  }

  /**
   * Whether {@code condition} compares counts so that the thread waits while the buffer is full,
   * given that it waits while {@code condition} has the value {@code waitsWhileTrue}.
   */
  private static boolean countsWhile(
      ExpressionTree condition, boolean waitsWhileTrue, VisitorState state) {
    ExpressionTree bare = ASTHelpers.stripParentheses(condition);
    switch (bare.getKind()) {
      case LOGICAL_COMPLEMENT:
        return countsWhile(((UnaryTree) bare).getExpression(), !waitsWhileTrue, state);
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
      case AND:
      case OR:
        BinaryTree both = (BinaryTree) bare;
        return countsWhile(both.getLeftOperand(), waitsWhileTrue, state)
            || countsWhile(both.getRightOperand(), waitsWhileTrue, state);
      case LESS_THAN:
      case LESS_THAN_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_EQUAL:
      case EQUAL_TO:
      case NOT_EQUAL_TO:
        BinaryTree comparison = (BinaryTree) bare;
        Tree.Kind whileWaiting = waitsWhileTrue ? bare.getKind() : negate(bare.getKind());
        return comparesCountsToFull(
            comparison.getLeftOperand(), whileWaiting, comparison.getRightOperand(), state);
      case METHOD_INVOCATION:
        return waitsWhileTrue && isNoArgumentCall((MethodInvocationTree) bare, "isFull");
      default:
        return false;
    }
  }

  /** Whether {@code left op right} holding while the thread waits means the buffer is full. */
  private static boolean comparesCountsToFull(
      ExpressionTree left, Tree.Kind op, ExpressionTree right, VisitorState state) {
    if (!isIntegral(left, state) || !isIntegral(right, state)) {
      return false;
    }
    boolean countOnLeft = isCountCall(left, "size") || isCountCall(left, "remainingCapacity");
    if (!countOnLeft && (isCountCall(right, "size") || isCountCall(right, "remainingCapacity"))) {
      return comparesCountsToFull(right, mirror(op), left, state);
    }
    if (isCountCall(left, "remainingCapacity")) {
      return op == Tree.Kind.EQUAL_TO
          || op == Tree.Kind.LESS_THAN
          || op == Tree.Kind.LESS_THAN_EQUAL;
    }
    if (isZero(left) || isZero(right)) {
      return false;
    }
    if (isCountCall(left, "size")) {
      return op == Tree.Kind.EQUAL_TO
          || op == Tree.Kind.GREATER_THAN
          || op == Tree.Kind.GREATER_THAN_EQUAL;
    }
    boolean equality = op == Tree.Kind.EQUAL_TO || op == Tree.Kind.NOT_EQUAL_TO;
    if (equality && (ASTHelpers.constValue(left) != null || ASTHelpers.constValue(right) != null)) {
      return false;
    }
    // Room in a buffer is made by another thread, so a count of it is shared state: a comparison
    // of the waiting thread's own locals (a spin or back-off counter) is no such count.
    return readsSharedState(left) || readsSharedState(right);
  }

  /**
   * Whether {@code expression} reads something another thread may change: a field that is no
   * constant, an array element, or a call's result. Locals and parameters belong to the waiting
   * thread.
   */
  private static boolean readsSharedState(ExpressionTree expression) {
    Boolean shared =
        expression.accept(
            new TreeScanner<Boolean, Void>() {
              @Override
              public Boolean visitIdentifier(IdentifierTree tree, Void unused) {
                return isSharedField(ASTHelpers.getSymbol(tree), tree);
              }

              @Override
              public Boolean visitMemberSelect(MemberSelectTree tree, Void unused) {
                return isSharedField(ASTHelpers.getSymbol(tree), tree)
                    || Boolean.TRUE.equals(super.visitMemberSelect(tree, null));
              }

              @Override
              public Boolean visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                return true;
              }

              @Override
              public Boolean visitArrayAccess(ArrayAccessTree tree, Void unused) {
                return true;
              }

              @Override
              public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
              }
            },
            null);
    return Boolean.TRUE.equals(shared);
  }

  private static boolean isSharedField(@Nullable Symbol symbol, ExpressionTree read) {
    return symbol instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD
        && ASTHelpers.constValue(read) == null;
  }

  private static boolean isIntegral(ExpressionTree expression, VisitorState state) {
    Type type = ASTHelpers.getType(expression);
    if (type == null) {
      return false;
    }
    TypeTag tag = state.getTypes().unboxedTypeOrType(type).getTag();
    return tag == TypeTag.INT || tag == TypeTag.LONG || tag == TypeTag.SHORT || tag == TypeTag.BYTE;
  }

  private static boolean isZero(ExpressionTree expression) {
    return ASTHelpers.constValue(expression) instanceof Number number && number.longValue() == 0;
  }

  /** {@code x.size()} or {@code size()}, and the like: a no-argument call named {@code name}. */
  private static boolean isCountCall(ExpressionTree expression, String name) {
    ExpressionTree bare = ASTHelpers.stripParentheses(expression);
    return bare instanceof MethodInvocationTree call && isNoArgumentCall(call, name);
  }

  private static boolean isNoArgumentCall(MethodInvocationTree call, String name) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null
        && method.getSimpleName().contentEquals(name)
        && method.getParameters().isEmpty();
  }

  /** The comparison that holds exactly when {@code op} does not. */
  private static Tree.Kind negate(Tree.Kind op) {
    return switch (op) {
      case LESS_THAN -> Tree.Kind.GREATER_THAN_EQUAL;
      case LESS_THAN_EQUAL -> Tree.Kind.GREATER_THAN;
      case GREATER_THAN -> Tree.Kind.LESS_THAN_EQUAL;
      case GREATER_THAN_EQUAL -> Tree.Kind.LESS_THAN;
      case EQUAL_TO -> Tree.Kind.NOT_EQUAL_TO;
      case NOT_EQUAL_TO -> Tree.Kind.EQUAL_TO;
      default -> op;
    };
  }

  /** The same comparison with its operands swapped: {@code a < b} is {@code b > a}. */
  private static Tree.Kind mirror(Tree.Kind op) {
    return switch (op) {
      case LESS_THAN -> Tree.Kind.GREATER_THAN;
      case LESS_THAN_EQUAL -> Tree.Kind.GREATER_THAN_EQUAL;
      case GREATER_THAN -> Tree.Kind.LESS_THAN;
      case GREATER_THAN_EQUAL -> Tree.Kind.LESS_THAN_EQUAL;
      default -> op;
    };
  }
}
