package demo.metrics;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Keeps rare operational events (deploys, failovers, config reloads) in order for the audit log
 * writer. Events are few, so the queue is unbounded.
 */
public final class EventJournal {
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private long sequence;

  public synchronized long append(String event) {
    sequence++;
    try {
      events.put(sequence + " " + event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return sequence;
  }

  /** Called by the audit log writer. */
  public String next() throws InterruptedException {
    return events.take();
  }
}
