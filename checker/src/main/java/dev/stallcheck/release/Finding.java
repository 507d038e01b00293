package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import dev.stallcheck.text.MethodNames;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One report: where it goes and what it says.
 *
 * @param at the tree the diagnostic is attached to (the release, or for an abandoned hand-off the
 *     timed wait)
 * @param message the one-sentence explanation of the race
 * @param fixes computes the rewrites that remove the race, where they provably keep the program's
 *     meaning, best first; apart from the finding, so that the checker can guard it on its own (an
 *     error there means "no fix", not "no finding")
 */
public record Finding(Tree at, String message, Supplier<ImmutableList<SuggestedFix>> fixes) {

  Finding(Tree at, String message) {
    this(at, message, ImmutableList::of);
  }

  /** This finding with the fixes {@code newFixes} computes offered. */
  Finding withFixes(Supplier<ImmutableList<SuggestedFix>> newFixes) {
    return new Finding(at, message, newFixes);
  }

  /** A release that only the timeout of {@code wait} orders after the task's {@code acquire}. */
  static Finding racyRelease(
      MethodInvocationTree release,
      Acquire acquire,
      MethodInvocationTree wait,
      boolean ownedLock,
      CompilationUnitTree reported) {
    return racyRelease(release, acquire, wait, ownedLock, Optional.empty(), reported);
  }

  /**
   * {@link #racyRelease(MethodInvocationTree, Acquire, MethodInvocationTree, boolean,
   * CompilationUnitTree)} for a call {@code release} that releases {@code through} a helper.
   */
  static Finding racyRelease(
      MethodInvocationTree release,
      Acquire acquire,
      MethodInvocationTree wait,
      boolean ownedLock,
      Optional<HelperRelease> through,
      CompilationUnitTree reported) {
    String message =
        releaseText(release, through, reported)
            + " is ordered after the task's "
            + shown(CodeText.acquire(acquire.call()), acquire.call(), acquire.unit(), reported)
            + via(acquire)
            + " only by the timeout of "
            + shown(CodeText.call(wait), wait, reported, reported)
            + "; if the wait times out first, this release runs before the acquire"
            + outcome(acquire.kind())
            + (ownedLock
                ? "; a cross-thread unlock of a ReentrantLock also throws IllegalMonitorStateException"
                : "")
            + ".";
    return new Finding(release, message);
  }

  /**
   * What a release that runs before the task's acquire does. A pool's or holder's release of what
   * was not acquired yet gives back nothing, and the acquire then leaks; a lock is never unlocked;
   * a semaphore's release adds a permit the task has not taken yet, so its count stays right but,
   * while the task runs on the permit it then takes, one more holder than its permits get in; a
   * counter's decrement likewise counts one holder fewer while the task runs.
   */
  private static String outcome(Acquire.Kind kind) {
    return switch (kind) {
      case LOCK -> " and the acquired lock is never unlocked";
      case SEMAPHORE ->
          ", and while the task then runs the semaphore lets in one holder more than its permits";
      case COUNTER ->
          ", and while the task then runs the counter counts one holder fewer than there are";
      case NAMED, CONFIGURED, OPENED, CLOSEABLE -> " and the acquired resource leaks";
    };
  }

  /** A timed wait after which the caller gives up on a resource the task publishes later. */
  static Finding abandonedHandOff(
      MethodInvocationTree wait, Acquire acquire, CompilationUnitTree reported) {
    boolean opened = acquire.kind() == Acquire.Kind.OPENED;
    String message =
        "if `"
            + CodeText.call(wait)
            + "` times out, a `"
            + acquire.resourceType()
            + "` that the task "
            + (opened ? "opens" : "acquires")
            + " afterwards ("
            + CodeText.place(acquire.call(), acquire.unit(), reported)
            + ")"
            + via(acquire)
            + " is never "
            + (opened ? "closed" : "released")
            + ": the task publishes it after the caller has given up.";
    return new Finding(wait, message);
  }

  /** A release in a callback of a stage that a timeout completes while the work still runs. */
  static Finding releaseOnTimeout(
      MethodInvocationTree release,
      Acquire acquire,
      MethodInvocationTree start,
      MethodInvocationTree callback,
      CompilationUnitTree reported) {
    String message =
        "`"
            + CodeText.call(release)
            + "` runs in `"
            + CodeText.acquire(callback)
            + "`, which a timeout may trigger while the work started by "
            + shown(CodeText.acquire(start), start, reported, reported)
            + " still runs: the timeout completes the future but does not"
            + " stop the work, so what "
            + shown(CodeText.acquire(acquire.call()), acquire.call(), acquire.unit(), reported)
            + " took goes back while still in use; release when the work itself ends (in the task's finally).";
    return new Finding(release, message);
  }

