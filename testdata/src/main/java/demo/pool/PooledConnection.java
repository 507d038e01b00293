package demo.pool;

/** A database connection lent out by {@link ConnectionPool}; give it back with {@code release}. */
public final class PooledConnection {
  private final int slot;
  private long queries;

  PooledConnection(int slot) {
    this.slot = slot;
  }

  /** Runs a query and returns its result rendered as text. */
  public String execute(String sql) {
    queries++;
    return "slot " + slot + " ran #" + queries + ": " + sql;
  }

  int slot() {
    return slot;
  }
}
