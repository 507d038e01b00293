package demo.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Raises an alert when a metric crosses its threshold, once per crossing. Alerts go to the pager
 * outbox from a separate executor, so a slow pager never holds up metric evaluation.
 */
public final class AlertNotifier {
  private final Lock stateLock = new ReentrantLock();
  private final Map<String, Double> thresholds = new HashMap<>();
  private final Map<String, Boolean> firing = new HashMap<>();
  private final BlockingQueue<String> pagerOutbox = new ArrayBlockingQueue<>(32);
  private final Executor alertSender;

  public AlertNotifier(Executor alertSender) {
    this.alertSender = alertSender;
  }

  public void setThreshold(String metric, double threshold) {
    stateLock.lock();
    try {
      thresholds.put(metric, threshold);
    } finally {
      stateLock.unlock();
    }
  }

  public void evaluate(Sample sample) {
    stateLock.lock();
    try {
      Double threshold = thresholds.get(sample.name());
      if (threshold == null) {
        return;
      }
      boolean above = sample.value() > threshold;
      boolean wasFiring = firing.getOrDefault(sample.name(), false);
      firing.put(sample.name(), above);
      if (above && !wasFiring) {
        String alert = sample.name() + " is " + sample.value() + ", above " + threshold;
        alertSender.execute(
            () -> {
              try {
                pagerOutbox.put(alert);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
    } finally {
      stateLock.unlock();
    }
  }

  /** Called by the pager integration. */
  public String nextAlert() throws InterruptedException {
    return pagerOutbox.take();
  }
}