  /**
   * A release in a timer task that a delay triggers while the work using what the method acquired
   * may still run; the method also releases it itself, at {@code ownRelease}, when the work ends.
   */
  static Finding timerRelease(
      MethodInvocationTree release,
      Optional<HelperRelease> through,
      Acquire acquire,
      MethodInvocationTree schedule,
      MethodInvocationTree ownRelease,
      CompilationUnitTree reported) {
    String message =
        releaseText(release, through, reported)
            + " runs in the timer task scheduled by "
            + shown(CodeText.acquire(schedule), schedule, reported, reported)
            + " when its delay expires, while the work that uses what "
            + shown(CodeText.acquire(acquire.call()), acquire.call(), acquire.unit(), reported)
            + " took may still run: only a timeout orders this release before the end of the use"
            + " (the work's own release is `"
            + CodeText.call(ownRelease)
            + "`, "
            + CodeText.place(ownRelease, reported, reported)
            + "); release when the work itself ends.";
    return new Finding(release, message);
  }

  /**
   * A release that gives back what the method acquired and handed to a task, on a path where the
   * wait for the task timed out while the task may still use it.
   */
  static Finding handedOverRelease(
      MethodInvocationTree release,
      Optional<HelperRelease> through,
      Acquire acquire,
      MethodInvocationTree submission,
      MethodInvocationTree wait,
      CompilationUnitTree reported) {
    String message =
        releaseText(release, through, reported)
            + " gives back what "
            + shown(CodeText.acquire(acquire.call()), acquire.call(), acquire.unit(), reported)
            + " took while the task started by "
            + shown(CodeText.acquire(submission), submission, reported, reported)
            + " may still use it: only a timeout orders this release before the end of the use,"
            + " when "
            + shown(CodeText.call(wait), wait, reported, reported)
            + " gives up; release when the task itself ends.";
    return new Finding(release, message);
  }

  /**
   * A timed wait after which the caller leaves a waiter registered with a channel that grants
   * later.
   */
  static Finding abandonedWaiter(
      MethodInvocationTree wait,
      Symbol channel,
      WaiterChannels.Grant grant,
      CompilationUnitTree reported) {
    String message =
        "if `"
            + CodeText.call(wait)
            + "` times out, the waiter stays registered in `"
            + channel.getSimpleName()
            + "`: "
            + MethodNames.of(grant.granter())
            + " later takes it out, takes a resource"
            + " for it (`"
            + grant.acquired()
            + "`) and hands that over with "
            + shown(CodeText.acquire(grant.delivery()), grant.delivery(), grant.unit(), reported)
            + ", where nobody reads it or gives it back; when the wait times out, "
            + (grant.asksWaiterState()
                ? "cancel the waiter (the grant skips one no longer wanted) or take it back out of `"
                    + channel.getSimpleName()
                    + "`, and give back what it was granted if the grant came first (the cancel"
                    + " fails, or it is no longer there)."
                : "take the waiter back out of `"
                    + channel.getSimpleName()
                    + "`, and give back what it was granted if the grant came first (it is no"
                    + " longer there); cancelling or completing it is not enough, since the grant"
                    + " ignores whether its delivery took.");
    return new Finding(wait, message);
  }

  /**
   * The release call, quoted, and for one made through a helper the chain down to the release:
   * {@code `Pools.releaseQuietly(pool, c)`, which releases through Pools.releaseQuietly →
   * `p.release(c)` (Pools.java:12),}.
   */
  private static String releaseText(
      MethodInvocationTree release, Optional<HelperRelease> through, CompilationUnitTree reported) {
    return "`"
        + CodeText.call(release)
        + "`"
        + through
            .map(helper -> ", which releases " + throughText(helper, reported) + ",")
            .orElse("");
  }

  private static String throughText(HelperRelease helper, CompilationUnitTree reported) {
    return "through "
        + String.join(" → ", helper.via())
        + " → "
        + shown(CodeText.call(helper.release()), helper.release(), helper.unit(), reported);
  }

  /**
   * For an acquire made in a helper, the calls leading to it: {@code , reached via A.run →
   * B.take,}.
   */
  private static String via(Acquire acquire) {
    return acquire.via().isEmpty()
        ? ""
        : ", reached via " + String.join(" → ", acquire.via()) + ",";
  }

  /** {@code code} in backticks, then where it is ({@code `x.get(1, SECONDS)` (line 12)}). */
  private static String shown(
      String code, Tree tree, CompilationUnitTree unit, CompilationUnitTree reported) {
    return "`" + code + "` (" + CodeText.place(tree, unit, reported) + ")";
  }
}
