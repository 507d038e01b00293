package demo.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Groups samples into batches for the exporter. If the exporter falls behind, whole batches are
 * dropped and counted: losing some samples is better than stalling the code that records them.
 */
public final class MetricBatcher {
  private final int batchSize;
  private final BlockingQueue<List<Sample>> batches = new ArrayBlockingQueue<>(16);
  private List<Sample> pending = new ArrayList<>();
  private long droppedBatches;

  public MetricBatcher(int batchSize) {
    this.batchSize = batchSize;
  }

  public synchronized void add(Sample sample) {
    pending.add(sample);
    if (pending.size() >= batchSize) {
      if (!batches.offer(pending)) {
        droppedBatches++;
      }
      pending = new ArrayList<>();
    }
  }

  public synchronized long droppedBatches() {
    return droppedBatches;
  }

  /** Called by the exporter thread. */
  public List<Sample> nextBatch() throws InterruptedException {
    return batches.take();
  }
}
