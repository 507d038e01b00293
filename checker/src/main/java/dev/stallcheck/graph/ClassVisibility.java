package dev.stallcheck.graph;

import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;

/**
 * Whether code outside the compilation can name a class: a public or protected class nested only in
 * public or protected classes. A class it cannot name it can neither extend, implement, lock by a
 * typed expression nor create, so every subclass and every instance of it is the compilation's.
 */
public final class ClassVisibility {
  private ClassVisibility() {}

  public static boolean isNameableOutside(ClassSymbol type) {
    for (Symbol s = type; s instanceof ClassSymbol; s = s.owner) {
      if ((s.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0 || s.isAnonymous()) {
        return false;
      }
    }
    return true;
  }
}
