package dev.stallcheck.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.ErrorProneFlags;
import org.junit.jupiter.api.Test;

/** Reading {@code -XepOpt:BlockingPutUnderLock:Waits}. */
final class WaitPolicyTest {
  private static WaitPolicy read(String value) {
    return WaitPolicy.fromFlags(
        ErrorProneFlags.fromMap(ImmutableMap.of(WaitPolicy.WAITS_FLAG, value)));
  }

  @Test
  void defaultIsCapacity() {
    assertEquals(WaitPolicy.CAPACITY, WaitPolicy.fromFlags(ErrorProneFlags.empty()));
  }

  @Test
  void readsEachValueIgnoringCase() {
    assertEquals(WaitPolicy.CAPACITY, read("capacity"));
    assertEquals(WaitPolicy.ALL, read("all"));
    assertEquals(WaitPolicy.NONE, read("none"));
    assertEquals(WaitPolicy.ALL, read("ALL"));
    assertEquals(WaitPolicy.NONE, read(" None "));
  }

  @Test
  void rejectsOtherValuesNamingTheAllowedOnes() {
    for (String bad : new String[] {"", "true", "capacities", "any"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bad));
      assertEquals(
          "-XepOpt:BlockingPutUnderLock:Waits="
              + bad
              + " is not a valid value; expected one of: capacity, all, none",
          e.getMessage());
    }
  }
}
