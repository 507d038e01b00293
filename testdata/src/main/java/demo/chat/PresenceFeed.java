package demo.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Tracks who is online and feeds presence announcements to the push-notification worker, which
 * takes them one at a time and may be slow or reconnecting.
 */
public final class PresenceFeed {
  private final ReentrantReadWriteLock statusLock = new ReentrantReadWriteLock();
  private final Map<String, Boolean> online = new HashMap<>();
  private final BlockingQueue<String> pushQueue = new ArrayBlockingQueue<>(256);
  private final AtomicLong droppedAnnouncements = new AtomicLong();

  public void setOnline(String userId, boolean isOnline) {
    statusLock.writeLock().lock();
    try {
      online.put(userId, isOnline);
    } finally {
      statusLock.writeLock().unlock();
    }
  }

  /** Re-announces every online user, after the push worker reconnects. */
  public void replay() throws InterruptedException {
    statusLock.readLock().lock();
    try {
      for (Map.Entry<String, Boolean> entry : online.entrySet()) {
        if (entry.getValue()) {
          pushQueue.put(entry.getKey());
        }
      }
    } finally {
      statusLock.readLock().unlock();
    }
  }

  /** Announces one user; when the worker is behind, the announcement is dropped and counted. */
  public boolean announce(String userId) {
    statusLock.readLock().lock();
    try {
      if (!Boolean.TRUE.equals(online.get(userId))) {
        return false;
      }
      if (!pushQueue.offer(userId)) {
        droppedAnnouncements.incrementAndGet();
        return false;
      }
      return true;
    } finally {
      statusLock.readLock().unlock();
    }
  }

  /** The push worker's side. */
  public String nextAnnouncement() throws InterruptedException {
    return pushQueue.take();
  }

  public long droppedAnnouncements() {
    return droppedAnnouncements.get();
  }
}
