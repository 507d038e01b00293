package demo.chat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Routes chat traffic between rooms and the users in them. Membership changes take the write lock;
 * deliveries take the read lock so that rooms cannot change under them.
 */
public final class ChatGateway {
  private final ReadWriteLock roomsLock = new ReentrantReadWriteLock();
  private final Map<String, Room> rooms = new HashMap<>();
  private final Executor notifications;

  public ChatGateway(Executor notifications) {
    this.notifications = notifications;
  }

  public void join(String roomId, User user) {
    roomsLock.writeLock().lock();
    try {
      rooms.computeIfAbsent(roomId, Room::new).add(user);
      ChatMessage welcome = ChatMessage.system(roomId, "Welcome to " + roomId + ", " + user.id());
      notifications.execute(() -> user.sendMsg(welcome));
    } finally {
      roomsLock.writeLock().unlock();
    }
  }

  public void leave(String roomId, String userId) {
    roomsLock.writeLock().lock();
    try {
      Room room = rooms.get(roomId);
      if (room != null && room.remove(userId) && room.isEmpty()) {
        rooms.remove(roomId);
      }
    } finally {
      roomsLock.writeLock().unlock();
    }
  }

  /** Delivers a message to everyone in the room, in the order messages are posted. */
  public void broadcastToRoom(String roomId, ChatMessage msg) {
    roomsLock.readLock().lock();
    try {
      Room room = rooms.get(roomId);
      if (room == null) {
        return;
      }
      for (User user : room.members()) {
        user.sendMsg(msg);
      }
    } finally {
      roomsLock.readLock().unlock();
    }
  }

  /** Announces something to a room; a slow member delays the announcement, not the gateway. */
  public void sendSystemNotice(String roomId, String text) {
    List<User> recipients;
    roomsLock.readLock().lock();
    try {
      Room room = rooms.get(roomId);
      recipients = room == null ? List.of() : room.snapshot();
    } finally {
      roomsLock.readLock().unlock();
    }
    ChatMessage notice = ChatMessage.system(roomId, text);
    for (User user : recipients) {
      user.sendMsg(notice);
    }
  }

  /** Shows a typing indicator to the other members of a room. */
  public void typing(String roomId, String userId) {
    roomsLock.readLock().lock();
    try {
      Room room = rooms.get(roomId);
      if (room == null) {
        return;
      }
      for (User user : room.members()) {
        if (!user.id().equals(userId)) {
          user.notifyTyping(roomId, userId);
        }
      }
    } finally {
      roomsLock.readLock().unlock();
    }
  }
}
