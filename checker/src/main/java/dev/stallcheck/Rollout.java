package dev.stallcheck;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import dev.stallcheck.fixes.Suppression;
import java.util.List;
import java.util.Optional;

/**
 * The fixes a finding of either check offers, and {@code -XepOpt:Stallcheck:Rollout=true}, which
 * adopts the checks in a codebase that already has findings.
 *
 * <p>Normally a finding offers its fixes, best first, then, as the last alternative, a suppression
 * whose comment asks for the reason: blocking may be the design (a queue bounded on purpose for
 * back-pressure), and an IDE user can say so in one click. Under Rollout a finding offers only a
 * suppression marked {@link #MARKER}, so that patch mode writes the baseline and nothing else: the
 * next build is green, new findings fail it, and {@code grep -rn "stallcheck: rollout baseline"}
 * lists what is left to fix.
 */
final class Rollout {
  /** The comment on every baseline suppression; the README tells users to grep for it. */
  static final String MARKER = "stallcheck: rollout baseline, fix me";

  /** The option, read by each check's options record; one name for both checks. */
  static final String FLAG = "Stallcheck:Rollout";

  private final boolean enabled;

  /** {@code enabled}: the {@link #FLAG} option's value. */
  Rollout(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * What the finding at {@code state.getPath()} offers, given its own {@code fixes}; {@code why} is
   * the comment of the last-resort suppression, a question for the one who accepts it. {@code
   * fixedElsewhere}: the finding goes away once other findings' fixes are applied (a call whose
   * sends are fixed where they are), so it offers no suppression either, as patch mode would write
   * it beside those fixes. A failure to place the suppression means none, unless {@code
   * failOnAnalysisError}.
   */
  ImmutableList<SuggestedFix> offered(
      String checkName,
      String why,
      List<SuggestedFix> fixes,
      boolean fixedElsewhere,
      VisitorState state,
      boolean failOnAnalysisError) {
    ImmutableList.Builder<SuggestedFix> offered = ImmutableList.builder();
    if (!enabled) {
      offered.addAll(fixes);
      if (fixedElsewhere) {
        return offered.build();
      }
    }
    AnalysisErrors.guard(
            failOnAnalysisError,
            () -> Suppression.of(checkName, enabled ? MARKER : why, state),
            Optional.<SuggestedFix>empty())
        .ifPresent(offered::add);
    return offered.build();
  }
}
