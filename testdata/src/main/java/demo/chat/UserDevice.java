package demo.chat;

/** A person connected from a browser or phone, reached through its websocket connection. */
public final class UserDevice implements User {
  private final String id;
  private final Connection connection;

  UserDevice(String id, Connection connection) {
    this.id = id;
    this.connection = connection;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void sendMsg(ChatMessage msg) {
    connection.write(MessageCodec.encode(msg));
  }

  @Override
  public void notifyTyping(String roomId, String userId) {
    if (!connection.tryWrite(MessageCodec.typing(roomId, userId))) {
      // Typing indicators are stale a second later: drop them rather than wait for a slow client.
      System.err.println("dropped typing indicator for " + id + ", " + connection.pendingFrames() + " frames pending");
    }
  }
}
