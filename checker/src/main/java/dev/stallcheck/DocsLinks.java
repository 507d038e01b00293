package dev.stallcheck;

/**
 * Where each check's documentation page is published; {@code @BugPattern(link = ...)} points here.
 */
final class DocsLinks {
  /**
   * The docs/bugpatterns folder of this repository, as published: the one place a fork changes to
   * link its own pages (README.md, "Building from source").
   */
  static final String BUGPATTERNS =
      "https://github.com/stallcheck/stallcheck/blob/main/docs/bugpatterns/";

  private DocsLinks() {}
}
