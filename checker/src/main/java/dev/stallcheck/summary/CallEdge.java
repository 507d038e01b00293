package dev.stallcheck.summary;

import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.FramePaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A call from one summary node to another, with what the callee's {@code this} and parameters are
 * in the caller's frame, so that the monitor a callee waits on can be named by its caller.
 *
 * @param receiver the callee's {@code this} in the caller's frame; null if unnameable or static
 * @param arguments each callee parameter's argument in the caller's frame (null: unnameable)
 * @param sameFrame the callee runs on the caller's {@code this} and parameters (constructor to
 *     initializers): paths carry over unchanged
 * @param site where the call is made, {@code File.java:line}; null where no call is written
 * @param monitors what the caller's code knows of monitors at the call
 */
record CallEdge(
    SummaryNode target,
    @Nullable AccessPath receiver,
    List<@Nullable AccessPath> arguments,
    boolean sameFrame,
    @Nullable String site,
    MonitorsAtCall monitors) {

  static CallEdge sameFrame(SummaryNode target) {
    return new CallEdge(target, null, List.of(), true, null, MonitorsAtCall.NONE);
  }

  static CallEdge call(
      SummaryNode target,
      @Nullable AccessPath receiver,
      List<@Nullable AccessPath> arguments,
      @Nullable String site) {
    return new CallEdge(
        target,
        receiver,
        Collections.unmodifiableList(new ArrayList<>(arguments)),
        false,
        site,
        MonitorsAtCall.NONE);
  }

  /** This call, made where the caller's code knows {@code monitors}. */
  CallEdge at(MonitorsAtCall monitors) {
    return new CallEdge(target, receiver, arguments, sameFrame, site, monitors);
  }

  /** The callee-frame {@code path} written in the caller's frame; null if the caller cannot. */
  @Nullable AccessPath translate(AccessPath path) {
    if (sameFrame) {
      return path;
    }
    AccessPath seen = path.seenFrom(receiver, arguments);
    return seen == null || seen.members().size() > FramePaths.MAX_MEMBERS ? null : seen;
  }
}
