package dev.stallcheck.summary;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.sun.source.util.TreePath;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which untimed {@code wait()}/{@code await()} calls make a method "may block" for callers holding
 * another lock: the option {@code -XepOpt:BlockingPutUnderLock:Waits=capacity|all|none}.
 */
public enum WaitPolicy {
  /** Only waits for room in a bounded buffer ({@link CapacityWait}); the default. */
  CAPACITY,
  /** Every untimed wait, whatever it waits for. */
  ALL,
  /** No wait: only real sends and declared-blocking methods propagate. */
  NONE;

  /** The flag {@code -XepOpt:BlockingPutUnderLock:Waits=...}. */
  public static final String WAITS_FLAG = "BlockingPutUnderLock:Waits";

  /**
   * Reads the option, case-insensitively; {@link #CAPACITY} when absent.
   *
   * @throws IllegalArgumentException for any other value: a misspelt option must not silently
   *     mean the default
   */
  public static WaitPolicy fromFlags(ErrorProneFlags flags) {
    Optional<String> value = flags.get(WAITS_FLAG);
    if (value.isEmpty()) {
      return CAPACITY;
    }
    String wanted = value.get().trim();
    for (WaitPolicy policy : values()) {
      if (policy.optionValue().equalsIgnoreCase(wanted)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "-XepOpt:"
            + WAITS_FLAG
            + "="
            + value.get()
            + " is not a valid value; expected one of: "
            + Arrays.stream(values()).map(WaitPolicy::optionValue).collect(Collectors.joining(", ")));
  }

  /** How the option spells this value: {@code capacity}, {@code all}, {@code none}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the untimed wait called at {@code waitCall} counts as blocking. */
  boolean counts(TreePath waitCall, VisitorState state) {
    return switch (this) {
      case CAPACITY -> CapacityWait.isCapacityWait(waitCall, state);
      case ALL -> true;
      case NONE -> false;
    };
  }
}
