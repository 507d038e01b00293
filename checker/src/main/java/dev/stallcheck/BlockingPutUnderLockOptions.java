package dev.stallcheck;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import dev.stallcheck.locks.LockMethodPairs;
import dev.stallcheck.options.CheckOptions;
import dev.stallcheck.options.OptionReader;
import dev.stallcheck.options.QualifiedMethod;
import dev.stallcheck.summary.BlockingDeclarations;
import dev.stallcheck.summary.SummaryLimits;
import dev.stallcheck.summary.WaitPolicy;

/**
 * BlockingPutUnderLock's options: every {@code -XepOpt:BlockingPutUnderLock:...} flag is read here,
 * strictly ({@link OptionReader}).
 *
 * @param timedSends whether timed sends ({@code offer(e, t, unit)}) under a lock are reported too
 * @param declarations the {@code BlockingMethods} listed, with the
 *     {@code @Blocking}/{@code @NonBlocking} annotations they join
 * @param waits which untimed waits in called methods count as blocking
 * @param failOnAnalysisError whether an internal error fails the compilation ({@link
 *     AnalysisErrors})
 * @param rollout {@code -XepOpt:Stallcheck:Rollout}, shared by both checks ({@link Rollout})
 * @param lockMethods the {@code LockMethods} pairs: lock/unlock methods of libraries whose bodies
 *     the compilation cannot see
 * @param limits how far the summaries look: {@code MaxChainDepth}, {@code MaxCallContexts}, {@code
 *     MaxCallContextsForOneMethod}, {@code PluginPointBodies}
 */
public record BlockingPutUnderLockOptions(
    boolean timedSends,
    BlockingDeclarations declarations,
    WaitPolicy waits,
    boolean failOnAnalysisError,
    boolean rollout,
    ImmutableList<LockMethodPairs.Pair> lockMethods,
    SummaryLimits limits) {
  static final String CHECK = "BlockingPutUnderLock";
  public static final String TIMED_SENDS = CHECK + ":TimedSends";
  public static final String BLOCKING_METHODS = CHECK + ":BlockingMethods";
  public static final String WAITS = CHECK + ":Waits";
  public static final String LOCK_METHODS = CHECK + ":LockMethods";
  public static final String FAIL_ON_ANALYSIS_ERROR = CHECK + ":" + AnalysisErrors.OPTION;
  public static final String MAX_CHAIN_DEPTH = CHECK + ":MaxChainDepth";
  public static final String MAX_CALL_CONTEXTS = CHECK + ":MaxCallContexts";
  public static final String MAX_CALL_CONTEXTS_FOR_ONE_METHOD =
      CHECK + ":MaxCallContextsForOneMethod";
  public static final String PLUGIN_POINT_BODIES = CHECK + ":PluginPointBodies";

  /** The options in {@code flags}, or the errors of those that are malformed. */
  public static CheckOptions<BlockingPutUnderLockOptions> read(ErrorProneFlags flags) {
    OptionReader in = new OptionReader(flags, CHECK);
    return in.finish(
        new BlockingPutUnderLockOptions(
            in.bool(TIMED_SENDS, false),
            BlockingDeclarations.listing(
                in.list(BLOCKING_METHODS, QualifiedMethod.FORM, QualifiedMethod::parse).stream()
                    .map(QualifiedMethod::toString)
                    .collect(ImmutableSet.toImmutableSet())),
            in.oneOf(WAITS, WaitPolicy.CAPACITY),
            in.bool(FAIL_ON_ANALYSIS_ERROR, false),
            in.bool(Rollout.FLAG, false),
            in.list(LOCK_METHODS, LockMethodPairs.FORM, LockMethodPairs::parseEntry),
            new SummaryLimits(
                in.atLeast(MAX_CHAIN_DEPTH, 1, SummaryLimits.DEFAULT.maxChainDepth()),
                in.atLeast(MAX_CALL_CONTEXTS, 0, SummaryLimits.DEFAULT.maxCallContexts()),
                in.atLeast(
                    MAX_CALL_CONTEXTS_FOR_ONE_METHOD,
                    0,
                    SummaryLimits.DEFAULT.maxCallContextsForOneMethod()),
                in.atLeast(PLUGIN_POINT_BODIES, 1, SummaryLimits.DEFAULT.pluginPointBodies()))));
  }
}
