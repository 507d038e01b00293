package dev.stallcheck.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The shared fixpoint of a recursive component: a value known at one node reaches every node that
 * calls it, however long the cycle and whatever order the component lists its nodes in, with each
 * node updated a bounded number of times.
 */
final class ComponentFixpointTest {
  /**
   * A ring {@code n0 → n1 → ... → n(size-1) → n0} listed in call order, so that a round over the
   * list moves a value found at the last node only one step back: forty rounds for forty nodes,
   * where a round cap (as the release summaries had, twenty) would stop short.
   */
  @Test
  void valueTravelsAroundALongCycleAgainstTheListOrder() {
    int size = 40;
    List<Integer> ring = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ring.add(i);
    }
    Function<Integer, List<Integer>> callees = node -> List.of((node + 1) % size);
    Map<Integer, Integer> value = new HashMap<>();
    ring.forEach(node -> value.put(node, 0));
    value.put(size - 1, 7); // what the last node's own code contributes
    int[] updates = {0};

    ComponentFixpoint.solve(
        ring,
        callees,
        node -> {
          updates[0]++;
          // Join: the most any callee has; grows only.
          int joined = Math.max(value.get(node), value.get(callees.apply(node).get(0)));
          return value.put(node, joined) != joined;
        });

    ring.forEach(node -> assertEquals(7, value.get(node), "node " + node));
    // Each node is updated once from the first list, and once more when its callee grows.
    assertTrue(updates[0] <= 2 * size, "updates " + updates[0]);
  }

  /** Callees outside the component are solved before it: they are never entered. */
  @Test
  void calleesOutsideTheComponentAreNotVisited() {
    List<String> visited = new ArrayList<>();
    ComponentFixpoint.solve(
        List.of("a", "b"),
        node -> node.equals("a") ? List.of("b", "outside") : List.of("a"),
        node -> {
          visited.add(node);
          return false;
        });

    assertEquals(List.of("a", "b"), visited);
  }
}
