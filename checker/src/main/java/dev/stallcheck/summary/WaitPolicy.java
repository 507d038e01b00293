package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.sun.source.util.TreePath;

/**
 * Which untimed {@code wait()}/{@code await()} calls make a method "may block" for callers holding
 * another lock: the option {@code -XepOpt:BlockingPutUnderLock:Waits=capacity|all|none}, each
 * constant's name in lower case.
 */
public enum WaitPolicy {
  /**
   * Only waits for room in a bounded buffer ({@link CapacityWait}) that a consumer elsewhere wakes
   * ({@link WakeUps}), and that no setting chose over a timed wait ({@link SettingChosenWaits});
   * the default.
   */
  CAPACITY,
  /** Every untimed wait, whatever it waits for. */
  ALL,
  /** No wait: only real sends and declared-blocking methods propagate. */
  NONE;

  /** Whether the untimed wait called at {@code waitCall} counts as blocking. */
  boolean counts(TreePath waitCall, VisitorState state) {
    return switch (this) {
      case CAPACITY ->
          CapacityWait.isCapacityWait(waitCall, state)
              && !SettingChosenWaits.isChosenBySetting(waitCall, state)
              && WakeUps.byAnotherMethod(waitCall, state);
      case ALL -> true;
      case NONE -> false;
    };
  }
}
