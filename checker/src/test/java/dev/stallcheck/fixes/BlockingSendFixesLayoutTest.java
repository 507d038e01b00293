package dev.stallcheck.fixes;

import static dev.stallcheck.fixes.ExactPatch.assertPatch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The exact text that patch mode writes for {@link BlockingSendFixes}: line breaks and indentation
 * as a careful engineer would write them, in files indented with two spaces, four spaces or tabs.
 * {@link BlockingSendFixesTest} compares after formatting, which hides layout; these compare
 * character for character what patch mode writes ({@link ExactPatch}, which also compiles it).
 */
class BlockingSendFixesLayoutTest {
  private static final int OFFER = 1;

  private static void refactorExactly(String input, String output) {
    assertPatch(OFFER, input, output);
  }

  private static void refactorExactly(int fix, String input, String output) {
    assertPatch(fix, input, output);
  }

  /** {@code source} with each leading group of four spaces turned into a tab. */
  private static String tabs(String source) {
    StringBuilder result = new StringBuilder();
    for (String line : source.split("\n", -1)) {
      int spaces = 0;
      while (spaces < line.length() && line.charAt(spaces) == ' ') {
        spaces++;
      }
      result.append("\t".repeat(spaces / 4)).append(line.substring(spaces / 4 * 4)).append('\n');
    }
    return result.substring(0, result.length() - 1);
  }

  @Test
  void tabsHelperConvertsLeadingGroupsOnly() {
    assertEquals("a\n\tb    c\n\t\t  d\n", tabs("a\n    b    c\n          d\n"));
  }

  // ---- Offer and throw ----

