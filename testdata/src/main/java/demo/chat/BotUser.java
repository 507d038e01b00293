package demo.chat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** A server-side participant (moderation, reminders) that reads messages from its own inbox. */
public final class BotUser implements User {
  private final String id;
  private final BlockingQueue<ChatMessage> inbox = new LinkedBlockingQueue<>();
  private final Thread worker;

  public BotUser(String id, Consumer<ChatMessage> behaviour) {
    this.id = id;
    this.worker = new Thread(() -> drain(behaviour), "bot-" + id);
    this.worker.setDaemon(true);
  }

  public void start() {
    worker.start();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void sendMsg(ChatMessage msg) {
    try {
      inbox.put(msg);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void notifyTyping(String roomId, String userId) {
    // Bots do not care who is typing.
  }

  private void drain(Consumer<ChatMessage> behaviour) {
    try {
      while (true) {
        behaviour.accept(inbox.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
