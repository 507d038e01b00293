package demo.chat;

/** The peer's connection was closed while a frame was being queued for it. */
public final class ConnectionClosedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConnectionClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
