package dev.stallcheck;

import java.util.function.Supplier;

/**
 * How both checks and their suggested fixes treat an unexpected exception from their own analysis.
 * By default it means "no finding" (or, inside a finding, "no fix"): a check that throws fails the
 * user's build, which odd input must never do. With {@code
 * -XepOpt:<CheckName>:FailOnAnalysisError=true}, which the checks' tests set, the exception
 * propagates and fails the compilation, so that tests see the bug instead of a silent miss. Each
 * check's options record reads that flag, under this one name.
 */
public final class AnalysisErrors {
  /** The option's name after the check's: {@code -XepOpt:<CheckName>:FailOnAnalysisError}. */
  public static final String OPTION = "FailOnAnalysisError";

  private AnalysisErrors() {}

  /**
   * What {@code analysis} returns; {@code fallback} if it throws (a runtime exception, or a stack
   * overflow on deeply nested code) and {@code failOnAnalysisError} is off.
   */
  public static <T> T guard(boolean failOnAnalysisError, Supplier<T> analysis, T fallback) {
    try {
      return analysis.get();
    } catch (RuntimeException | StackOverflowError e) {
      if (failOnAnalysisError) {
        throw e;
      }
      return fallback;
    }
  }
}
