package dev.stallcheck.summary;

/**
 * How far BlockingPutUnderLock's summaries look, so that their cost stays linear in the code: the
 * {@code MaxChainDepth}, {@code MaxCallContexts} and {@code MaxCallContextsForOneMethod} options.
 *
 * @param maxChainDepth the most methods a chain from a held lock to the operation that blocks may
 *     go through; past it, each virtual step's guess makes the path more often impossible than real
 * @param maxCallContexts how many argument contexts each method is analysed in ({@link
 *     CallContexts}); past it, a method is analysed once for all other calls
 * @param maxCallContextsForOneMethod how many contexts one method may take from the compilation's
 *     budget (of {@code maxCallContexts} per method) that other methods leave unused
 */
public record SummaryLimits(
    int maxChainDepth, int maxCallContexts, int maxCallContextsForOneMethod) {
  /** The limits when no option sets them. */
  public static final SummaryLimits DEFAULT = new SummaryLimits(10, 8, 256);
}
