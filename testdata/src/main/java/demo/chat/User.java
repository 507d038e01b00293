package demo.chat;

/** Someone connected to the gateway: a person on a device, or a bot. */
public interface User {
  String id();

  /** Delivers a chat message to this user. */
  void sendMsg(ChatMessage msg);

  /** Tells this user that someone is typing in a room; best effort. */
  void notifyTyping(String roomId, String userId);
}
