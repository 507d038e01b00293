package dev.stallcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link AnalysisErrors}: no finding by default, a failed compilation with the option on. */
class AnalysisErrorsTest {
  private static final Supplier<String> FAILING =
      () -> {
        throw new IllegalStateException("analysis bug");
      };
  private static final Supplier<String> OVERFLOWING =
      () -> {
        throw new StackOverflowError();
      };

  @Test
  void defaultMeansFallback() {
    assertEquals("fallback", AnalysisErrors.guard(false, FAILING, "fallback"));
    assertEquals("fallback", AnalysisErrors.guard(false, OVERFLOWING, "fallback"));
    assertEquals("result", AnalysisErrors.guard(false, () -> "result", "fallback"));
  }

  @Test
  void optionOnRethrows() {
    assertThrows(IllegalStateException.class, () -> AnalysisErrors.guard(true, FAILING, "x"));
    assertThrows(StackOverflowError.class, () -> AnalysisErrors.guard(true, OVERFLOWING, "x"));
  }
}
