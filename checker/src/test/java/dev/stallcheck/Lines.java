package dev.stallcheck;

import java.util.Arrays;
import java.util.stream.Stream;

/** Source lines of test inputs put together from parts (a shared head, a varying body, a tail). */
final class Lines {
  private Lines() {}

  /** The lines of {@code parts}, in order. */
  static String[] of(String[]... parts) {
    return Arrays.stream(parts).flatMap(Stream::of).toArray(String[]::new);
  }
}
