package demo.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;

/**
 * Drains a connection's outbound queue onto its socket. One per connection, on its own thread, so
 * a slow client never slows the code that produces its frames.
 */
final class SocketWriter implements Runnable {
  private final String peer;
  private final BlockingQueue<byte[]> outbound;
  private final OutputStream socket;

  SocketWriter(String peer, BlockingQueue<byte[]> outbound, OutputStream socket) {
    this.peer = peer;
    this.outbound = outbound;
    this.socket = socket;
  }

  @Override
  public void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        byte[] frame = outbound.take();
        socket.write(frame);
        socket.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("writer for " + peer + " stopped: " + e.getMessage());
    }
  }
}
