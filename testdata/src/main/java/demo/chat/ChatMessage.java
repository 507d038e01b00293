package demo.chat;

import java.time.Instant;
import java.util.Objects;

/** One message posted to a room. */
public record ChatMessage(String roomId, String from, String text, Instant sentAt) {
  public ChatMessage {
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
  }

  /** A message from the server itself, e.g. a join notice. */
  public static ChatMessage system(String roomId, String text) {
    return new ChatMessage(roomId, "system", text, Instant.now());
  }
}
