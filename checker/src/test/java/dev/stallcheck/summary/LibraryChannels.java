package dev.stallcheck.summary;

/**
 * Stand-ins for a library's classes: compiled with the tests, so a test compilation sees them only
 * on its classpath, as class files without source. {@link Slow} is annotated {@code @Blocking} at
 * the class level (read back from the class file); {@link Fast} is the same without it.
 */
public final class LibraryChannels {
  private LibraryChannels() {}

  /** Any annotation with this simple name declares blocking; class retention is enough. */
  @interface Blocking {}

  /** A channel whose every method is declared blocking. */
  @Blocking
  public static class Slow {
    /** Sends {@code message}; in a real library this would wait for room. */
    public void send(String message) {}

    /** Flushes every channel. */
    public static void flushAll() {}
  }

  /** The same channel, not declared blocking. */
  public static class Fast {
    /** Sends {@code message}. */
    public void send(String message) {}

    /** Flushes every channel. */
    public static void flushAll() {}
  }
}
