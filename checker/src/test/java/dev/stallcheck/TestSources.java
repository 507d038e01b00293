package dev.stallcheck;

/**
 * Test sources derived from others, line by line (1-based), so that a fix's output reads as a diff.
 */
final class TestSources {
  private TestSources() {}

  /** {@code lines} with {@code added} inserted before line {@code before}. */
  static String[] inserted(String[] lines, int before, String... added) {
    return replaced(lines, before, 0, added);
  }

  /** {@code lines} with line {@code line} replaced by {@code with}. */
  static String[] replaced(String[] lines, int line, String... with) {
    return replaced(lines, line, 1, with);
  }

  private static String[] replaced(String[] lines, int from, int count, String[] with) {
    String[] result = new String[lines.length - count + with.length];
    System.arraycopy(lines, 0, result, 0, from - 1);
    System.arraycopy(with, 0, result, from - 1, with.length);
    System.arraycopy(
        lines, from - 1 + count, result, from - 1 + with.length, lines.length - from + 1 - count);
    return result;
  }
}
