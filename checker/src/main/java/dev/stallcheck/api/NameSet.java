package dev.stallcheck.api;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Name;
import com.sun.tools.javac.util.Names;
import java.lang.ref.WeakReference;
import org.jspecify.annotations.Nullable;

/**
 * A few method (or annotation) names, tested against a symbol's javac {@link Name}. The checks ask
 * "is this callee named {@code put} or {@code get}?" of nearly every call of the compilation, in
 * several passes; reading the name's characters (or its {@code String}, for a hash set) costs a
 * cache miss or two per question, comparing references none. javac keeps one {@code Name} per
 * spelling in each compilation's name table (it compares names with {@code ==} throughout), so the
 * set keeps its spellings as the {@code Name}s of the compilation last asked about and compares
 * references, without reading the name asked about at all.
 *
 * <p>Safe to share between compilations, even concurrent ones: the names of one compilation are
 * kept in one immutable value, replaced whole when another compilation asks. The compilation is
 * held weakly, so that a build daemon does not keep the last one's trees alive through a check.
 */
public final class NameSet {
  private final ImmutableSet<String> spellings;

  /** The spellings as the names of one compilation. */
  private record Interned(WeakReference<Context> context, Name[] names) {}

  private volatile @Nullable Interned interned;

  private NameSet(ImmutableSet<String> spellings) {
    this.spellings = spellings;
  }

  public static NameSet of(String... spellings) {
    return new NameSet(ImmutableSet.copyOf(spellings));
  }

  /** The spellings, for a matcher's {@code namedAnyOf}. */
  public ImmutableSet<String> spellings() {
    return spellings;
  }

  /** Whether {@code name}, a name of {@code state}'s compilation, is one of the set's spellings. */
  public boolean contains(Name name, VisitorState state) {
    Interned current = interned;
    if (current == null || current.context().get() != state.context) {
      current = intern(state.context);
      interned = current;
    }
    for (Name spelled : current.names()) {
      if (spelled == name) {
        return true;
      }
    }
    return false;
  }

  private Interned intern(Context context) {
    Names names = Names.instance(context);
    return new Interned(
        new WeakReference<>(context),
        spellings.stream().map(names::fromString).toArray(Name[]::new));
  }
}
