package dev.stallcheck.summary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One way a call ends up blocking: the methods it goes through, outermost first, each with where it
 * makes the next call, down to the operation that blocks. Chains share their tails, so extending
 * one at each call step costs O(1).
 */
public final class BlockingChain {
  /** Longer chains show their start and end on a message's first line (all of it below). */
  private static final int MAX_SHOWN = 8;

  /** The method this part of the chain runs in ({@code Connection.write}); null for a bare op. */
  @Nullable private final String method;

  /**
   * Where the method before this one calls {@link #method}, {@code File.java:line}; null if
   * unknown.
   */
  @Nullable private final String calledAt;

  /** The rest of the chain; null when {@link #operation} sits in {@link #method} itself. */
  @Nullable private final BlockingChain next;

  private final BlockingOperation operation;

  /** How many methods the chain goes through. */
  private final int depth;

  private BlockingChain(
      @Nullable String method,
      @Nullable String calledAt,
      @Nullable BlockingChain next,
      BlockingOperation operation) {
    this.method = method;
    this.calledAt = calledAt;
    this.next = next;
    this.operation = operation;
    this.depth = (method == null ? 0 : 1) + (next == null ? 0 : next.depth);
  }

  /** How many methods the chain goes through, the operation's own included. */
  public int depth() {
    return depth;
  }

  /** The operation alone, before any method is known (e.g. inside an initializer). */
  static BlockingChain of(BlockingOperation operation) {
    return new BlockingChain(null, null, null, operation);
  }

  /**
   * {@code method} (null: code that chains do not name, such as initializers), which goes on to
   * block along {@code rest}, calling its first method at {@code site} ({@code File.java:line};
   * null if no call is written there).
   */
  static BlockingChain through(@Nullable String method, @Nullable String site, BlockingChain rest) {
    BlockingChain tail =
        rest.method != null && rest.calledAt == null && site != null
            ? new BlockingChain(rest.method, site, rest.next, rest.operation)
            : rest;
    if (method == null) {
      return tail;
    }
    return new BlockingChain(method, null, tail.method == null ? null : tail, tail.operation);
  }

  /** The operation the chain ends in. */
  public BlockingOperation operation() {
    return operation;
  }

  /**
   * The chain in one line, as a message's first line shows it: {@code UserDevice.sendMsg →
   * Connection.write → `writer.put(data)` (Connection.java:21)}, or {@code DocumentQueue.put waits
   * in `docs.wait()` (DocumentQueue.java:19)}; past {@link #MAX_SHOWN} methods the middle is
   * counted, not named ({@link #hops} names every one).
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

  /**
   * Every step of the chain, one a line, each with where it is made: {@code UserDevice.sendMsg
   * calls Connection.write at UserDevice.java:12}, and last {@code Connection.write calls
   * `writer.put(data)` at Connection.java:32}. A recursive cycle shows once: a step that repeats an
   * earlier one (same method, same call site) cuts the loop between them. Empty for a chain of one
   * method, which the first line shows whole.
   */
  public List<String> hops() {
    List<Hop> hops = new ArrayList<>();
    Map<Hop, Integer> positions = new HashMap<>();
    for (BlockingChain c = this; c != null; c = c.next) {
      if (c.method == null) {
        continue;
      }
      Hop hop =
          c.next == null
              ? new Hop(c.method, operation.location(), operation.kind(), operation.text())
              : new Hop(c.method, c.next.calledAt, null, c.next.method);
      Integer earlier = positions.get(hop);
      if (earlier != null) {
        List<Hop> loop = hops.subList(earlier, hops.size());
        loop.forEach(positions::remove);
        loop.clear();
      }
      positions.put(hop, hops.size());
      hops.add(hop);
    }
    if (hops.size() < 2) {
      return List.of();
    }
    return hops.stream().map(Hop::describe).toList();
  }

  @Override
  public String toString() {
    return describe();
  }

  /** One method's step: what it calls (or the operation it ends in), and where. */
  private record Hop(
      String method,
      @Nullable String site,
      BlockingOperation.@Nullable Kind ends,
      @Nullable String callee) {
    String describe() {
      String where = site == null ? "" : " at " + site;
      if (ends == null) {
        return method + " calls " + callee + where;
      }
      return switch (ends) {
        case SEND -> method + " calls `" + callee + "`" + where;
        case WAIT -> method + " waits in `" + callee + "`" + where;
        case DECLARED -> method + " blocks (" + callee + ")";
      };
    }
  }
}
