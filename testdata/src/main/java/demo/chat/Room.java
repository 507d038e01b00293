package demo.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chat room. Not thread-safe: {@link ChatGateway} guards every room with its rooms lock. */
final class Room {
  private final String id;
  private final Map<String, User> members = new LinkedHashMap<>();

  Room(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  void add(User user) {
    members.put(user.id(), user);
  }

  boolean remove(String userId) {
    return members.remove(userId) != null;
  }

  Iterable<User> members() {
    return members.values();
  }

  List<User> snapshot() {
    return List.copyOf(members.values());
  }

  boolean isEmpty() {
    return members.isEmpty();
  }
}
