package dev.stallcheck.options;

import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * A method named in an option as {@code fully.qualified.Class#method}, such as {@code
 * com.acme.Channel#send}: a class's canonical name and a method's simple name.
 *
 * @param owner the class's fully qualified name, nested classes with dots ({@code
 *     com.acme.Outer.Inner})
 * @param name the method's name
 */
public record QualifiedMethod(String owner, String name) {
  /** The accepted form, for error messages. */
  public static final String FORM = "fully.qualified.Class#method";

  /** {@code text} as a method name, if it has the form {@code fully.qualified.Class#method}. */
  public static Optional<QualifiedMethod> parse(String text) {
    List<String> parts = List.of(text.trim().split("#", -1));
    if (parts.size() != 2
        || !SourceVersion.isName(parts.get(0))
        || !SourceVersion.isIdentifier(parts.get(1))
        || SourceVersion.isKeyword(parts.get(1))) {
      return Optional.empty();
    }
    return Optional.of(new QualifiedMethod(parts.get(0), parts.get(1)));
  }

  /** As written in the option: {@code owner#name}. */
  @Override
  public String toString() {
    return owner + "#" + name;
  }
}
