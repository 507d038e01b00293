package dev.stallcheck.summary;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One way a call ends up blocking: the methods it goes through, outermost first, down to the
 * operation that blocks. Chains share their tails, so extending one at each call step costs O(1).
 */
public final class BlockingChain {
  /** Longer chains show their start and end: the call under the lock, and the send. */
  private static final int MAX_SHOWN = 8;

  /** The method this part of the chain runs in ({@code Connection.write}); null for a bare op. */
  @Nullable private final String method;
  /** The rest of the chain; null when {@link #operation} sits in {@link #method} itself. */
  @Nullable private final BlockingChain next;

  private final BlockingOperation operation;

  private BlockingChain(
      @Nullable String method, @Nullable BlockingChain next, BlockingOperation operation) {
    this.method = method;
    this.next = next;
    this.operation = operation;
  }

  /** The operation alone, before any method is known (e.g. inside an initializer). */
  static BlockingChain of(BlockingOperation operation) {
    return new BlockingChain(null, null, operation);
  }

  /** {@code method}, which goes on to block along {@code rest}. */
  static BlockingChain through(String method, BlockingChain rest) {
    if (rest.method == null) {
      return new BlockingChain(method, null, rest.operation);
    }
    return new BlockingChain(method, rest, rest.operation);
  }

  /** The operation the chain ends in. */
  public BlockingOperation operation() {
    return operation;
  }

  /**
   * The chain as a message shows it: {@code UserDevice.sendMsg → Connection.write →
   * `writer.put(data)` (Connection.java:21)}, or {@code DocumentQueue.put waits in `docs.wait()`
   * (DocumentQueue.java:19)}.
   */
  public String describe() {
    List<String> methods = new ArrayList<>();
    for (BlockingChain c = this; c != null; c = c.next) {
      if (c.method != null) {
        methods.add(c.method);
      }
    }
    if (methods.size() > MAX_SHOWN) {
      int hidden = methods.size() - MAX_SHOWN + 1;
      List<String> shown = new ArrayList<>(methods.subList(0, MAX_SHOWN - 3));
      shown.add("… " + hidden + " more calls …");
      shown.addAll(methods.subList(methods.size() - 2, methods.size()));
      methods = shown;
    }
    StringBuilder text = new StringBuilder(String.join(" → ", methods));
    String op = operation.describe();
    switch (operation.kind()) {
      case WAIT:
        return text.length() == 0 ? "waits in " + op : text + " waits in " + op;
      case DECLARED:
        return text.length() == 0 ? op : text + " (" + op + ")";
      default:
        return text.length() == 0 ? op : text + " → " + op;
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
