package demo.chat;

import java.nio.charset.StandardCharsets;

/** Encodes messages as the JSON text frames the web client expects. */
final class MessageCodec {
  private MessageCodec() {}

  static byte[] encode(ChatMessage msg) {
    String json =
        "{\"type\":\"message\",\"room\":"
            + quote(msg.roomId())
            + ",\"from\":"
            + quote(msg.from())
            + ",\"text\":"
            + quote(msg.text())
            + ",\"at\":"
            + msg.sentAt().toEpochMilli()
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] typing(String roomId, String userId) {
    String json = "{\"type\":\"typing\",\"room\":" + quote(roomId) + ",\"user\":" + quote(userId) + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
