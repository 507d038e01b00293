package dev.stallcheck.sends;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.method.MethodMatchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.stallcheck.api.NameSet;
import dev.stallcheck.flow.UnboundedQueues;
import dev.stallcheck.flow.ValueFlow;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes blocking queue sends by method symbol and receiver, never by name alone.
 *
 * <p>A send is a call (or method reference) whose method is, or overrides, {@code
 * BlockingQueue.put}, {@code BlockingDeque.put/putFirst/putLast} or {@code TransferQueue.transfer}
 * ({@link BlockingSend#UNTIMED}; {@link BlockingSend#SYNCHRONOUS} on a {@code SynchronousQueue}),
 * or a timed {@code offer(e, t, unit)}, {@code offerFirst/offerLast(e, t, unit)} or {@code
 * tryTransfer(e, t, unit)} ({@link BlockingSend#TIMED}). Guava's {@code
 * Uninterruptibles.putUninterruptibly(queue, e)} is a {@code put} on its first argument: it retries
 * the put until it succeeds.
 *
 * <p>{@code put}s and timed {@code offer}s never block on an unbounded queue: a receiver whose
 * static type is {@code PriorityBlockingQueue}, {@code DelayQueue} or {@code LinkedTransferQueue},
 * or a receiver whose every value (see {@link ValueFlow}) creates one of those or a {@code
 * LinkedBlockingQueue}/{@code LinkedBlockingDeque} without a capacity (or with {@code
 * Integer.MAX_VALUE}, or from a collection). {@code transfer} blocks on any queue: it waits for a
 * consumer. An unknown bound counts as bounded. A {@code Semaphore.acquire()} that bounds a buffer
 * is a send too ({@link BlockingSend#PERMIT}, {@link SemaphoreBuffers}).
 *
 * <p>A {@code put} or {@code transfer} that a setting chose over a non-blocking send of the same
 * element is no send: its owner configured the queue to hold senders back ({@link
 * SettingChosenSends}). Nor is a {@code put} that gives an item back to a pool's free list, a
 * bounded queue that never holds more items than the pool made ({@link FreeListReturns}), nor one
 * into a bounded queue whose every element is counted against its capacity before it is added
 * ({@link CountedSlots}).
 */
public final class BlockingSends {
  private static final String BLOCKING_QUEUE = "java.util.concurrent.BlockingQueue";
  private static final String BLOCKING_DEQUE = "java.util.concurrent.BlockingDeque";
  private static final String TRANSFER_QUEUE = "java.util.concurrent.TransferQueue";
  private static final String SYNCHRONOUS_QUEUE = "java.util.concurrent.SynchronousQueue";

  private static final NameSet NAMES =
      NameSet.of(
          "put",
          "putUninterruptibly",
          "putFirst",
          "putLast",
          "transfer",
          "offer",
          "offerFirst",
          "offerLast",
          "tryTransfer");

  private enum Method {
    PUT,
    TRANSFER,
    TIMED_OFFER,
    TIMED_TRANSFER
  }

  private BlockingSends() {}

  /**
   * Whether a call of {@code callee} may be a blocking send, by its name alone: every send {@link
   * #classify} finds is one of these names, or a semaphore's acquire.
   */
  public static boolean mayBeSend(MethodSymbol callee, VisitorState state) {
    return NAMES.contains(callee.getSimpleName(), state)
        || SemaphoreBuffers.ACQUIRES.contains(callee.getSimpleName(), state);
  }

  /**
   * How the send at {@code path} (a method invocation or method reference) can block, or empty if
   * it is no blocking send. {@code state} supplies types and the compilation; its path is unused.
   */
  public static Optional<BlockingSend> classify(TreePath path, VisitorState state) {
    Tree leaf = path.getLeaf();
    if (!(leaf instanceof MethodInvocationTree) && !(leaf instanceof MemberReferenceTree)) {
      return Optional.empty();
    }
    if (SemaphoreBuffers.waitsForRoom(path, state)) {
      return Optional.of(BlockingSend.PERMIT);
    }
    if (!(ASTHelpers.getSymbol(leaf) instanceof MethodSymbol symbol)
        || !NAMES.contains(symbol.getSimpleName(), state)) {
      return Optional.empty();
    }
    Method method = method((ExpressionTree) leaf, symbol, state);
    if (method == null) {
      return Optional.empty();
    }
    ExpressionTree receiver = queueOf((ExpressionTree) leaf);
    Type receiverType =
        receiver != null
            ? ASTHelpers.getType(receiver)
            : ASTHelpers.getReceiverType((ExpressionTree) leaf);
    if (receiverType != null && receiverType.hasTag(TypeTag.BOT)) {
      return Optional.empty(); // putUninterruptibly(null, e) throws; null is a subtype of any queue
    }
    if (method == Method.TIMED_OFFER || method == Method.TIMED_TRANSFER) {
      return method == Method.TIMED_OFFER && isUnbounded(receiver, receiverType, path, state)
          ? Optional.empty()
          : Optional.of(BlockingSend.TIMED);
    }
    if (SettingChosenSends.isChosenBySetting(path, state)) {
      return Optional.empty();
    }
    if (isSynchronous(receiver, receiverType, path, state)) {
      return Optional.of(BlockingSend.SYNCHRONOUS);
    }
    if (method == Method.PUT
        && (isUnbounded(receiver, receiverType, path, state)
            || FreeListReturns.isGiveBack(path, state)
            || CountedSlots.hasCountedSlot(path, state))) {
      return Optional.empty();
    }
    return Optional.of(BlockingSend.UNTIMED);
  }

  private static final Matcher<ExpressionTree> PUT =
      MethodMatchers.instanceMethod()
          .onDescendantOfAny(BLOCKING_QUEUE, BLOCKING_DEQUE)
          .namedAnyOf("put", "putFirst", "putLast");

  private static final Matcher<ExpressionTree> GUAVA_PUT =
      MethodMatchers.staticMethod()
          .onClass("com.google.common.util.concurrent.Uninterruptibles")
          .named("putUninterruptibly");

  private static final Matcher<ExpressionTree> TIMED_OFFER =
      MethodMatchers.instanceMethod()
          .onDescendantOfAny(BLOCKING_QUEUE, BLOCKING_DEQUE)
          .namedAnyOf("offer", "offerFirst", "offerLast");

  private static final Matcher<ExpressionTree> TRANSFER =
      MethodMatchers.instanceMethod().onDescendantOf(TRANSFER_QUEUE).named("transfer");

  private static final Matcher<ExpressionTree> TIMED_TRANSFER =
      MethodMatchers.instanceMethod().onDescendantOf(TRANSFER_QUEUE).named("tryTransfer");

  /**
   * Which send {@code send} calls: one argument for the untimed ones, three (element, timeout,
   * unit) for the timed ones; other overloads (a queue subclass's own {@code put(k, v)}) are none.
   */
  private static @Nullable Method method(
      ExpressionTree send, MethodSymbol symbol, VisitorState state) {
    int arity = symbol.getParameters().size();
    if (symbol.isStatic()) {
      // Guava's helper, called; a reference to it has no queue to name.
      return arity == 2 && send instanceof MethodInvocationTree && GUAVA_PUT.matches(send, state)
          ? Method.PUT
          : null;
    }
    if (arity == 1) {
      if (PUT.matches(send, state)) {
        return Method.PUT;
      }
      return TRANSFER.matches(send, state) ? Method.TRANSFER : null;
    }
    if (arity == 3) {
      if (TIMED_OFFER.matches(send, state)) {
        return Method.TIMED_OFFER;
      }
      return TIMED_TRANSFER.matches(send, state) ? Method.TIMED_TRANSFER : null;
    }
    return null;
  }

  /**
   * The queue of a send {@link #classify} recognises: the receiver as written (null when implicit),
   * or the first argument of Guava's {@code putUninterruptibly(queue, e)}.
   */
  public static @Nullable ExpressionTree queueOf(ExpressionTree send) {
    if (send instanceof MemberReferenceTree reference) {
      return reference.getQualifierExpression();
    }
    MethodInvocationTree call = (MethodInvocationTree) send;
    return isStaticCall(call) ? call.getArguments().get(0) : ASTHelpers.getReceiver(call);
  }

  /**
   * The element a called send {@link #classify} recognises puts into its queue: its first argument,
   * or the second of Guava's {@code putUninterruptibly(queue, e)}.
   */
  public static ExpressionTree elementOf(MethodInvocationTree send) {
    return send.getArguments().get(isStaticCall(send) ? 1 : 0);
  }

  private static boolean isStaticCall(MethodInvocationTree call) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method && method.isStatic();
  }

  private static boolean isSynchronous(
      @Nullable ExpressionTree receiver, @Nullable Type type, TreePath path, VisitorState state) {
    if (isSubtypeOf(type, SYNCHRONOUS_QUEUE, state)) {
      return true;
    }
    List<ExpressionTree> values = assignedValues(receiver, path, state);
    return !values.isEmpty() && values.stream().allMatch(v -> createdType(v, SYNCHRONOUS_QUEUE));
  }

  private static boolean isUnbounded(
      @Nullable ExpressionTree receiver, @Nullable Type type, TreePath path, VisitorState state) {
    if (UnboundedQueues.ALWAYS_UNBOUNDED.stream().anyMatch(t -> isSubtypeOf(type, t, state))) {
      return true;
    }
    // super.put(e) and put(e) in a queue subclass: the class whose constructors gave the capacity.
    ClassSymbol queueClass = null;
    if (receiver == null
        || (receiver instanceof IdentifierTree self && self.getName().contentEquals("super"))) {
      ClassTree enclosing = ASTHelpers.findEnclosingNode(path, ClassTree.class);
      queueClass = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    } else if (type != null && type.tsym instanceof ClassSymbol declared) {
      queueClass = declared;
    }
    if (UnboundedQueueClasses.isUnbounded(queueClass, state)) {
      return true;
    }
    List<ExpressionTree> values = assignedValues(receiver, path, state);
    return !values.isEmpty() && values.stream().allMatch(UnboundedQueues::creates);
  }

  /**
   * Every value the receiver can hold, or empty if that is not known for certain: what flows into
   * it through variables, fields, constructor and other visible parameters, and factories (see
   * {@link ValueFlow}), so a class whose every construction passes an unbounded queue has one.
   */
  private static List<ExpressionTree> assignedValues(
      @Nullable ExpressionTree receiver, TreePath path, VisitorState state) {
    if (receiver == null) {
      return ImmutableList.of();
    }
    return ValueFlow.instance(state.context)
        .originsOf(new TreePath(path, receiver))
        .<List<ExpressionTree>>map(
            origins -> origins.stream().map(origin -> (ExpressionTree) origin.getLeaf()).toList())
        .orElse(ImmutableList.of());
  }

  /** True if {@code value} is {@code new T(...)} for exactly the class {@code className}. */
  private static boolean createdType(ExpressionTree value, String className) {
    if (!(ASTHelpers.stripParentheses(value) instanceof NewClassTree creation)
        || creation.getClassBody() != null) {
      return false;
    }
    Type created = ASTHelpers.getType(creation);
    return created != null && created.tsym.getQualifiedName().contentEquals(className);
  }

  private static boolean isSubtypeOf(@Nullable Type type, String className, VisitorState state) {
    return ASTHelpers.isSubtype(type, state.getTypeFromString(className), state);
  }
}
