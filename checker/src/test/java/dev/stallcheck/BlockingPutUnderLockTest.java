package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Identification tests for BlockingPutUnderLock: each rule with its positives and negatives side by
 * side. Analysis errors fail the test (FailOnAnalysisError) instead of silently meaning "no
 * finding".
 */
final class BlockingPutUnderLockTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  @Test
  void identificationMessage() {
    helper
        .addSourceLines(
            "Gateway.java",
            "import java.util.concurrent.ArrayBlockingQueue;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.locks.ReadWriteLock;",
            "import java.util.concurrent.locks.ReentrantReadWriteLock;",
            "class Gateway {",
            "  private final ReadWriteLock membersLock = new ReentrantReadWriteLock();",
            "  private final BlockingQueue<byte[]> writer = new ArrayBlockingQueue<>(10);",
            "  void broadcast(byte[] data) throws InterruptedException {",
            "    membersLock.readLock().lock();",
            "    try {",
            "      // BUG: Diagnostic matches: MSG",
            "      writer.put(data);",
            "    } finally {",
            "      membersLock.readLock().unlock();",
            "    }",
            "    writer.put(data);",
            "  }",
            "}")
        .expectErrorMessage(
            "MSG",
            s ->
                s.contains(
                    "`writer.put(data)` can block while `membersLock.readLock()` (taken at line 9)"
                        + " is held; a full queue then stalls every thread that needs that lock"))
        .doTest();
  }

  @Test
  void identificationMessageManyLocks() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final Object monitor = new Object();",
            "  private final Lock lock = new ReentrantLock();",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  synchronized void send(String s) throws InterruptedException {",
            "    synchronized (monitor) {",
            "      lock.lock();",
            "      try {",
            "        // BUG: Diagnostic contains: `q.put(s)` can block while `this` (synchronized"
                + " method, line 7), `monitor` (taken at line 8) and `lock` (taken at line 9) are"
                + " held; a full queue then stalls every thread that needs those locks",
            "        q.put(s);",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "    }",
            "  }",
            "  static synchronized void sendStatic(BlockingQueue<String> q) throws Exception {",
            "    // BUG: Diagnostic contains: `Test.class` (synchronized method, line 18)",
            "    q.put(\"x\");",
            "  }",
            "  synchronized int pending() {",
            "    synchronized (monitor) {",
            "      lock.lock();",
            "      try {",
            "        return q.size();",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationSendMethods() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  /** A queue subclass: its put override is a blocking send too. */",
            "  static class MyQueue extends ArrayBlockingQueue<String> {",
            "    MyQueue() { super(4); }",
            "    @Override public void put(String s) throws InterruptedException { super.put(s); }",
            "  }",
            "  /** Named like a queue, but no BlockingQueue: never a send. */",
            "  static class Mailbox {",
            "    void put(String s) {}",
            "    void transfer(String s) {}",
            "  }",
            "  void run(BlockingQueue<String> q, BlockingDeque<String> d, TransferQueue<String> t,",
            "      MyQueue mine, Mailbox box, Map<String, String> map, Queue<String> plain)",
            "      throws InterruptedException {",
            "    synchronized (this) {",
            "      // BUG: Diagnostic contains: `q.put(\"a\")` can block",
            "      q.put(\"a\");",
            "      // BUG: Diagnostic contains: `d.put(\"a\")`",
            "      d.put(\"a\");",
            "      // BUG: Diagnostic contains: `d.putFirst(\"a\")`",
            "      d.putFirst(\"a\");",
            "      // BUG: Diagnostic contains: `d.putLast(\"a\")`",
            "      d.putLast(\"a\");",
            "      // BUG: Diagnostic contains: until a consumer takes the element",
            "      t.transfer(\"a\");",
            "      // BUG: Diagnostic contains: `mine.put(\"a\")`",
            "      mine.put(\"a\");",
            "      q.offer(\"a\");",
            "      q.add(\"a\");",
            "      d.offerFirst(\"a\");",
            "      d.addLast(\"a\");",
            "      t.tryTransfer(\"a\");",
            "      map.put(\"a\", \"b\");",
            "      box.put(\"a\");",
            "      box.transfer(\"a\");",
            "      plain.offer(\"a\");",
            "      q.take();",
            "    }",
            "  }",
            "  synchronized int pending(BlockingQueue<String> q) { return q.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationSynchronousQueue() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final SynchronousQueue<String> handoff = new SynchronousQueue<>();",
            "  private final BlockingQueue<String> viaInterface = new SynchronousQueue<>();",
            "  private final BlockingQueue<String> bounded = new ArrayBlockingQueue<>(2);",
            "  synchronized void send(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `handoff.put(s)` always blocks until another thread"
                + " takes the element (a SynchronousQueue has no capacity), and `this`"
                + " (synchronized method, line 6) stays held meanwhile; every thread that needs"
                + " that lock stalls until a taker arrives",
            "    handoff.put(s);",
            "    // BUG: Diagnostic contains: always blocks until another thread takes",
            "    viaInterface.put(s);",
            "    // BUG: Diagnostic contains: a full queue then stalls",
            "    bounded.put(s);",
            "    handoff.offer(s);",
            "  }",
            "  synchronized int pending() { return bounded.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationUnboundedQueues() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  static class Job implements Delayed {",
            "    public long getDelay(TimeUnit u) { return 0; }",
            "    public int compareTo(Delayed o) { return 0; }",
            "  }",
            "  private final BlockingQueue<String> unboundedFinal = new LinkedBlockingQueue<>();",
            "  private final BlockingQueue<String> maxFinal ="
                + " new LinkedBlockingQueue<>(Integer.MAX_VALUE);",
            "  private final BlockingDeque<String> unboundedDeque = new LinkedBlockingDeque<>();",
            "  private final BlockingQueue<String> fromCollection ="
                + " new LinkedBlockingQueue<>(List.of(\"a\"));",
            "  private final BlockingQueue<String> boundedFinal = new LinkedBlockingQueue<>(100);",
            "  private final BlockingQueue<String> priorityViaInterface ="
                + " new PriorityBlockingQueue<>(11);",
            "  private BlockingQueue<String> privateReassigned = new LinkedBlockingQueue<>();",
            "  private BlockingQueue<String> privateOnlyUnbounded = new LinkedBlockingQueue<>();",
            "  BlockingQueue<String> packagePrivateField = new LinkedBlockingQueue<>();",
            "  protected BlockingQueue<String> protectedField = new LinkedBlockingQueue<>();",
            "  private final BlockingQueue<String> fromConstructor;",
            "  private final TransferQueue<String> transfers = new LinkedTransferQueue<>();",
            "  Test(BlockingQueue<String> q) { fromConstructor = q; }",
            "  void resize() { privateReassigned = new ArrayBlockingQueue<>(1); }",
            "  void reset() { privateOnlyUnbounded = new LinkedBlockingQueue<>(); }",
            "  BlockingQueue<String> getter() { return boundedFinal; }",
            "  synchronized void send(String s, PriorityBlockingQueue<String> pq,",
            "      DelayQueue<Job> dq, LinkedTransferQueue<String> ltq, BlockingQueue<String> param)",
            "      throws InterruptedException {",
            "    pq.put(s);",
            "    dq.put(new Job());",
            "    ltq.put(s);",
            "    // BUG: Diagnostic contains: until a consumer takes the element",
            "    ltq.transfer(s);",
            "    unboundedFinal.put(s);",
            "    maxFinal.put(s);",
            "    unboundedDeque.putFirst(s);",
            "    fromCollection.put(s);",
            "    this.unboundedFinal.put(s);",
            "    priorityViaInterface.put(s);",
            "    transfers.put(s);",
            "    // BUG: Diagnostic contains: `transfers.transfer(s)`",
            "    transfers.transfer(s);",
            "    privateOnlyUnbounded.put(s);",
            "    // BUG: Diagnostic contains: `boundedFinal.put(s)`",
            "    boundedFinal.put(s);",
            "    // BUG: Diagnostic contains: `privateReassigned.put(s)`",
            "    privateReassigned.put(s);",
            "    // Every assignment of a package-private field is in the compilation: unbounded.",
            "    packagePrivateField.put(s);",
            "    // BUG: Diagnostic contains: `protectedField.put(s)`",
            "    protectedField.put(s);",
            "    // BUG: Diagnostic contains: `fromConstructor.put(s)`",
            "    fromConstructor.put(s);",
            "    // BUG: Diagnostic contains: `param.put(s)`",
            "    param.put(s);",
            "    // BUG: Diagnostic contains: `getter().put(s)`",
            "    getter().put(s);",
            "    BlockingQueue<String> local = new LinkedBlockingQueue<>();",
            "    local.put(s);",
            "    var inferred = new LinkedBlockingDeque<String>();",
            "    inferred.putLast(s);",
            "    BlockingQueue<String> localBounded = new LinkedBlockingQueue<>(5);",
            "    // BUG: Diagnostic contains: `localBounded.put(s)`",
            "    localBounded.put(s);",
            "    BlockingQueue<String> maybe = new LinkedBlockingQueue<>();",
            "    if (s.isEmpty()) { maybe = param; }",
            "    // BUG: Diagnostic contains: `maybe.put(s)`",
            "    maybe.put(s);",
            "  }",
            "  synchronized int pending() { return boundedFinal.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationTimedSendsOffByDefault() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  synchronized void send(BlockingDeque<String> q, TransferQueue<String> t)",
            "      throws InterruptedException {",
            "    q.offer(\"a\", 1, TimeUnit.SECONDS);",
            "    q.offerFirst(\"a\", 1, TimeUnit.SECONDS);",
            "    t.tryTransfer(\"a\", 1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTimedSendsOption() {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:TimedSends=true")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final BlockingQueue<String> unbounded = new LinkedBlockingQueue<>();",
            "  synchronized void send(BlockingDeque<String> q, TransferQueue<String> t)",
            "      throws InterruptedException {",
            "    // BUG: Diagnostic contains: `q.offer(\"a\", 1, TimeUnit.SECONDS)` can wait for its"
                + " whole timeout while `this` (synchronized method, line 4) is held; every thread"
                + " that needs that lock stalls meanwhile",
            "    q.offer(\"a\", 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: can wait for its whole timeout",
            "    q.offerLast(\"a\", 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: can wait for its whole timeout",
            "    t.tryTransfer(\"a\", 1, TimeUnit.SECONDS);",
            "    unbounded.offer(\"a\", 1, TimeUnit.SECONDS);",
            "    q.offer(\"a\");",
            "  }",
            "  void unlocked(BlockingQueue<String> q) throws InterruptedException {",
            "    q.offer(\"a\", 1, TimeUnit.SECONDS);",
            "  }",
            "  synchronized int pending() { return unbounded.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationSynchronized() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private static final BlockingQueue<String> Q = new ArrayBlockingQueue<>(1);",
            "  private final Object monitor = new Object();",
            "  static {",
            "    synchronized (Test.class) {",
            "      try {",
            "        // BUG: Diagnostic contains: `Test.class` (taken at line 6)",
            "        Q.put(\"static init\");",
            "      } catch (InterruptedException e) {}",
            "    }",
            "    try { Q.put(\"static init, unlocked\"); } catch (InterruptedException e) {}",
            "  }",
            "  {",
            "    synchronized (monitor) {",
            "      try {",
            "        // BUG: Diagnostic contains: `monitor` (taken at line 15)",
            "        Q.put(\"instance init\");",
            "      } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  void block(String s) throws InterruptedException {",
            "    Q.put(s);",
            "    synchronized (monitor) {",
            "      // BUG: Diagnostic contains: `monitor` (taken at line 24)",
            "      Q.put(s);",
            "    }",
            "    Q.put(s);",
            "    synchronized (putAndGet(s)) {",
            "      s.length();",
            "    }",
            "  }",
            "  Object putAndGet(String s) throws InterruptedException {",
            "    Q.put(s);",
            "    return s;",
            "  }",
            "  synchronized void method(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `this` (synchronized method, line 37)",
            "    Q.put(s);",
            "  }",
            "  static synchronized void staticMethod(String s) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `Test.class` (synchronized method, line 41)",
            "    Q.put(s);",
            "  }",
            "  synchronized int pending() { return Q.size(); }",
            "}")
        .doTest();
  }

  @Test
  void identificationLockUnlock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  void tryFinally(String s) throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `lock` (taken at line 7)",
            "      q.put(s);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "    q.put(s);",
            "  }",
            "  void noTryFinally(String s) throws InterruptedException {",
            "    q.put(s);",
            "    lock.lock();",
            "    // BUG: Diagnostic contains: `lock` (taken at line 18)",
            "    q.put(s);",
            "    lock.unlock();",
            "    q.put(s);",
            "  }",
            "  void interruptibly(String s) throws InterruptedException {",
            "    lock.lockInterruptibly();",
            "    try {",
            "      // BUG: Diagnostic contains: `lock` (taken at line 25)",
            "      q.put(s);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void neverReleased(String s) throws InterruptedException {",
            "    this.lock.lock();",
            "    if (s.isEmpty()) {",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: `this.lock` (taken at line 34)",
            "    q.put(s);",
            "  }",
            "  void releasedOnOnePathOnly(String s) throws InterruptedException {",
            "    lock.lock();",
            "    if (s.isEmpty()) {",
            "      lock.unlock();",
            "    }",
            "    q.put(s);",
            "  }",
            "  void takenOnOnePathOnly(String s) throws InterruptedException {",
            "    if (s.isEmpty()) {",
            "      lock.lock();",
            "    }",
            "    q.put(s);",
            "  }",
            "  void reentrant(String s) throws InterruptedException {",
            "    lock.lock();",
            "    lock.lock();",
            "    lock.unlock();",
            "    // BUG: Diagnostic contains: `lock` (taken at line 55) is held",
            "    q.put(s);",
            "    lock.unlock();",
            "    q.put(s);",
            "  }",
            "  void otherLockReleased(Lock other, String s) throws InterruptedException {",
            "    lock.lock();",
            "    other.unlock();",
            "    // BUG: Diagnostic contains: `lock` (taken at line 64)",
            "    q.put(s);",
            "    lock.unlock();",
            "  }",
            "  void afterCatch(String s) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `lock`",
            "      q.put(s);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "    try { q.put(s); } catch (InterruptedException e) {}",
            "  }",
            "  void loop(java.util.List<String> items) throws InterruptedException {",
            "    for (String s : items) {",
            "      lock.lock();",
            "      try {",
            "        // BUG: Diagnostic contains: `lock`",
            "        q.put(s);",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "      q.put(s);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationCustomLock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  /** A custom Lock implementation: still a lock. */",
            "  static final class SpinLock implements Lock {",
            "    public void lock() {}",
            "    public void lockInterruptibly() {}",
            "    public boolean tryLock() { return true; }",
            "    public boolean tryLock(long t, TimeUnit u) { return true; }",
            "    public void unlock() {}",
            "    public Condition newCondition() { throw new UnsupportedOperationException(); }",
            "  }",
            "  /** Named like a lock, but no Lock: holds nothing. */",
            "  static final class Door {",
            "    void lock() {}",
            "    void unlock() {}",
            "  }",
            "  private final SpinLock spin = new SpinLock();",
            "  private final Door door = new Door();",
            "  void send(BlockingQueue<String> q) throws InterruptedException {",
            "    spin.lock();",
            "    // BUG: Diagnostic contains: `spin` (taken at line 21)",
            "    q.put(\"a\");",
            "    spin.unlock();",
            "    door.lock();",
            "    q.put(\"a\");",
            "    door.unlock();",
            "  }",
            "  void clear(BlockingQueue<String> q) {",
            "    spin.lock();",
            "    try {",
            "      q.clear();",
            "    } finally {",
            "      spin.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTryLock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  void ifTryLock(String s) throws InterruptedException {",
            "    if (lock.tryLock()) {",
            "      try {",
            "        // BUG: Diagnostic contains: `lock` (taken at line 7)",
            "        q.put(s);",
            "      } finally {",
            "        lock.unlock();",
            "      }",
            "    } else {",
            "      q.put(s);",
            "    }",
            "    q.put(s);",
            "  }",
            "  void earlyReturn(String s) throws InterruptedException {",
            "    if (!lock.tryLock()) {",
            "      q.put(s);",
            "      return;",
            "    }",
            "    try {",
            "      // BUG: Diagnostic contains: `lock` (taken at line 20)",
            "      q.put(s);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void timed(String s) throws InterruptedException {",
            "    if (lock.tryLock(1, TimeUnit.SECONDS)) {",
            "      // BUG: Diagnostic contains: `lock` (taken at line 32)",
            "      q.put(s);",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void combined(String s, boolean ready) throws InterruptedException {",
            "    if (ready && lock.tryLock()) {",
            "      // BUG: Diagnostic contains: `lock` (taken at line 39)",
            "      q.put(s);",
            "      lock.unlock();",
            "    } else {",
            "      q.put(s);",
            "    }",
            "  }",
            "  void storedResult(String s) throws InterruptedException {",
            "    boolean ok = lock.tryLock();",
            "    q.put(s);",
            "    if (ok) {",
            "      // BUG: Diagnostic contains: `lock` (taken at line 48)",
            "      q.put(s);",
            "    }",
            "    if (!ok) {",
            "      q.put(s);",
            "    }",
            "    try {",
            "      if (ok) {",
            "        // BUG: Diagnostic contains: `lock` (taken at line 48)",
            "        q.put(s);",
            "      }",
            "    } finally {",
            "      if (ok) {",
            "        lock.unlock();",
            "      }",
            "    }",
            "    q.put(s);",
            "  }",
            "  void resultReassigned(String s) throws InterruptedException {",
            "    boolean ok = lock.tryLock();",
            "    ok = s.isEmpty();",
            "    if (ok) {",
            "      q.put(s);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationReadWriteLock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  private final Lock readLock = rw.readLock();",
            "  private final Lock writeLock = rw.writeLock();",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  void inline(String s) throws InterruptedException {",
            "    rw.writeLock().lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `rw.writeLock()` (taken at line 9)",
            "      q.put(s);",
            "    } finally {",
            "      rw.writeLock().unlock();",
            "    }",
            "    q.put(s);",
            "  }",
            "  void field(String s) throws InterruptedException {",
            "    readLock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `readLock` (taken at line 19)",
            "      q.put(s);",
            "    } finally {",
            "      rw.readLock().unlock();",
            "    }",
            "    q.put(s);",
            "  }",
            "  void local(String s) throws InterruptedException {",
            "    Lock w = rw.writeLock();",
            "    w.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `w` (taken at line 30)",
            "      q.put(s);",
            "    } finally {",
            "      writeLock.unlock();",
            "    }",
            "    q.put(s);",
            "  }",
            "  void readIsNotWrite(String s) throws InterruptedException {",
            "    rw.readLock().lock();",
            "    rw.writeLock().unlock();",
            "    // BUG: Diagnostic contains: `rw.readLock()` (taken at line 40)",
            "    q.put(s);",
            "    rw.readLock().unlock();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationStampedLock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final StampedLock sl = new StampedLock();",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  void read(String s) throws InterruptedException {",
            "    long stamp = sl.readLock();",
            "    try {",
            "      // BUG: Diagnostic contains: `sl.readLock()` (taken at line 7)",
            "      q.put(s);",
            "    } finally {",
            "      sl.unlockRead(stamp);",
            "    }",
            "    q.put(s);",
            "  }",
            "  void write(String s) throws InterruptedException {",
            "    long stamp = sl.writeLockInterruptibly();",
            "    try {",
            "      // BUG: Diagnostic contains: `sl.writeLockInterruptibly()` (taken at line 17)",
            "      q.put(s);",
            "    } finally {",
            "      sl.unlock(stamp);",
            "    }",
            "    q.put(s);",
            "  }",
            "  void optimistic(String s) throws InterruptedException {",
            "    long stamp = sl.tryOptimisticRead();",
            "    q.put(s);",
            "    sl.validate(stamp);",
            "  }",
            "  void tryWrite(String s) throws InterruptedException {",
            "    long stamp = sl.tryWriteLock();",
            "    q.put(s);",
            "    if (stamp != 0L) {",
            "      // BUG: Diagnostic contains: `sl.tryWriteLock()` (taken at line 32)",
            "      q.put(s);",
            "      sl.unlockWrite(stamp);",
            "    }",
            "    q.put(s);",
            "  }",
            "  void tryReadEarlyExit(String s) throws InterruptedException {",
            "    long stamp = sl.tryReadLock();",
            "    if (stamp == 0) {",
            "      q.put(s);",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: `sl.tryReadLock()` (taken at line 42)",
            "    q.put(s);",
            "    sl.unlockRead(stamp);",
            "  }",
            "  void view(String s) throws InterruptedException {",
            "    sl.asWriteLock().lock();",
            "    // BUG: Diagnostic contains: `sl.asWriteLock()` (taken at line 52)",
            "    q.put(s);",
            "    sl.asWriteLock().unlock();",
            "    q.put(s);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationCallbacks() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "class Test {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private final ExecutorService executor = Executors.newSingleThreadExecutor();",
            "  private final ScheduledExecutorService scheduler ="
                + " Executors.newSingleThreadScheduledExecutor();",
            "  private final Map<String, String> map = new HashMap<>();",
            "  void put(String s) {",
            "    try { q.put(s); } catch (InterruptedException e) {}",
            "  }",
            "  void later(Runnable r) {}",
            "  synchronized void immediate(List<String> items, Optional<String> maybe) {",
            "    items.forEach(s -> {",
            "      try {",
            "        // BUG: Diagnostic contains: `this` (synchronized method, line 13)",
            "        q.put(s);",
            "      } catch (InterruptedException e) {}",
            "    });",
            "    // A method reference passed to an unknown method: deferred.",
            "    items.forEach(uncheck(q::put));",
            "    map.computeIfAbsent(\"k\", k -> {",
            "      // BUG: Diagnostic contains: `q.put(k)`",
            "      try { q.offer(k, 1, TimeUnit.SECONDS); q.put(k); } catch (InterruptedException e) {}",
            "      return k;",
            "    });",
            "    maybe.ifPresent(s -> {",
            "      // BUG: Diagnostic contains: `q.put(s)`",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "    });",
            "    items.removeIf(s -> {",
            "      // BUG: Diagnostic contains: `q.put(s)`",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "      return false;",
            "    });",
            "    items.stream().filter(s -> !s.isEmpty()).map(s -> {",
            "      // BUG: Diagnostic contains: `q.put(s)`",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "      return s;",
            "    }).forEach(s -> {});",
            "    items.forEach(new Consumer<String>() {",
            "      @Override public void accept(String s) {",
            "        // BUG: Diagnostic contains: `q.put(s)`",
            "        try { q.put(s); } catch (InterruptedException e) {}",
            "      }",
            "    });",
            "  }",
            "  static <T> Consumer<T> uncheck(Throwing<T> f) { return t -> {}; }",
            "  interface Throwing<T> { void accept(T t) throws InterruptedException; }",
            "  synchronized void deferred(List<String> items) {",
            "    executor.execute(() -> put(\"a\"));",
            "    executor.execute(() -> {",
            "      try { q.put(\"a\"); } catch (InterruptedException e) {}",
            "    });",
            "    executor.submit(() -> { q.put(\"a\"); return null; });",
            "    new Thread(() -> {",
            "      try { q.put(\"a\"); } catch (InterruptedException e) {}",
            "    }).start();",
            "    CompletableFuture.runAsync(() -> {",
            "      try { q.put(\"a\"); } catch (InterruptedException e) {}",
            "    });",
            "    scheduler.schedule(() -> { q.put(\"a\"); return null; }, 1, TimeUnit.SECONDS);",
            "    new Timer().schedule(new TimerTask() {",
            "      @Override public void run() {",
            "        try { q.put(\"a\"); } catch (InterruptedException e) {}",
            "      }",
            "    }, 10);",
            "    later(() -> {",
            "      try { q.put(\"a\"); } catch (InterruptedException e) {}",
            "    });",
            "    executor.submit(new Callable<Void>() {",
            "      @Override public Void call() throws InterruptedException { q.put(\"a\"); return null; }",
            "    });",
            "    class Local implements Runnable {",
            "      @Override public void run() {",
            "        // BUG: Diagnostic contains: can block while a caller holds",
            "        try { q.put(\"a\"); } catch (InterruptedException e) {}",
            "      }",
            "    }",
            "    // BUG: Diagnostic contains: `new Local().run()` can block while `this`",
            "    items.forEach(s -> new Local().run());",
            "    java.util.stream.Stream<String> lazy = items.stream().map(s -> {",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "      return s;",
            "    });",
            "    Iterator<String> it = items.stream().peek(s -> {",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "    }).iterator();",
            "  }",
            "  void lambdaTakesItsOwnLock(List<String> items) {",
            "    executor.execute(() -> {",
            "      synchronized (this) {",
            "        // BUG: Diagnostic contains: `this` (taken at line 92)",
            "        try { q.put(\"a\"); } catch (InterruptedException e) {}",
            "      }",
            "    });",
            "  }",
            "  void methodRefOutsideLock(List<String> items) {",
            "    items.forEach(uncheck(q::put));",
            "  }",
            "  synchronized void methodRefDeferred(List<String> items) {",
            "    items.forEach(s -> executor.execute(() -> put(s)));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationMethodReference() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  /** A bounded queue whose put swallows interrupts, so put fits a Consumer. */",
            "  static final class Outbox extends ArrayBlockingQueue<String> {",
            "    Outbox() { super(8); }",
            "    @Override public void put(String s) {",
            "      try { super.put(s); } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  private final Outbox outbox = new Outbox();",
            "  void send(List<String> items, ExecutorService ex) {",
            "    synchronized (items) {",
            "      // BUG: Diagnostic contains: `outbox::put` can block while `items` (taken at line 13)",
            "      items.forEach(outbox::put);",
            "      items.forEach(outbox::add);",
            "      items.forEach(outbox::offer);",
            "      items.forEach(s -> ex.execute(() -> outbox.put(s)));",
            "      ex.execute(() -> items.forEach(outbox::put));",
            "    }",
            "    items.forEach(outbox::put);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationSuppression() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @SuppressWarnings(\"BlockingPutUnderLock\")",
            "  synchronized void onMethod(String s) throws InterruptedException {",
            "    q.put(s);",
            "  }",
            "  synchronized void onVariable(String s) throws InterruptedException {",
            "    @SuppressWarnings(\"BlockingPutUnderLock\")",
            "    boolean ignored = sendAndTell(s);",
            "    // BUG: Diagnostic contains: `q.put(s)`",
            "    q.put(s);",
            "  }",
            "  boolean sendAndTell(String s) throws InterruptedException {",
            "    synchronized (this) {",
            "      return q.offer(s) || q.remove(s);",
            "    }",
            "  }",
            "  @SuppressWarnings(\"BlockingPutUnderLock\")",
            "  static final class Inner {",
            "    synchronized void send(BlockingQueue<String> q) throws InterruptedException {",
            "      q.put(\"a\");",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * From a real file: the message quoted {@code put("message :5")} with the literal's double space
   * collapsed. Whitespace inside string and char literals is code; it also tells two locks apart.
   */
  @Test
  void identificationSourceTextKeepsLiterals() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.Map;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private final Map<String, Lock> locks = new ConcurrentHashMap<>();",
            "  synchronized void message() throws InterruptedException {",
            "    // BUG: Diagnostic contains: `q.put(\"a  b\" + ' ')` can block while `this`",
            "    q.put(\"a  b\"",
            "        + ' ');",
            "  }",
            "  void otherLockReleased() throws InterruptedException {",
            "    locks.get(\"a b\").lock();",
            "    locks.get(\"a  b\").unlock();",
            "    // BUG: Diagnostic contains: `locks.get(\"a b\")` (taken at line 13)",
            "    q.put(\"x\");",
            "  }",
            "  void sameLockReleased() throws InterruptedException {",
            "    locks.get(\"a  b\").lock();",
            "    locks.get(\"a  b\").unlock();",
            "    q.put(\"x\");",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  /**
   * Suppression on a variable declaration whose initializer itself makes the send under the lock (a
   * local, and a field holding a lambda that takes its own lock), beside the same declarations
   * without the annotation.
   */
  @Test
  void identificationSuppressionOnVariables() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @SuppressWarnings(\"BlockingPutUnderLock\")",
            "  private final Runnable suppressedField = () -> {",
            "    synchronized (this) {",
            "      try { q.put(\"f\"); } catch (InterruptedException e) {}",
            "    }",
            "  };",
            "  private final Runnable reportedField = () -> {",
            "    synchronized (this) {",
            "      // BUG: Diagnostic contains: `q.put(\"f\")` can block while `this`",
            "      try { q.put(\"f\"); } catch (InterruptedException e) {}",
            "    }",
            "  };",
            "  synchronized void locals(List<String> items) {",
            "    @SuppressWarnings(\"BlockingPutUnderLock\")",
            "    boolean suppressed = items.removeIf(s -> {",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "      return false;",
            "    });",
            "    boolean reported = items.removeIf(s -> {",
            "      // BUG: Diagnostic contains: `q.put(s)` can block while `this`",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "      return false;",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  /** The immediate callback APIs the first callback test leaves out, with deferred twins. */
  @Test
  void identificationCallbacksMapAndOptional() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private final Map<String, String> map = new HashMap<>();",
            "  private final ExecutorService executor = Executors.newSingleThreadExecutor();",
            "  String put(String s) {",
            "    try { q.put(s); } catch (InterruptedException e) {}",
            "    return s;",
            "  }",
            "  synchronized void immediate(Optional<String> maybe) {",
            "    map.forEach((k, v) -> {",
            "      // BUG: Diagnostic contains: `q.put(k)` can block while `this`",
            "      try { q.put(k); } catch (InterruptedException e) {}",
            "    });",
            "    map.merge(\"k\", \"v\", (a, b) -> {",
            "      // BUG: Diagnostic contains: `q.put(a)` can block while `this`",
            "      try { q.put(a); } catch (InterruptedException e) {}",
            "      return b;",
            "    });",
            "    maybe.map(s -> {",
            "      // BUG: Diagnostic contains: `q.put(s)` can block while `this`",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "      return s;",
            "    });",
            "  }",
            "  synchronized void deferred(Optional<String> maybe) {",
            "    map.forEach((k, v) -> executor.execute(() -> {",
            "      try { q.put(k); } catch (InterruptedException e) {}",
            "    }));",
            "    maybe.ifPresent(s -> CompletableFuture.runAsync(() -> {",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "    }));",
            "  }",
            "  void unlocked(Optional<String> maybe) {",
            "    map.forEach((k, v) -> {",
            "      try { q.put(k); } catch (InterruptedException e) {}",
            "    });",
            "    maybe.map(s -> {",
            "      try { q.put(s); } catch (InterruptedException e) {}",
            "      return s;",
            "    });",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A method reference has no statement to rewrite: the finding offers only the suppression that
   * asks why, while a plain call beside it under the same lock gets the offer fix.
   */
  @Test
  void replacementNoFixForMethodReference() {
    BugCheckerRefactoringTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
        .addInputLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  static final class Outbox extends ArrayBlockingQueue<String> {",
            "    Outbox() { super(8); }",
            "    @Override public void put(String s) {",
            "      try { super.put(s); } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  private final Outbox outbox = new Outbox();",
            "  synchronized void send(List<String> items) {",
            "    items.forEach(outbox::put);",
            "    outbox.put(\"last\");",
            "  }",
            "  synchronized int pending() { return outbox.size(); }",
            "}")
        .addOutputLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  static final class Outbox extends ArrayBlockingQueue<String> {",
            "    Outbox() { super(8); }",
            "    @Override public void put(String s) {",
            "      try { super.put(s); } catch (InterruptedException e) {}",
            "    }",
            "  }",
            "  private final Outbox outbox = new Outbox();",
            "  @SuppressWarnings(\"BlockingPutUnderLock\") // TODO: why is blocking under this lock"
                + " safe here?",
            "  synchronized void send(List<String> items) {",
            "    items.forEach(outbox::put);",
            "    if (!outbox.offer(\"last\")) {",
            "      throw new IllegalStateException(\"outbox is full\");",
            "    }",
            "  }",
            "  synchronized int pending() { return outbox.size(); }",
            "}")
        .doTest();
  }
}
