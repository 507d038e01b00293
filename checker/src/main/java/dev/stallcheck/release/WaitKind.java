package dev.stallcheck.release;

/**
 * What a blocking wait tells its caller when it returns, which decides what orders code after it.
 */
enum WaitKind {
  /** Waits until the task is done: code after it is ordered after everything the task did. */
  UNTIMED,
  /** Timed; on timeout returns {@code false} ({@code CountDownLatch.await(t, u)}, ...). */
  TIMED_RETURNS_FALSE,
  /** Timed; on timeout returns {@code null} ({@code BlockingQueue.poll(t, u)}). */
  TIMED_RETURNS_NULL,
  /** Timed; on timeout throws {@code TimeoutException} ({@code Future.get(t, u)}). */
  TIMED_THROWS_TIMEOUT,
  /**
   * Timed; on timeout throws the exception class the call is given (Guava's {@code
   * Futures.getChecked(f, X.class, t, u)}).
   */
  TIMED_THROWS_GIVEN,
  /**
   * Timed through {@code orTimeout}; the {@code join()} then throws {@code CompletionException}.
   */
  TIMED_THROWS_COMPLETION,
  /** Timed through {@code orTimeout}; the {@code get()} then throws {@code ExecutionException}. */
  TIMED_THROWS_EXECUTION,
  /** Timed, and returns normally either way ({@code Thread.join(ms)}, {@code Thread.sleep}). */
  TIMED_SILENT;

  boolean isTimed() {
    return this != UNTIMED;
  }

  /** Whether a timeout is signalled by an exception, not by a value or nothing. */
  boolean throwsOnTimeout() {
    return this == TIMED_THROWS_GIVEN || timeoutException() != null;
  }

  /**
   * The exception that signals the timeout, for the kinds that throw one class whatever the call;
   * null for the others ({@link #TIMED_THROWS_GIVEN}'s is read off its call).
   */
  String timeoutException() {
    return switch (this) {
      case TIMED_THROWS_TIMEOUT -> "java.util.concurrent.TimeoutException";
      case TIMED_THROWS_COMPLETION -> "java.util.concurrent.CompletionException";
      case TIMED_THROWS_EXECUTION -> "java.util.concurrent.ExecutionException";
      default -> null;
    };
  }
}
