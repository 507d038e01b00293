package demo.chat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands new avatars to the resizing thread. A user has at most one avatar being resized; the
 * hand-off waits for the resizer outside the lock, so other users are never held up by it.
 */
public final class AvatarResizer {
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<String> resizing = new HashSet<>();
  private final SynchronousQueue<Upload> toResizer = new SynchronousQueue<>();

  /** Returns false when this user's previous avatar is still being resized. */
  public boolean submit(Upload avatar) throws InterruptedException {
    lock.lock();
    try {
      if (!resizing.add(avatar.userId())) {
        return false;
      }
    } finally {
      lock.unlock();
    }
    toResizer.put(avatar);
    return true;
  }

  /** Called by the resizing thread. */
  public Upload next() throws InterruptedException {
    return toResizer.take();
  }

  /** Called by the resizing thread when an avatar is done. */
  public void done(Upload avatar) {
    lock.lock();
    try {
      resizing.remove(avatar.userId());
    } finally {
      lock.unlock();
    }
  }
}