  @Test
  void replacementOfferTwoSpaces() {
    refactorExactly(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Object lock = new Object();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (lock) {
              q.clear();
              q.put(m);
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Object lock = new Object();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (lock) {
              q.clear();
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            }
          }
        }
        """);
  }

  private static final String TRY_REMOVED_INPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          private long windowStart;

          synchronized void record(BlockingQueue<String> snapshots, String snapshot, long now) {
              if (now > windowStart) {
                  windowStart = now;
                  try {
                      String framed =
                          "[" + snapshot + "]";
                      snapshots.put(framed
                          + "!");
                  } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                  }
              }
              snapshots.clear();
          }
      }
      """;

  private static final String TRY_REMOVED_OUTPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          private long windowStart;

          synchronized void record(BlockingQueue<String> snapshots, String snapshot, long now) {
              if (now > windowStart) {
                  windowStart = now;
                  String framed =
                      "[" + snapshot + "]";
                  if (!snapshots.offer(framed
                      + "!")) {
                      throw new IllegalStateException("snapshots is full");
                  }
              }
              snapshots.clear();
          }
      }
      """;

  @Test
  void replacementRemovedTrySplicesAtEnclosingIndentationFourSpaces() {
    refactorExactly(TRY_REMOVED_INPUT, TRY_REMOVED_OUTPUT);
  }

  @Test
  void replacementRemovedTrySplicesAtEnclosingIndentationTabs() {
    refactorExactly(tabs(TRY_REMOVED_INPUT), tabs(TRY_REMOVED_OUTPUT));
  }

  @Test
  void replacementRemovedOneLineTry() {
    refactorExactly(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try { q.put(m); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            if (!q.offer(m)) {
              throw new IllegalStateException("q is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementRemovedCatchBeforeFinallyKeepsOneSpace() {
    refactorExactly(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
            synchronized void send(BlockingQueue<String> q, String m) {
                try {
                    q.put(m);
                } catch (InterruptedException e) { Thread.currentThread().interrupt(); } finally {
                    q.clear();
                }
            }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
            synchronized void send(BlockingQueue<String> q, String m) {
                try {
                    if (!q.offer(m)) {
                        throw new IllegalStateException("q is full");
                    }
                } finally {
                    q.clear();
                }
            }
        }
        """);
  }

  private static final String TIMED_INPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
              try {
                  q.put(m);
              } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
              }
          }
      }
      """;

  private static final String TIMED_OUTPUT =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.TimeUnit;
      class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
              try {
                  if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                      throw new IllegalStateException("q is still full after 100 ms");
                  }
              } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
              }
          }
      }
      """;

  @Test
  void replacementTimedOfferFourSpaces() {
    refactorExactly(2, TIMED_INPUT, TIMED_OUTPUT);
  }

  @Test
  void replacementTimedOfferTabs() {
    refactorExactly(2, tabs(TIMED_INPUT), tabs(TIMED_OUTPUT));
  }

  // ---- Statements that need a block of their own ----

  private static final String UNBRACED_INPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          synchronized void send(BlockingQueue<String> q, String m, boolean urgent, int n)
                  throws InterruptedException {
              if (urgent) q.put(m); else q.clear();
              if (urgent)
                  q.put(m);
              if (n > 1) {
                  q.clear();
              } else
                  q.put(m);
              while (n-- > 0)
                  q.put(m);
              for (int i = 0; i < n; i++) // one per slot
                  q.put(m);
          }
      }
      """;

  private static final String UNBRACED_OUTPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          synchronized void send(BlockingQueue<String> q, String m, boolean urgent, int n)
                  throws InterruptedException {
              if (urgent) {
                  if (!q.offer(m)) {
                      throw new IllegalStateException("q is full");
                  }
              } else q.clear();
              if (urgent) {
                  if (!q.offer(m)) {
                      throw new IllegalStateException("q is full");
                  }
              }
              if (n > 1) {
                  q.clear();
              } else {
                  if (!q.offer(m)) {
                      throw new IllegalStateException("q is full");
                  }
              }
              while (n-- > 0) {
                  if (!q.offer(m)) {
                      throw new IllegalStateException("q is full");
                  }
              }
              for (int i = 0; i < n; i++) // one per slot
                  {
                      if (!q.offer(m)) {
                          throw new IllegalStateException("q is full");
                      }
                  }
          }
      }
      """;

  @Test
  void replacementUnbracedBodiesGetBlocksFourSpaces() {
    // A comment between the loop header and its body stays where it is: the block opens on the
    // body's own line rather than inside the comment.
    refactorExactly(UNBRACED_INPUT, UNBRACED_OUTPUT);
  }

  @Test
  void replacementUnbracedBodiesGetBlocksTabs() {
    refactorExactly(tabs(UNBRACED_INPUT), tabs(UNBRACED_OUTPUT));
  }

  @Test
  void replacementCaseArmsTwoSpaces() {
    refactorExactly(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, int kind) throws InterruptedException {
            switch (kind) {
              case 1 -> q.put("one");
              case 2 ->
                  q.put("two");
              default -> q.clear();
            }
            switch (kind) {
              case 3:
                q.put("three");
                break;
              default:
                q.clear();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, int kind) throws InterruptedException {
            switch (kind) {
              case 1 -> {
                if (!q.offer("one")) {
                  throw new IllegalStateException("q is full");
                }
              }
              case 2 -> {
                if (!q.offer("two")) {
                  throw new IllegalStateException("q is full");
                }
              }
              default -> q.clear();
            }
            switch (kind) {
              case 3:
                if (!q.offer("three")) {
                  throw new IllegalStateException("q is full");
                }
                break;
              default:
                q.clear();
            }
          }
        }
        """);
  }

  private static final String LAMBDA_INPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          interface Sink<T> {
              void accept(T t) throws InterruptedException;
          }

          synchronized Sink<String> sink(BlockingQueue<String> q) {
              return x -> q.put(x);
          }

          synchronized Sink<String> framed(BlockingQueue<String> q) {
              return x ->
                      q.put("[" + x + "]");
          }
      }
      """;

  private static final String LAMBDA_OUTPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          interface Sink<T> {
              void accept(T t) throws InterruptedException;
          }

          synchronized Sink<String> sink(BlockingQueue<String> q) {
              return x -> {
                  if (!q.offer(x)) {
                      throw new IllegalStateException("q is full");
                  }
              };
          }

          synchronized Sink<String> framed(BlockingQueue<String> q) {
              return x -> {
                  if (!q.offer("[" + x + "]")) {
                      throw new IllegalStateException("q is full");
                  }
              };
          }
      }
      """;

  @Test
  void replacementLambdaBodiesBecomeBlocksFourSpaces() {
    refactorExactly(LAMBDA_INPUT, LAMBDA_OUTPUT);
  }

  @Test
  void replacementLambdaBodiesBecomeBlocksTabs() {
    refactorExactly(tabs(LAMBDA_INPUT), tabs(LAMBDA_OUTPUT));
  }

  // ---- Send after unlock ----

  private static final String MONITOR_MOVE_INPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          private final Object lock = new Object();
          private int sent;

          void send(BlockingQueue<String> q, String m) throws InterruptedException {
              synchronized (lock) {
                  sent++;
                  q.put(
                      m);
              }
              sent--;
          }
      }
      """;

  private static final String MONITOR_MOVE_OUTPUT =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
          private final Object lock = new Object();
          private int sent;

          void send(BlockingQueue<String> q, String m) throws InterruptedException {
              synchronized (lock) {
                  sent++;
              }
              q.put(
                  m);
              sent--;
          }
      }
      """;

  @Test
  void replacementSendAfterMonitorFourSpaces() {
    refactorExactly(2, MONITOR_MOVE_INPUT, MONITOR_MOVE_OUTPUT);
  }

  @Test
  void replacementSendAfterMonitorTabs() {
    refactorExactly(2, tabs(MONITOR_MOVE_INPUT), tabs(MONITOR_MOVE_OUTPUT));
  }

  @Test
  void replacementSendAfterMonitorOnOneLine() {
    refactorExactly(
        2,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (this) { q.clear(); q.put(m); }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (this) { q.clear(); }
            q.put(m);
          }
        }
        """);
  }

  private static final String UNLOCK_MOVE_INPUT =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.locks.Lock;
      class Test {
          private int sent;

          void send(Lock lock, BlockingQueue<String> q, String m) throws InterruptedException {
              lock.lock();
              sent++;
              q.put(m);
              lock.unlock(); // before the send
              sent--;
          }
      }
      """;

  private static final String UNLOCK_MOVE_OUTPUT =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.locks.Lock;
      class Test {
          private int sent;

          void send(Lock lock, BlockingQueue<String> q, String m) throws InterruptedException {
              lock.lock();
              sent++;
              lock.unlock(); // before the send
              q.put(m);
              sent--;
          }
      }
      """;

  @Test
  void replacementSendAfterUnlockKeepsTheUnlocksCommentFourSpaces() {
    // Without a finally, a throw would leave the lock held: the move is the only fix.
    refactorExactly(UNLOCK_MOVE_INPUT, UNLOCK_MOVE_OUTPUT);
  }

  @Test
  void replacementSendAfterUnlockKeepsTheUnlocksCommentTabs() {
    refactorExactly(tabs(UNLOCK_MOVE_INPUT), tabs(UNLOCK_MOVE_OUTPUT));
  }
}
