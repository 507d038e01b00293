package dev.stallcheck.api;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/**
 * {@code java.io}'s output streams and writers: blocking I/O by contract.
 *
 * <p>Their {@code write} waits until the stream has taken the bytes, for as long as the disk, the
 * network or the consumer behind it takes, and their {@code flush} and {@code close} wait until
 * what was written has gone out. Every caller of a stream expects that. A stream serializes its
 * writers on its own monitor (a {@code Writer} on its {@code lock} field) and holds it across that
 * wait, as {@code java.io}'s own buffered and print streams do.
 */
public final class OutputStreams {
  private static final Supplier<Type> OUTPUT_STREAM =
      VisitorState.memoize(s -> s.getTypeFromString("java.io.OutputStream"));
  private static final Supplier<Type> WRITER =
      VisitorState.memoize(s -> s.getTypeFromString("java.io.Writer"));

  private OutputStreams() {}

  /** Whether {@code type} is an {@code OutputStream} or a {@code Writer}. */
  public static boolean isStream(@Nullable Type type, VisitorState state) {
    return type != null
        && !type.isPrimitive()
        && (isSubtype(type, OUTPUT_STREAM.get(state), state)
            || isSubtype(type, WRITER.get(state), state));
  }

  /**
   * Whether {@code field} is {@code Writer.lock}, the object a writer's methods synchronize on (the
   * writer itself unless a subclass passes another).
   */
  public static boolean isWriterLock(Symbol field) {
    return field instanceof VarSymbol
        && field.getSimpleName().contentEquals("lock")
        && field.owner.getQualifiedName().contentEquals("java.io.Writer");
  }

  /**
   * Whether {@code method} is a stream's {@code flush()} or {@code close()}: a drain, which waits
   * until what was written has gone out.
   */
  public static boolean isDrain(MethodSymbol method, VisitorState state) {
    return method.getParameters().isEmpty()
        && !method.isStatic()
        && (method.getSimpleName().contentEquals("flush")
            || method.getSimpleName().contentEquals("close"))
        && isStream(method.owner.type, state);
  }

  private static boolean isSubtype(Type type, @Nullable Type supertype, VisitorState state) {
    return supertype != null && ASTHelpers.isSubtype(type, supertype, state);
  }
}
