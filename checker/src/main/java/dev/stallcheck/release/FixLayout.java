package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.stallcheck.text.SourceLines;

/**
 * How the code around a release fix is laid out, so that the code a fix writes looks written by
 * hand: a line's leading blanks, the file's line separator, one level of indentation read from the
 * enclosing block.
 */
final class FixLayout {
  private FixLayout() {}

  /** The blanks between the start of the line holding {@code position} and the code there. */
  static String leadingBlanks(int position, CharSequence source) {
    int start = position;
    while (start > 0 && source.charAt(start - 1) != '\n' && source.charAt(start - 1) != '\r') {
      start--;
    }
    int end = start;
    while (end < position && (source.charAt(end) == ' ' || source.charAt(end) == '\t')) {
      end++;
    }
    return source.subSequence(start, end).toString();
  }

  /**
   * Deletes {@code tree}, with its line when nothing else is on it (a moved statement leaves no
   * blank line behind).
   */
  static void delete(SuggestedFix.Builder fix, Tree tree, VisitorState state) {
    SourceLines.delete(fix, ASTHelpers.getStartPosition(tree), state.getEndPosition(tree), state);
  }

  /**
   * {@code code}, whose lines after the first start with {@code from}, moved to start with {@code
   * to} instead.
   */
  static String rebased(String code, String from, String to) {
    String[] lines = code.split("\n", -1);
    StringBuilder out = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      out.append('\n')
          .append(lines[i].startsWith(from) ? to + lines[i].substring(from.length()) : lines[i]);
    }
    return out.toString();
  }

  /** {@code \r\n} in a file that uses it, else {@code \n}. */
  static String newline(CharSequence source) {
    return source.toString().contains("\r\n") ? "\r\n" : "\n";
  }

  /**
   * One level of indentation: what the line of the code at {@code path} (indented by {@code
   * indent}) adds to the line that opens the block around it, or two spaces where that does not
   * tell.
   */
  static String unitOfIndentation(TreePath path, String indent, CharSequence source) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block) {
        String outer = leadingBlanks(ASTHelpers.getStartPosition(block), source);
        return indent.startsWith(outer) && indent.length() > outer.length()
            ? indent.substring(outer.length())
            : "  ";
      }
    }
    return "  ";
  }

  /** {@code code} with {@code unit} added to every line after the first that is not blank. */
  static String reindented(String code, String unit) {
    StringBuilder out = new StringBuilder(code.length());
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      out.append(c);
      if (c == '\n' && i + 1 < code.length() && !isLineEnd(code, i + 1)) {
        out.append(unit);
      }
    }
    return out.toString();
  }

  /** Whether only blanks follow {@code from} up to the end of its line. */
  private static boolean isLineEnd(String code, int from) {
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }
}
