package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A call on a type whose classes the compilation never creates. When code outside the compilation
 * can name the type, its objects come from there and are unknown: the call reaches nothing. When no
 * code outside can name it, every object of it is of a class the compilation declares, created
 * where the compilation does not show: the call reaches those classes.
 */
final class BlockingPutUnderLockUncreatedTypesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  private static final String[] GATEWAY = {
    "package chat;",
    "import java.util.*;",
    "import java.util.concurrent.locks.*;",
    "public class Gateway {",
    "  private final ReadWriteLock lock = new ReentrantReadWriteLock();",
    "  private final List<User> users = new ArrayList<>();",
    "  private final List<PublicUser> members = new ArrayList<>();",
    "  private final List<Listener> listeners = new ArrayList<>();",
    "  void register(User u, PublicUser m, Listener l) {",
    "    lock.writeLock().lock();",
    "    try { users.add(u); members.add(m); listeners.add(l); }",
    "    finally { lock.writeLock().unlock(); }",
    "  }",
    "  void broadcast(String m) {",
    "    lock.readLock().lock();",
    "    try {",
    "      // BUG: Diagnostic contains: TcpUser.sendMsg → `out.put(m)`",
    "      for (User u : users) u.sendMsg(m);",
    "      for (PublicUser p : members) p.sendMsg(m);",
    "      for (Listener l : listeners) l.onMessage(m);",
    "    } finally {",
    "      lock.readLock().unlock();",
    "    }",
    "  }",
    "}",
  };

  @Test
  void identification() {
    helper
        .addSourceLines("chat/Gateway.java", GATEWAY)
        .addSourceLines(
            "chat/User.java",
            "package chat;",
            "interface User { void sendMsg(String m); void close(); }")
        .addSourceLines(
            "chat/TcpUser.java",
            "package chat;",
            "import java.util.concurrent.*;",
            "class TcpUser implements User {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(64);",
            "  public void sendMsg(String m) {",
            "    try {",
            "      // BUG: Diagnostic contains: a caller holds `lock.readLock()`",
            "      out.put(m);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  public void close() {}",
            "}")
        .addSourceLines(
            "chat/PublicUser.java",
            "package chat;",
            "public interface PublicUser { void sendMsg(String m); void close(); }")
        .addSourceLines(
            "chat/QueuedPublicUser.java",
            "package chat;",
            "import java.util.concurrent.*;",
            "public class QueuedPublicUser implements PublicUser {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(64);",
            "  public void sendMsg(String m) {",
            "    try { out.put(m); } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  public void close() {}",
            "}")
        .addSourceLines(
            "chat/Listener.java",
            "package chat;",
            "interface Listener { void onMessage(String m); void close(); }")
        .addSourceLines(
            "chat/Listeners.java",
            "package chat;",
            "import java.util.concurrent.*;",
            "final class Listeners {",
            "  static final Listener LOGGING = new LoggingListener();",
            "  static final class LoggingListener implements Listener {",
            "    public void onMessage(String m) { System.out.println(m); }",
            "    public void close() {}",
            "  }",
            "  static final class QueuedListener implements Listener {",
            "    private final BlockingQueue<String> out = new ArrayBlockingQueue<>(64);",
            "    public void onMessage(String m) {",
            "      try { out.put(m); } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "    public void close() {}",
            "  }",
            "}")
        .doTest();
  }
}
