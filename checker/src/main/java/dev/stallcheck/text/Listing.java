package dev.stallcheck.text;

import java.util.List;

/** Joins the parts of a message as English prose lists them. */
public final class Listing {
  private Listing() {}

  /** "a", "a and b", "a, b and c". */
  public static String of(List<String> parts) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        text.append(i == parts.size() - 1 ? " and " : ", ");
      }
      text.append(parts.get(i));
    }
    return text.toString();
  }
}
