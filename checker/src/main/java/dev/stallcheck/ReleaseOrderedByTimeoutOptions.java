package dev.stallcheck;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.ErrorProneFlags;
import dev.stallcheck.options.CheckOptions;
import dev.stallcheck.options.OptionReader;
import dev.stallcheck.release.ConfiguredPair;

/**
 * ReleaseOrderedByTimeout's options: every {@code -XepOpt:ReleaseOrderedByTimeout:...} flag is read
 * here, strictly ({@link OptionReader}).
 *
 * @param pairs acquire/release pairs beyond the built-in ones
 * @param failOnAnalysisError whether an internal error fails the compilation ({@link
 *     AnalysisErrors})
 * @param rollout {@code -XepOpt:Stallcheck:Rollout}, shared by both checks ({@link Rollout})
 */
public record ReleaseOrderedByTimeoutOptions(
    ImmutableList<ConfiguredPair> pairs, boolean failOnAnalysisError, boolean rollout) {
  static final String CHECK = "ReleaseOrderedByTimeout";
  public static final String PAIRS = CHECK + ":Pairs";
  public static final String FAIL_ON_ANALYSIS_ERROR = CHECK + ":" + AnalysisErrors.OPTION;

  /** The options in {@code flags}, or the errors of those that are malformed. */
  public static CheckOptions<ReleaseOrderedByTimeoutOptions> read(ErrorProneFlags flags) {
    OptionReader in = new OptionReader(flags, CHECK);
    return in.finish(
        new ReleaseOrderedByTimeoutOptions(
            in.list(PAIRS, ConfiguredPair.FORM, ConfiguredPair::parse),
            in.bool(FAIL_ON_ANALYSIS_ERROR, false),
            in.bool(Rollout.FLAG, false)));
  }
}
