package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.sun.tools.javac.code.Symbol;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which object a wait releases, written as an access path relative to one method's frame: a root
 * ({@code this}, a parameter, a local, or a static field) followed by field reads and zero-argument
 * accessor calls such as {@code writeLock()}. A callee's path is rewritten into its caller's frame
 * at each call step, so a caller can tell whether the monitor it holds is the one the callee
 * releases while it waits.
 */
public final class MonitorPath {
  /** Where a path starts. */
  public enum Root {
    THIS,
    PARAMETER,
    LOCAL,
    STATIC_FIELD
  }

  private final Root root;

  /** The parameter, local or static field the path starts at; null for {@code this}. */
  @Nullable private final Symbol rootSymbol;

  /** For {@link Root#PARAMETER}: its position in the method's parameter list. */
  private final int parameterIndex;

  /** Fields read and zero-argument accessors called after the root, in order. */
  private final ImmutableList<Symbol> members;

  private MonitorPath(
      Root root, @Nullable Symbol rootSymbol, int parameterIndex, ImmutableList<Symbol> members) {
    this.root = root;
    this.rootSymbol = rootSymbol;
    this.parameterIndex = parameterIndex;
    this.members = members;
  }

  public static MonitorPath ofThis() {
    return new MonitorPath(Root.THIS, null, -1, ImmutableList.of());
  }

  public static MonitorPath ofParameter(Symbol parameter, int index) {
    return new MonitorPath(Root.PARAMETER, parameter, index, ImmutableList.of());
  }

  public static MonitorPath ofLocal(Symbol local) {
    return new MonitorPath(Root.LOCAL, local, -1, ImmutableList.of());
  }

  public static MonitorPath ofStaticField(Symbol field) {
    return new MonitorPath(Root.STATIC_FIELD, field, -1, ImmutableList.of());
  }

  /** This path followed by a read of {@code member} (a field, or an accessor without arguments). */
  public MonitorPath then(Symbol member) {
    return new MonitorPath(
        root,
        rootSymbol,
        parameterIndex,
        ImmutableList.<Symbol>builder().addAll(members).add(member).build());
  }

  /** This path followed by all of {@code more}. */
  MonitorPath thenAll(ImmutableList<Symbol> more) {
    if (more.isEmpty()) {
      return this;
    }
    return new MonitorPath(
        root,
        rootSymbol,
        parameterIndex,
        ImmutableList.<Symbol>builder().addAll(members).addAll(more).build());
  }

  /** This path with its last member dropped; null when there is none. */
  @Nullable MonitorPath parent() {
    if (members.isEmpty()) {
      return null;
    }
    return new MonitorPath(
        root, rootSymbol, parameterIndex, members.subList(0, members.size() - 1));
  }

  public Root root() {
    return root;
  }

  @Nullable
  public Symbol rootSymbol() {
    return rootSymbol;
  }

  /** The parameter's position for a {@link Root#PARAMETER} path, otherwise -1. */
  public int parameterIndex() {
    return parameterIndex;
  }

  public ImmutableList<Symbol> members() {
    return members;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MonitorPath)) {
      return false;
    }
    MonitorPath that = (MonitorPath) o;
    return root == that.root
        && Objects.equals(rootSymbol, that.rootSymbol)
        && parameterIndex == that.parameterIndex
        && members.equals(that.members);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, rootSymbol, parameterIndex, members);
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(root == Root.THIS ? "this" : String.valueOf(rootSymbol.getSimpleName()));
    for (Symbol member : members) {
      text.append('.').append(member.getSimpleName());
      if (member instanceof Symbol.MethodSymbol) {
        text.append("()");
      }
    }
    return text.toString();
  }
}
