package demo.chat;

import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A client's websocket connection. Frames are queued on a small bounded queue and written to the
 * socket by a dedicated writer thread.
 */
final class Connection {
  /** Frames a client may have pending before the writer applies back-pressure. */
  static final int WRITE_QUEUE_CAPACITY = 10;

  private final String peer;
  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(WRITE_QUEUE_CAPACITY);
  private final Thread writerThread;

  Connection(String peer, OutputStream socket) {
    this.peer = peer;
    this.writerThread = new Thread(new SocketWriter(peer, writer, socket), "ws-writer-" + peer);
    this.writerThread.setDaemon(true);
  }

  void start() {
    writerThread.start();
  }

  /** Queues a frame, waiting while the client is behind. */
  void write(byte[] data) {
    try {
      writer.put(data);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionClosedException("interrupted while writing to " + peer, e);
    }
  }

  /** Queues a frame unless the client is behind; returns whether it was queued. */
  boolean tryWrite(byte[] data) {
    return writer.offer(data);
  }

  int pendingFrames() {
    return writer.size();
  }

  void close() {
    writerThread.interrupt();
  }
}
