package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TypeTag;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.analysis.ConditionalTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardTransferFunction;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.node.AbstractNodeVisitor;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.jspecify.annotations.Nullable;

/**
 * The transfer function of the held-lock analysis over one method body's CFG. Calls take and
 * release locks ({@link LockOperations}); {@code tryLock()} gives a conditional result so that the
 * CFG's own branching (including {@code !} and {@code &&}) puts the lock only on the success
 * branch; a local that stores an attempt carries it to the test that reads it.
 *
 * <p>It records the store before every node; {@link #storesBefore()} is read once the analysis
 * has reached its fixpoint (a node's last visit sees its final input).
 */
final class HeldLockTransfer
    extends AbstractNodeVisitor<
        TransferResult<LockAttempt, LockStore>, TransferInput<LockAttempt, LockStore>>
    implements ForwardTransferFunction<LockAttempt, LockStore> {
  private final VisitorState state;
  private final TreePath body;
  private final @Nullable ClassSymbol enclosingClass;
  private final LineMap lines;
  private final Map<Node, HeldLocks> before = new IdentityHashMap<>();

  HeldLockTransfer(TreePath body, VisitorState state) {
    this.body = body;
    this.state = state.withPath(body);
    this.enclosingClass = LockExpressions.enclosingClass(body);
    this.lines = body.getCompilationUnit().getLineMap();
  }

  Map<Node, HeldLocks> storesBefore() {
    return before;
  }

  @Override
  public LockStore initialStore(UnderlyingAST ast, List<LocalVariableNode> parameters) {
    return LockStore.EMPTY;
  }

  private LockStore enter(Node node, TransferInput<LockAttempt, LockStore> input) {
    LockStore store = input.getRegularStore();
    before.put(node, store.held());
    return store;
  }

  private static TransferResult<LockAttempt, LockStore> regular(LockStore store) {
    return new RegularTransferResult<>(null, store);
  }

  /**
   * Nodes that touch no lock pass their input on, two stores included: the merge node of {@code
   * a && lock.tryLock()} must keep the success branch's lock on its true side.
   */
  @Override
  public TransferResult<LockAttempt, LockStore> visitNode(
      Node node, TransferInput<LockAttempt, LockStore> input) {
    LockStore store = enter(node, input);
    return input.containsTwoStores()
        ? new ConditionalTransferResult<>(null, input.getThenStore(), input.getElseStore())
        : regular(store);
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitMethodInvocation(
      MethodInvocationNode node, TransferInput<LockAttempt, LockStore> input) {
    LockStore store = enter(node, input);
    MethodInvocationTree call = node.getTree();
    LockOperations.Operation operation = call == null ? null : LockOperations.classify(call, state);
    if (operation == null) {
      return regular(store);
    }
    LockExpressions.Target target = target(operation, call);
    LockKind kind =
        operation.kind() != null
            ? operation.kind()
            : target.view() != null ? target.view() : LockKind.LOCK;
    switch (operation.effect()) {
      case ACQUIRE:
        return regular(store.acquire(heldLock(operation, call, target.path(), kind)));
      case TRY_ACQUIRE:
        {
          HeldLock lock = heldLock(operation, call, target.path(), kind);
          return new ConditionalTransferResult<>(new LockAttempt(lock), store.acquire(lock), store);
        }
      case TRY_STAMP:
        return new RegularTransferResult<>(
            new LockAttempt(heldLock(operation, call, target.path(), kind)), store);
      case RELEASE:
        return regular(store.release(l -> l.path().equals(target.path()) && l.kind() == kind));
      case RELEASE_STAMP:
        return regular(
            store.release(l -> l.path().equals(target.path()) && l.kind().isStamped()));
    }
    return regular(store);
  }

  private LockExpressions.Target target(
      LockOperations.Operation operation, MethodInvocationTree call) {
    if (operation.lock() == null) {
      return new LockExpressions.Target(
          LockExpressions.implicitThis(ASTHelpers.getSymbol(call), enclosingClass, state), null);
    }
    return LockExpressions.target(operation.lock(), enclosingClass, body, state);
  }

  private HeldLock heldLock(
      LockOperations.Operation operation, MethodInvocationTree call, AccessPath path, LockKind kind) {
    // Stamps are taken by the call itself (sl.readLock()); Lock objects by lock() on them.
    String source =
        kind.isStamped()
            ? LockExpressions.sourceText(call, state)
            : operation.lock() == null ? "this" : LockExpressions.sourceText(operation.lock(), state);
    int position = ASTHelpers.getStartPosition(call);
    return new HeldLock(
        path, kind, source, (int) lines.getLineNumber(position), position, HeldLock.Acquisition.CALL);
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitAssignment(
      AssignmentNode node, TransferInput<LockAttempt, LockStore> input) {
    LockStore store = enter(node, input);
    if (node.getTarget() instanceof LocalVariableNode local
        && local.getElement() instanceof VarSymbol variable) {
      LockAttempt attempt = input.getValueOfSubNode(node.getExpression());
      return regular(store.withAttempt(variable, attempt == null ? null : attempt.lock()));
    }
    return regular(store);
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitLocalVariable(
      LocalVariableNode node, TransferInput<LockAttempt, LockStore> input) {
    LockStore store = enter(node, input);
    if (!node.isLValue()
        && node.getElement() instanceof VarSymbol variable
        && variable.type.hasTag(TypeTag.BOOLEAN)) {
      HeldLock lock = store.attempt(variable);
      if (lock != null) {
        return new ConditionalTransferResult<>(null, store.acquire(lock), store);
      }
    }
    return regular(store);
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitConditionalNot(
      ConditionalNotNode node, TransferInput<LockAttempt, LockStore> input) {
    enter(node, input);
    if (input.containsTwoStores()) {
      return new ConditionalTransferResult<>(null, input.getElseStore(), input.getThenStore());
    }
    return regular(input.getRegularStore());
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitEqualTo(
      EqualToNode node, TransferInput<LockAttempt, LockStore> input) {
    return stampTest(node, node.getTree(), input, /* nonZeroWhenTrue= */ false);
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitNotEqual(
      NotEqualNode node, TransferInput<LockAttempt, LockStore> input) {
    return stampTest(node, node.getTree(), input, /* nonZeroWhenTrue= */ true);
  }

  /** {@code stamp != 0} holds the stamp's lock when true, {@code stamp == 0} when false. */
  private TransferResult<LockAttempt, LockStore> stampTest(
      Node node, BinaryTree test, TransferInput<LockAttempt, LockStore> input, boolean nonZeroWhenTrue) {
    LockStore store = enter(node, input);
    HeldLock lock = stampComparedWithZero(test, store);
    if (lock == null) {
      return regular(store);
    }
    LockStore success = store.acquire(lock);
    return nonZeroWhenTrue
        ? new ConditionalTransferResult<>(null, success, store)
        : new ConditionalTransferResult<>(null, store, success);
  }

  private static @Nullable HeldLock stampComparedWithZero(BinaryTree test, LockStore store) {
    ExpressionTree left = LockExpressions.strip(test.getLeftOperand());
    ExpressionTree right = LockExpressions.strip(test.getRightOperand());
    if (isZero(right) && attemptOf(left, store) != null) {
      return attemptOf(left, store);
    }
    if (isZero(left) && attemptOf(right, store) != null) {
      return attemptOf(right, store);
    }
    return null;
  }

  private static @Nullable HeldLock attemptOf(ExpressionTree tree, LockStore store) {
    return tree instanceof IdentifierTree
            && ASTHelpers.getSymbol(tree) instanceof VarSymbol variable
        ? store.attempt(variable)
        : null;
  }

  private static boolean isZero(ExpressionTree tree) {
    return ASTHelpers.constValue(tree) instanceof Number number && number.longValue() == 0;
  }
}
