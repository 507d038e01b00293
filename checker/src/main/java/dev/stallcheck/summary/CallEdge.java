package dev.stallcheck.summary;

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
 */
record CallEdge(
    SummaryNode target,
    @Nullable MonitorPath receiver,
    List<@Nullable MonitorPath> arguments,
    boolean sameFrame,
    @Nullable String site) {

  static CallEdge sameFrame(SummaryNode target) {
    return new CallEdge(target, null, List.of(), true, null);
  }

  static CallEdge call(
      SummaryNode target,
      @Nullable MonitorPath receiver,
      List<@Nullable MonitorPath> arguments,
      @Nullable String site) {
    return new CallEdge(
        target, receiver, Collections.unmodifiableList(new ArrayList<>(arguments)), false, site);
  }

  /** The callee-frame {@code path} written in the caller's frame; null if the caller cannot. */
  @Nullable MonitorPath translate(MonitorPath path) {
    if (sameFrame) {
      return path;
    }
    MonitorPath base;
    switch (path.root()) {
      case THIS:
        base = receiver;
        break;
      case PARAMETER:
        int index = path.parameterIndex();
        base = index < arguments.size() ? arguments.get(index) : null;
        break;
      case STATIC_FIELD:
        return path;
      default:
        return null;
    }
    if (base == null || base.members().size() + path.members().size() > FramePaths.MAX_MEMBERS) {
      return null;
    }
    return base.thenAll(path.members());
  }
}
