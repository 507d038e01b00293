package demo.chat;

import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wires the gateway to accepted client sockets. */
public final class ChatServer {
  private final ExecutorService notifications = Executors.newFixedThreadPool(2);
  private final ChatGateway gateway = new ChatGateway(notifications);
  private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();

  /** Called by the websocket layer once a client has authenticated. */
  public User accept(String userId, OutputStream socket) {
    Connection connection = new Connection(userId, socket);
    Connection previous = connections.put(userId, connection);
    if (previous != null) {
      previous.close();
    }
    connection.start();
    return new UserDevice(userId, connection);
  }

  public void disconnect(String userId) {
    Connection connection = connections.remove(userId);
    if (connection != null) {
      connection.close();
    }
  }

  public ChatGateway gateway() {
    return gateway;
  }

  public void shutdown() {
    notifications.shutdownNow();
    connections.values().forEach(Connection::close);
  }
}
