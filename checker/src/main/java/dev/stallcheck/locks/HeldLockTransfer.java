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
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.jspecify.annotations.Nullable;

/**
 * The transfer function of the held-lock analysis over one method body's CFG. Calls take and
 * release locks ({@link LockOperations}); {@code tryLock()} gives a conditional result so that the
 * CFG's own branching (including {@code !} and {@code &&}) puts the lock only on the success
 * branch; a local that stores an attempt carries it to the test that reads it.
 *
 * <p>A call to a method of the compilation applies that method's {@link LockEffect} ({@link
 * CalleeLocks}): a helper's {@code acquireState()} takes the lock, its {@code releaseState()}
 * releases it. A local assigned the result of a call that took locks guards them ({@code AutoLock l
 * = lock.lock()}), and a call on it that releases a lock ({@code l.close()}, also the one a
 * try-with-resources makes) gives them back.
 *
 * <p>It records the store before every node; {@link #storesBefore()} is read once the analysis has
 * reached its fixpoint (a node's last visit sees its final input). It also records the locks the
 * body releases without holding them ({@link #releasedUnheld()}): its callers' locks.
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

  /** The locks each call node took through a callee: what a local assigned its result guards. */
  private final Map<Node, HeldLocks> takenByCall = new IdentityHashMap<>();

  private final Set<HeldLock.Key> releasedUnheld = new LinkedHashSet<>();

  HeldLockTransfer(TreePath body, VisitorState state) {
    this.body = body;
    this.state = state.withPath(body);
    this.enclosingClass = LockExpressions.enclosingClass(body);
    this.lines = body.getCompilationUnit().getLineMap();
  }

  Map<Node, HeldLocks> storesBefore() {
    return before;
  }

  Set<HeldLock.Key> releasedUnheld() {
    return releasedUnheld;
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
   * Nodes that touch no lock pass their input on, two stores included: the merge node of {@code a
   * && lock.tryLock()} must keep the success branch's lock on its true side.
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
      return call == null
          ? regular(store)
          : regular(throughCallee(node, call, receiverVariable(node), store));
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
        return regular(
            released(store, new HeldLock.Key(target.path(), kind), l -> l.kind() == kind));
      case RELEASE_STAMP:
        return regular(
            released(
                store,
                new HeldLock.Key(target.path(), LockKind.STAMPED_WRITE),
                l -> l.kind().isStamped()));
    }
    return regular(store);
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitObjectCreation(
      ObjectCreationNode node, TransferInput<LockAttempt, LockStore> input) {
    LockStore store = enter(node, input);
    return regular(throughCallee(node, node.getTree(), null, store));
  }

  /** {@code store} after releasing {@code key} (in a mode {@code mode} accepts). */
  private LockStore released(LockStore store, HeldLock.Key key, Predicate<HeldLock> mode) {
    LockStore after = store.release(l -> l.path().equals(key.path()) && mode.test(l));
    if (after == store) {
      releasedUnheld.add(key);
    }
    return after;
  }

  /**
   * Applies the effect of a call to a method of the compilation: the caller's locks it releases,
   * those a local it is called on guards (when it releases any lock), then those it takes.
   */
  private LockStore throughCallee(
      Node node, ExpressionTree call, @Nullable VarSymbol receiver, LockStore store) {
    CalleeLocks callee = CalleeLocks.at(call, body, state);
    LockStore after = store;
    for (HeldLock.Key key : callee.releases()) {
      after = released(after, key, l -> l.kind() == key.kind());
    }
    if (receiver != null && callee.releasesAny()) {
      for (HeldLock guarded : store.guarded(receiver)) {
        after = after.release(l -> l.key().equals(guarded.key()));
      }
      after = after.withGuard(receiver, HeldLocks.none());
    }
    for (HeldLock taken : callee.acquires()) {
      after = after.acquire(taken);
    }
    if (!callee.acquires().isEmpty()) {
      takenByCall.put(node, callee.acquires());
    }
    return after;
  }

  /** The local a call is made on ({@code l} in {@code l.close()}), if any. */
  private static @Nullable VarSymbol receiverVariable(MethodInvocationNode node) {
    return node.getTarget().getReceiver() instanceof LocalVariableNode local
            && local.getElement() instanceof VarSymbol variable
        ? variable
        : null;
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
      LockOperations.Operation operation,
      MethodInvocationTree call,
      AccessPath path,
      LockKind kind) {
    // Stamps are taken by the call itself (sl.readLock()); Lock objects by lock() on them.
    String source =
        kind.isStamped()
            ? LockExpressions.sourceText(call, state)
            : operation.lock() == null
                ? "this"
                : LockExpressions.sourceText(operation.lock(), state);
    int position = ASTHelpers.getStartPosition(call);
    return new HeldLock(
        path,
        kind,
        source,
        (int) lines.getLineNumber(position),
        position,
        HeldLock.Acquisition.CALL);
  }

  @Override
  public TransferResult<LockAttempt, LockStore> visitAssignment(
      AssignmentNode node, TransferInput<LockAttempt, LockStore> input) {
    LockStore store = enter(node, input);
    if (node.getTarget() instanceof LocalVariableNode local
        && local.getElement() instanceof VarSymbol variable) {
      LockAttempt attempt = input.getValueOfSubNode(node.getExpression());
      return regular(
          store
              .withAttempt(variable, attempt == null ? null : attempt.lock())
              .withGuard(
                  variable, takenByCall.getOrDefault(node.getExpression(), HeldLocks.none())));
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
      Node node,
      BinaryTree test,
      TransferInput<LockAttempt, LockStore> input,
      boolean nonZeroWhenTrue) {
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
    ExpressionTree left = BareExpression.of(test.getLeftOperand());
    ExpressionTree right = BareExpression.of(test.getRightOperand());
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
