package demo.pool;

/** No connection became free within the acquire timeout. */
public final class PoolExhaustedException extends Exception {
  private static final long serialVersionUID = 1L;

  public PoolExhaustedException(String message) {
    super(message);
  }
}
