package dev.stallcheck.release;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import dev.stallcheck.paths.AccessPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The releases a body and its helpers make, indexed by what they are called on, so that whether one
 * of them gives back an acquire tests only those that can. {@link
 * AcquireReleasePairs#isReleaseOf(Acquire, ReleaseCall, VisitorState)} matches a release with an
 * acquire only when it is called on the acquire's receiver, on the implicit {@code this} for an
 * acquire made on it, or on a holder the acquire was published to or a path below one; the one
 * exception, the static acquire of a configured pair, matches a release on anything. So the
 * releases looked up by those paths are every one that can match, and the answer is the same as
 * testing them all. On a body whose helpers make many releases and pass up many acquires (a
 * database engine's), testing every pair was a third of both checks' time.
 */
final class ReleasesByReceiver {
  private final ImmutableSet<ReleaseCall> all;

  /** Each release called on a path, under that path and under each path it starts with. */
  private final Map<AccessPath, List<ReleaseCall>> byReceiverPrefix = new HashMap<>();

  private final List<ReleaseCall> onImplicitThis = new ArrayList<>();

  ReleasesByReceiver(ImmutableSet<ReleaseCall> releases) {
    this.all = releases;
    for (ReleaseCall release : releases) {
      if (release.onImplicitThis()) {
        onImplicitThis.add(release);
      }
      if (release.receiver().isPresent()) {
        for (AccessPath p = release.receiver().get(); p != null; p = p.parent()) {
          byReceiverPrefix.computeIfAbsent(p, unused -> new ArrayList<>()).add(release);
        }
      }
    }
  }

  /** Whether one of the releases gives back what {@code acquire} took. */
  boolean anyReleases(Acquire acquire, AcquireReleasePairs pairs, VisitorState state) {
    if (acquire.kind() == Acquire.Kind.CONFIGURED && acquire.isStaticAcquire()) {
      return anyReleases(all, acquire, pairs, state);
    }
    if (acquire.receiver().isPresent()) {
      if (anyReleases(startingWith(acquire.receiver().get()), acquire, pairs, state)) {
        return true;
      }
    } else if (acquire.implicitReceiverOwner().isPresent()
        && anyReleases(onImplicitThis, acquire, pairs, state)) {
      return true;
    }
    for (AccessPath sink : acquire.sinks()) {
      if (anyReleases(startingWith(sink), acquire, pairs, state)) {
        return true;
      }
    }
    return false;
  }

  private List<ReleaseCall> startingWith(AccessPath prefix) {
    return byReceiverPrefix.getOrDefault(prefix, List.of());
  }

  private static boolean anyReleases(
      Iterable<ReleaseCall> releases,
      Acquire acquire,
      AcquireReleasePairs pairs,
      VisitorState state) {
    for (ReleaseCall release : releases) {
      if (pairs.isReleaseOf(acquire, release, state)) {
        return true;
      }
    }
    return false;
  }
}
