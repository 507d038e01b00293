package dev.stallcheck.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stallcheck.release.ConfiguredPair;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The entry forms the list options accept: {@code Class#method} and {@code A#a:B#b}. */
final class QualifiedMethodTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"com.acme.Channel#send", "Channel#send", "com.acme.Outer.Inner#send", " a.B#c "})
  void acceptsClassHashMethod(String text) {
    QualifiedMethod method = QualifiedMethod.parse(text).orElseThrow();
    assertEquals(text.trim(), method.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nohash",
        "#send",
        "com.acme.Bus#",
        "a.B#c#d",
        "a..B#c",
        "a.B.#c",
        "a.B#class",
        "a.B#c()",
        "a b#c",
        "a.B#c d",
        ""
      })
  void rejectsAnythingElse(String text) {
    assertEquals(Optional.empty(), QualifiedMethod.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a.Pool#take",
        "a.Pool#take:",
        "a.Pool#take:b.Pool#give:c.P#x",
        "a.Pool#take:nohash",
        "garbage"
      })
  void pairsRejectAnythingButTwoMethods(String text) {
    assertEquals(Optional.empty(), ConfiguredPair.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"com.acme.Pool#take:com.acme.Pool#giveBack", "a.Lease#open : a.Lease#close"})
  void pairsAcceptTwoMethods(String text) {
    assertTrue(ConfiguredPair.parse(text).isPresent());
  }
}
