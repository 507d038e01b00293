package dev.stallcheck.text;

import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/** How a method is named in a chain of calls in a message. */
public final class MethodNames {
  private MethodNames() {}

  /**
   * {@code Connection.write}, {@code new Lease}; an anonymous class, which has no simple name, by
   * its binary name's last part ({@code Pool$3}).
   */
  public static String of(MethodSymbol method) {
    ClassSymbol owner = method.enclClass();
    String type = owner.getSimpleName().toString();
    if (type.isEmpty()) {
      String flat = owner.flatName().toString();
      type = flat.substring(flat.lastIndexOf('.') + 1);
    }
    return method.isConstructor() ? "new " + type : type + "." + method.getSimpleName();
  }
}
