package dev.stallcheck.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Walks a call graph below one root bottom-up, one strongly connected component at a time, so that
 * every callee outside a component is solved before the component itself: the order in which
 * per-method summaries can be computed once each. Tarjan's algorithm, iterative, so that a deep
 * call chain cannot overflow the stack of the compiler's thread.
 */
public final class BottomUpComponents {
  private BottomUpComponents() {}

  /**
   * Solves the unsolved part of the graph below {@code root}.
   *
   * @param successors the callees of a node, asked once per node when the walk reaches it
   * @param solved nodes already summarized (by an earlier walk) are not entered again
   * @param solve called with each component, in bottom-up order; it must mark its nodes solved
   */
  public static <N> void solve(
      N root, Function<N, List<N>> successors, Predicate<N> solved, Consumer<List<N>> solve) {
    Map<N, Integer> order = new HashMap<>();
    Map<N, Integer> low = new HashMap<>();
    Deque<N> stack = new ArrayDeque<>();
    Set<N> onStack = new HashSet<>();
    Deque<Visit<N>> visits = new ArrayDeque<>();
    visits.push(enter(root, successors, order, low, stack, onStack));
    while (!visits.isEmpty()) {
      Visit<N> visit = visits.peek();
      if (visit.next.hasNext()) {
        N target = visit.next.next();
        if (solved.test(target)) {
          continue;
        }
        if (!order.containsKey(target)) {
          visits.push(enter(target, successors, order, low, stack, onStack));
        } else if (onStack.contains(target)) {
          low.merge(visit.node, order.get(target), Math::min);
        }
        continue;
      }
      visits.pop();
      if (!visits.isEmpty()) {
        low.merge(visits.peek().node, low.get(visit.node), Math::min);
      }
      if (low.get(visit.node).equals(order.get(visit.node))) {
        List<N> component = new ArrayList<>();
        N member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(visit.node));
        solve.accept(component);
      }
    }
  }

  /**
   * The members of one component, callees first, in an order that depends only on the component and
   * its edges, not on where a search entered it: the post-order of a depth-first walk over the
   * edges inside the component, from its least member by {@code order}, following each node's
   * callees in the order {@code successors} lists them. A member the walk does not reach (none, in
   * a strongly connected component) comes last, in {@code order}.
   */
  public static <N> List<N> calleesFirst(
      List<N> component, Function<N, List<N>> successors, Comparator<? super N> order) {
    Set<N> members = new HashSet<>(component);
    List<N> sorted = new ArrayList<>(component);
    sorted.sort(order);
    List<N> result = new ArrayList<>(component.size());
    Set<N> seen = new HashSet<>();
    for (N start : sorted) {
      if (!seen.add(start)) {
        continue;
      }
      Deque<Visit<N>> visits = new ArrayDeque<>();
      visits.push(new Visit<>(start, successors.apply(start).iterator()));
      while (!visits.isEmpty()) {
        Visit<N> visit = visits.peek();
        if (visit.next.hasNext()) {
          N target = visit.next.next();
          if (members.contains(target) && seen.add(target)) {
            visits.push(new Visit<>(target, successors.apply(target).iterator()));
          }
          continue;
        }
        visits.pop();
        result.add(visit.node);
      }
    }
    return result;
  }

  private static <N> Visit<N> enter(
      N node,
      Function<N, List<N>> successors,
      Map<N, Integer> order,
      Map<N, Integer> low,
      Deque<N> stack,
      Set<N> onStack) {
    order.put(node, order.size());
    low.put(node, order.get(node));
    stack.push(node);
    onStack.add(node);
    return new Visit<>(node, successors.apply(node).iterator());
  }

  /** A node on the walk, and how far through its callees the walk is. */
  private record Visit<N>(N node, Iterator<N> next) {}
}
