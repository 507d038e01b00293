package dev.stallcheck.release;

import dev.stallcheck.options.QualifiedMethod;
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
public record ConfiguredPair(
    String acquireOwner, String acquireMethod, String releaseOwner, String releaseMethod) {
  /** The accepted form of an entry, for error messages. */
  public static final String FORM =
      "acquire:release, each "
          + QualifiedMethod.FORM
          + " (com.acme.Pool#take:com.acme.Pool#giveBack)";

  /** {@code entry} as a pair, if it has the form {@code A#a:B#b}. */
  public static Optional<ConfiguredPair> parse(String entry) {
    List<String> halves = List.of(entry.split(":", -1));
    if (halves.size() != 2) {
      return Optional.empty();
    }
    Optional<QualifiedMethod> acquire = QualifiedMethod.parse(halves.get(0));
    Optional<QualifiedMethod> release = QualifiedMethod.parse(halves.get(1));
    if (acquire.isEmpty() || release.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ConfiguredPair(
            acquire.get().owner(),
            acquire.get().name(),
            release.get().owner(),
            release.get().name()));
  }
}
