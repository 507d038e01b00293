package dev.stallcheck.flow;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Type;
import java.util.List;

/**
 * The creations of queues whose {@code put} never waits: a {@code PriorityBlockingQueue}, {@code
 * DelayQueue} or {@code LinkedTransferQueue}, or a {@code LinkedBlockingQueue}/{@code
 * LinkedBlockingDeque} built without a capacity, with {@code Integer.MAX_VALUE}, or from a
 * collection. Also the constant ({@link #UNBOUNDED}) that stands for such a queue where the value
 * of a final field is tracked ({@link ConstructedFields}): an object built with one in that field
 * sends into a queue that never fills, whatever other objects of its class are built with.
 */
public final class UnboundedQueues {
  /** The constant a tracked queue field holds when every queue flowing into it is unbounded. */
  public static final Value UNBOUNDED = Value.constant(Marker.UNBOUNDED_QUEUE);

  private enum Marker {
    UNBOUNDED_QUEUE
  }

  /** Queues with no capacity bound, whatever their constructor arguments. */
  public static final ImmutableSet<String> ALWAYS_UNBOUNDED =
      ImmutableSet.of(
          "java.util.concurrent.PriorityBlockingQueue",
          "java.util.concurrent.DelayQueue",
          "java.util.concurrent.LinkedTransferQueue");

  /** Queues that are unbounded when built without a capacity (or with Integer.MAX_VALUE). */
  public static final ImmutableSet<String> OPTIONALLY_BOUNDED =
      ImmutableSet.of(
          "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque");

  /** The boxes an {@code int} capacity argument may come in. */
  private static final ImmutableSet<String> CAPACITY_BOXES =
      ImmutableSet.of(
          "java.lang.Integer", "java.lang.Short", "java.lang.Byte", "java.lang.Character");

  private UnboundedQueues() {}

  /** Whether {@code value} is {@code new Q(..)} of such a queue, exactly of that class. */
  public static boolean creates(ExpressionTree value) {
    if (!(ASTHelpers.stripParentheses(value) instanceof NewClassTree creation)
        || creation.getClassBody() != null
        || !(ASTHelpers.getType(creation) instanceof Type created)) {
      return false;
    }
    String name = created.tsym.getQualifiedName().toString();
    return ALWAYS_UNBOUNDED.contains(name)
        || (OPTIONALLY_BOUNDED.contains(name) && givesNoCapacity(creation.getArguments()));
  }

  /**
   * Whether the arguments of a {@code LinkedBlockingQueue}/{@code LinkedBlockingDeque} constructor
   * (a {@code new}, or a subclass's {@code super(..)}) leave it without a bound: none, {@code
   * Integer.MAX_VALUE}, or a collection to copy.
   */
  public static boolean givesNoCapacity(List<? extends ExpressionTree> arguments) {
    if (arguments.isEmpty()) {
      return true;
    }
    ExpressionTree argument = arguments.get(0);
    if (ASTHelpers.constValue(argument) instanceof Integer bound) {
      return bound == Integer.MAX_VALUE;
    }
    // The one-argument constructors take a capacity or a collection (capacity Integer.MAX_VALUE).
    Type type = ASTHelpers.getType(argument);
    return type != null && !type.isPrimitive() && !CAPACITY_BOXES.contains(nameOf(type));
  }

  private static String nameOf(Type type) {
    return type.tsym == null ? "" : type.tsym.getQualifiedName().toString();
  }
}
