package dev.stallcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import dev.stallcheck.locks.LockMethodPairs;
import dev.stallcheck.options.CheckOptions;
import dev.stallcheck.release.ConfiguredPair;
import dev.stallcheck.summary.BlockingDeclarations;
import dev.stallcheck.summary.SummaryLimits;
import dev.stallcheck.summary.WaitPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each check reads its flags into its options record: defaults, values, and one name per flag. */
final class CheckOptionsRecordsTest {
  private static ErrorProneFlags flags(Map<String, String> values) {
    return ErrorProneFlags.fromMap(values);
  }

  @Test
  void defaultsWithoutFlags() {
    assertEquals(
        new BlockingPutUnderLockOptions(
            false,
            BlockingDeclarations.none(),
            WaitPolicy.CAPACITY,
            false,
            false,
            ImmutableList.of(),
            SummaryLimits.DEFAULT),
        BlockingPutUnderLockOptions.read(ErrorProneFlags.empty()).values());
    assertEquals(
        new ReleaseOrderedByTimeoutOptions(ImmutableList.of(), false, false),
        ReleaseOrderedByTimeoutOptions.read(ErrorProneFlags.empty()).values());
  }

  @Test
  void blockingPutUnderLockReadsEveryFlag() {
    CheckOptions<BlockingPutUnderLockOptions> read =
        BlockingPutUnderLockOptions.read(
            flags(
                Map.of(
                    "BlockingPutUnderLock:TimedSends", "true",
                    "BlockingPutUnderLock:BlockingMethods",
                        "com.acme.Channel#send, com.acme.Bus#publish",
                    "BlockingPutUnderLock:Waits", " None ",
                    "BlockingPutUnderLock:FailOnAnalysisError", "TRUE",
                    "BlockingPutUnderLock:LockMethods", "com.acme.Guard#enter:com.acme.Guard#exit",
                    "BlockingPutUnderLock:MaxChainDepth", "12",
                    "BlockingPutUnderLock:MaxCallContexts", " 4",
                    "BlockingPutUnderLock:MaxCallContextsForOneMethod", "0",
                    "BlockingPutUnderLock:PluginPointBodies", "9")));

    assertTrue(read.valid(), read.errors().toString());
    assertEquals(
        new BlockingPutUnderLockOptions(
            true,
            BlockingDeclarations.listing(
                ImmutableSet.of("com.acme.Channel#send", "com.acme.Bus#publish")),
            WaitPolicy.NONE,
            true,
            false,
            ImmutableList.of(
                new LockMethodPairs.Pair("com.acme.Guard", "enter", "com.acme.Guard", "exit")),
            new SummaryLimits(12, 4, 0, 9)),
        read.values());
  }

  @Test
  void releaseOrderedByTimeoutReadsEveryFlag() {
    CheckOptions<ReleaseOrderedByTimeoutOptions> read =
        ReleaseOrderedByTimeoutOptions.read(
            flags(
                Map.of(
                    "ReleaseOrderedByTimeout:Pairs",
                        "com.acme.Pool#take:com.acme.Pool#giveBack,a.Lease#open:a.Lease#close",
                    "ReleaseOrderedByTimeout:FailOnAnalysisError", "true")));

    assertTrue(read.valid(), read.errors().toString());
    assertEquals(
        new ReleaseOrderedByTimeoutOptions(
            ImmutableList.of(
                new ConfiguredPair("com.acme.Pool", "take", "com.acme.Pool", "giveBack"),
                new ConfiguredPair("a.Lease", "open", "a.Lease", "close")),
            true,
            false),
        read.values());
  }

  /** FailOnAnalysisError is one name, read per check: setting it for one leaves the other off. */
  @Test
  void failOnAnalysisErrorIsReadPerCheck() {
    ErrorProneFlags one = flags(Map.of("ReleaseOrderedByTimeout:FailOnAnalysisError", "true"));

    assertTrue(ReleaseOrderedByTimeoutOptions.read(one).values().failOnAnalysisError());
    assertFalse(BlockingPutUnderLockOptions.read(one).values().failOnAnalysisError());
    assertTrue(BlockingPutUnderLockOptions.read(one).valid());
  }

  /**
   * Only names under the check's own prefix are checked: another check's flag, or a project-wide
   * one such as {@code Stallcheck:...}, is not this check's error; a misspelt own name is.
   */
  @Test
  void unknownNamesAreCheckedUnderTheOwnPrefixOnly() {
    ErrorProneFlags others =
        flags(
            Map.of(
                "ReleaseOrderedByTimeout:Pairs", "garbage",
                "Stallcheck:Anything", "x",
                "FixProbe:Fix", "1"));
    ErrorProneFlags misspelt = flags(Map.of("BlockingPutUnderLock:TimedSend", "true"));

    assertTrue(BlockingPutUnderLockOptions.read(others).valid());
    assertEquals(
        List.of(
            "invalid flag: -XepOpt:BlockingPutUnderLock:TimedSend=true (BlockingPutUnderLock has no"
                + " option TimedSend; its options are BlockingMethods, FailOnAnalysisError,"
                + " LockMethods, MaxCallContexts, MaxCallContextsForOneMethod, MaxChainDepth,"
                + " PluginPointBodies, TimedSends, Waits)"),
        BlockingPutUnderLockOptions.read(misspelt).errors());
  }

  /** Rollout is one flag for both checks, under the project's prefix, not a check's. */
  @Test
  void rolloutIsReadByBothChecks() {
    ErrorProneFlags rollout = flags(Map.of("Stallcheck:Rollout", "true"));

    assertTrue(BlockingPutUnderLockOptions.read(rollout).values().rollout());
    assertTrue(ReleaseOrderedByTimeoutOptions.read(rollout).values().rollout());
    assertTrue(BlockingPutUnderLockOptions.read(rollout).valid());
    assertTrue(ReleaseOrderedByTimeoutOptions.read(rollout).valid());
  }
}
