package dev.stallcheck.summary;

import dev.stallcheck.text.Listing;
import java.util.List;
import java.util.function.Function;

/**
 * The message of a call, made under locks, that may block further down: names the call, the locks
 * that stay held (with where each was taken), and the chain down to the blocking operation.
 */
public final class IndirectSendMessage {
  private IndirectSendMessage() {}

  /**
   * For example "`user.sendMsg(msg)` can block while `lock.readLock()` (line 31) is held:
   * UserDevice.sendMsg → Connection.write → `writer.put(data)` (Connection.java:21)", then for a
   * chain of two methods or more one line per step ("UserDevice.sendMsg calls Connection.write at
   * UserDevice.java:12").
   *
   * @param describe how a held lock is introduced, e.g. "`lock.readLock()` (line 31)"
   * @param name how a held lock is named again after a wait, e.g. "`monitor`"
   */
  public static <T> String of(
      String call,
      Stall<T> stall,
      Function<? super T, String> describe,
      Function<? super T, String> name) {
    List<T> held = stall.stayingHeld();
    String locks = Listing.of(held.stream().map(describe).toList());
    StringBuilder message =
        new StringBuilder("`")
            .append(call)
            .append("` can block while ")
            .append(locks)
            .append(held.size() == 1 ? " is held: " : " are held: ")
            .append(stall.chain().describe());
    if (stall.chain().operation().kind() == BlockingOperation.Kind.WAIT) {
      message
          .append(" while ")
          .append(Listing.of(held.stream().map(name).toList()))
          .append(held.size() == 1 ? " stays held" : " stay held");
    }
    // The first line stands alone; the lines after it give every step, for checking each edge.
    for (String hop : stall.chain().hops()) {
      message.append("\n  ").append(hop);
    }
    return message.toString();
  }
}
