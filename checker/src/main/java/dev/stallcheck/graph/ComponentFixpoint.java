package dev.stallcheck.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Solves the summaries of one strongly connected component of a call graph ({@link
 * BottomUpComponents}) to their fixpoint: a worklist over the component's own call edges, which
 * revisits a node only when the summary of one of its callees grew. Each update joins into the
 * node's old summary, so summaries only grow; as they can take finitely many values, the work ends
 * without a round limit, and each edge is followed a bounded number of times.
 */
public final class ComponentFixpoint {
  private ComponentFixpoint() {}

  /**
   * Brings every node of {@code component} to its fixpoint.
   *
   * @param callees the callees of a node (those outside the component are ignored: solved before)
   * @param update recomputes a node's summary from its callees' and joins it into the node's old
   *     summary; true if that grew
   */
  public static <N> void solve(
      List<N> component, Function<N, List<N>> callees, Predicate<N> update) {
    Set<N> members = new HashSet<>(component);
    Map<N, List<N>> callers = new HashMap<>();
    for (N node : component) {
      for (N callee : callees.apply(node)) {
        if (members.contains(callee)) {
          callers.computeIfAbsent(callee, unused -> new ArrayList<>()).add(node);
        }
      }
    }
    Deque<N> work = new ArrayDeque<>(component);
    Set<N> queued = new HashSet<>(component);
    while (!work.isEmpty()) {
      N node = work.poll();
      queued.remove(node);
      if (update.test(node)) {
        for (N caller : callers.getOrDefault(node, List.of())) {
          if (queued.add(caller)) {
            work.add(caller);
          }
        }
      }
    }
  }
}
