package dev.stallcheck.release;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code -XepOpt:ReleaseOrderedByTimeout:Pairs=}: an acquire method and the release
 * method that gives back what it acquired, each written {@code fully.qualified.Type#method}.
 *
 * @param acquireOwner the type declaring (or inheriting) the acquire method
 * @param acquireMethod the acquire method's name
 * @param releaseOwner the type declaring (or inheriting) the release method
 * @param releaseMethod the release method's name
 */
record ConfiguredPair(String acquireOwner, String acquireMethod, String releaseOwner, String releaseMethod) {

  /**
   * The pairs in the option's comma-separated value; an entry that is not {@code A#a:B#b} is an
   * error in the build configuration, reported as such rather than silently ignored.
   */
  static ImmutableList<ConfiguredPair> parseAll(List<String> entries) {
    ImmutableList.Builder<ConfiguredPair> out = ImmutableList.builder();
    for (String entry : entries) {
      String trimmed = entry.trim();
      if (!trimmed.isEmpty()) {
        out.add(parse(trimmed).orElseThrow(() -> new IllegalArgumentException(
            "-XepOpt:ReleaseOrderedByTimeout:Pairs: expected com.acme.Pool#take:com.acme.Pool#giveBack, got '"
                + trimmed + "'")));
      }
    }
    return out.build();
  }

  private static Optional<ConfiguredPair> parse(String entry) {
    List<String> halves = Splitter.on(':').trimResults().splitToList(entry);
    if (halves.size() != 2) {
      return Optional.empty();
    }
    List<String> acquire = Splitter.on('#').trimResults().splitToList(halves.get(0));
    List<String> release = Splitter.on('#').trimResults().splitToList(halves.get(1));
    if (acquire.size() != 2 || release.size() != 2 || acquire.contains("") || release.contains("")) {
      return Optional.empty();
    }
    return Optional.of(new ConfiguredPair(acquire.get(0), acquire.get(1), release.get(0), release.get(1)));
  }
}
