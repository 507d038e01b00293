package dev.stallcheck.summary;

/**
 * How far BlockingPutUnderLock's summaries look, so that their cost stays linear in the code, and
 * which virtual calls they treat as plugin points: the {@code MaxChainDepth}, {@code
 * MaxCallContexts}, {@code MaxCallContextsForOneMethod} and {@code PluginPointBodies} options.
 *
 * @param maxChainDepth the most methods a chain from a held lock to the operation that blocks may
 *     go through; past it, each virtual step's guess makes the path more often impossible than real
 * @param maxCallContexts how many argument contexts each method is analysed in ({@link
 *     CallContexts}); past it, a method is analysed once for all other calls
 * @param maxCallContextsForOneMethod how many contexts one method may take from the compilation's
 *     budget (of {@code maxCallContexts} per method) that other methods leave unused
 * @param pluginPointBodies more bodies than this at one virtual call make it a plugin point, which
 *     charges its caller only when at least one in four of them may block
 */
public record SummaryLimits(
    int maxChainDepth,
    int maxCallContexts,
    int maxCallContextsForOneMethod,
    int pluginPointBodies) {
  /** The limits when no option sets them. */
  public static final SummaryLimits DEFAULT = new SummaryLimits(10, 8, 256, 6);
}
