package dev.stallcheck.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The bottom-up walk over components, and the fixed order of one component's members. */
final class BottomUpComponentsTest {
  /** A cycle a → b → c → a, with c also calling b, and a callee d below it. */
  private static final Map<String, List<String>> CALLS =
      Map.of(
          "a", List.of("b"),
          "b", List.of("c", "d"),
          "c", List.of("b", "a"),
          "d", List.of());

  private static final Function<String, List<String>> CALLEES = CALLS::get;

  @Test
  void componentsComeCalleesFirstAndOnce() {
    List<List<String>> components = new ArrayList<>();
    BottomUpComponents.solve("c", CALLEES, unused -> false, components::add);

    assertEquals(2, components.size());
    assertEquals(List.of("d"), components.get(0));
    assertEquals(List.of("a", "b", "c"), components.get(1).stream().sorted().toList());
  }

  /**
   * Entered at each of its members, the walk lists the cycle in different orders; the fixed order
   * is the same for all of them: from the least member, a, callees first along the edges inside the
   * component (b, then c; c's edges lead back), so c, b, a.
   */
  @Test
  void fixedOrderDoesNotDependOnWhereTheWalkEntered() {
    List<List<String>> listed = new ArrayList<>();
    for (String entry : List.of("a", "b", "c")) {
      BottomUpComponents.solve(
          entry,
          CALLEES,
          node -> node.equals("d"),
          component -> {
            if (component.size() > 1) {
              listed.add(component);
            }
          });
    }

    assertEquals(3, listed.stream().distinct().count(), "the walk's own orders differ: " + listed);
    for (List<String> component : listed) {
      assertEquals(
          List.of("c", "b", "a"),
          BottomUpComponents.calleesFirst(component, CALLEES, Comparator.naturalOrder()));
    }
  }

  /** A member the walk inside the component cannot reach still comes, last, in the given order. */
  @Test
  void fixedOrderKeepsEveryMember() {
    assertEquals(
        List.of("b", "a", "z"),
        BottomUpComponents.calleesFirst(
            List.of("z", "a", "b"),
            node -> node.equals("a") ? List.of("b", "outside") : List.of(),
            Comparator.naturalOrder()));
  }
}
