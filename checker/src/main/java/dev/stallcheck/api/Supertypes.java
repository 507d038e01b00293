package dev.stallcheck.api;

import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.function.Predicate;
import javax.lang.model.element.Name;

/**
 * Tests on a type's supertypes by their names, not their symbols: a library type that the
 * compilation does not reference (or that a module does not read) has no symbol to look up, and a
 * name test needs none.
 */
public final class Supertypes {
  private Supertypes() {}

  /** Whether {@code type} is, or has as a supertype, the class or interface named {@code name}. */
  public static boolean isA(Type type, String name, Types types) {
    return anyNamed(type, types, qualified -> qualified.contentEquals(name));
  }

  /**
   * Whether {@code type} or one of its supertypes has a qualified name that passes {@code test}.
   */
  public static boolean anyNamed(Type type, Types types, Predicate<Name> test) {
    for (Type supertype : types.closure(type)) {
      if (test.test(supertype.tsym.getQualifiedName())) {
        return true;
      }
    }
    return false;
  }
}
