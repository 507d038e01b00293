package demo.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands attachments to the virus scanner thread, one at a time, while enforcing a per-user quota
 * of bytes in flight.
 */
public final class AttachmentRelay {
  private final ReentrantLock quotaLock = new ReentrantLock();
  private final Map<String, Long> bytesInFlight = new HashMap<>();
  private final SynchronousQueue<Upload> toScanner = new SynchronousQueue<>();
  private final long maxBytesPerUser;

  public AttachmentRelay(long maxBytesPerUser) {
    this.maxBytesPerUser = maxBytesPerUser;
  }

  /** Returns false when the user is over quota. */
  public boolean submit(Upload upload) throws InterruptedException {
    quotaLock.lock();
    try {
      long pending = bytesInFlight.getOrDefault(upload.userId(), 0L);
      if (pending + upload.content().length > maxBytesPerUser) {
        return false;
      }
      bytesInFlight.put(upload.userId(), pending + upload.content().length);
      toScanner.put(upload);
      return true;
    } finally {
      quotaLock.unlock();
    }
  }

  /** Called by the scanner thread. */
  public Upload next() throws InterruptedException {
    return toScanner.take();
  }

  /** Called by the scanner thread once an upload is scanned. */
  public void done(Upload upload) {
    quotaLock.lock();
    try {
      bytesInFlight.computeIfPresent(upload.userId(), (user, bytes) -> bytes - upload.content().length);
    } finally {
      quotaLock.unlock();
    }
  }
}
