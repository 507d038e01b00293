package dev.stallcheck.text;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;

/**
 * Line-aware text edits, so that a fix which deletes or moves a statement leaves no blank line or
 * odd indentation behind: a deleted range that is alone on its lines takes its lines with it.
 */
public final class SourceLines {
  private SourceLines() {}

  /** Deletes {@code [start, end)}, and the rest of its lines too when they hold only blanks. */
  public static void delete(SuggestedFix.Builder fix, int start, int end, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int lineStart = start;
    while (lineStart > 0 && isBlank(source.charAt(lineStart - 1))) {
      lineStart--;
    }
    int lineEnd = end;
    while (lineEnd < source.length() && isBlank(source.charAt(lineEnd))) {
      lineEnd++;
    }
    boolean aloneOnLines =
        (lineStart == 0 || source.charAt(lineStart - 1) == '\n')
            && (lineEnd == source.length() || isLineBreak(source.charAt(lineEnd)));
    if (!aloneOnLines) {
      // Code stays before or after on the line: take the blanks on one side, not both.
      boolean codeBefore = lineStart > 0 && !isLineBreak(source.charAt(lineStart - 1));
      fix.replace(codeBefore ? lineStart : start, codeBefore ? end : lineEnd, "");
      return;
    }
    if (lineEnd < source.length() && source.charAt(lineEnd) == '\r') {
      lineEnd++;
    }
    if (lineEnd < source.length() && source.charAt(lineEnd) == '\n') {
      lineEnd++;
    }
    fix.replace(lineStart, lineEnd, "");
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r';
  }
}
