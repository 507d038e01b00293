package dev.stallcheck.fixes;

import com.google.errorprone.fixes.SuggestedFix;
import java.util.Optional;

/**
 * Lines that move out one level: when a try is removed and its body joins the enclosing block, each
 * line that starts inside the body trades the body's indentation ({@code from}) for the try's
 * ({@code to}), so the spliced statements line up with their new neighbours. {@link #NONE} moves
 * nothing.
 */
public final class LineShift {
  static final LineShift NONE = new LineShift(0, 0, "", "");

  private final int start;
  private final int end;
  private final String from;
  private final String to;

  private LineShift(int start, int end, String from, String to) {
    this.start = start;
    this.end = end;
    this.from = from;
    this.to = to;
  }

  /**
   * Shifts the lines starting in {@code [start, end)} from indentation {@code from} to {@code to}
   * ({@link #NONE} if the two are equal); empty unless {@code to} is a prefix of {@code from} and
   * every such line that is not blank starts with {@code from}, since shifting only some of them
   * would change a text block's content or break the layout.
   */
  static Optional<LineShift> of(int start, int end, String from, String to, CharSequence source) {
    if (from.equals(to)) {
      return Optional.of(NONE);
    }
    if (!from.startsWith(to)) {
      return Optional.empty();
    }
    LineShift shift = new LineShift(start, end, from, to);
    for (int line = shift.nextLineStart(start, source);
        line < end;
        line = shift.nextLineStart(line + 1, source)) {
      if (!isBlankLine(line, source) && !startsWithFrom(line, from, source)) {
        return Optional.empty();
      }
    }
    return Optional.of(shift);
  }

  /** The indentation that the line holding {@code position} has once shifted. */
  String indentOfLineAt(int position, CharSequence source) {
    String indent = Indentation.ofLineAt(position, source);
    int line = Indentation.lineStart(position, source);
    return moves(line) && indent.startsWith(from) ? to + indent.substring(from.length()) : indent;
  }

  /** {@code text}, copied from the shifted lines, with its continuation lines shifted too. */
  String copied(String text) {
    if (this == NONE) {
      return text;
    }
    return text.replace("\n" + from, "\n" + to);
  }

  /** Adds the edits that shift the lines, leaving alone lines in {@code [keepStart, keepEnd)}. */
  public void apply(SuggestedFix.Builder fix, int keepStart, int keepEnd, CharSequence source) {
    if (this == NONE) {
      return;
    }
    for (int line = nextLineStart(start, source);
        line < end;
        line = nextLineStart(line + 1, source)) {
      if ((line < keepStart || line >= keepEnd) && startsWithFrom(line, from, source)) {
        fix.replace(line, line + from.length(), to);
      }
    }
  }

  private boolean moves(int lineStart) {
    return start <= lineStart && lineStart < end;
  }

  /** The first line start at or after {@code position}. */
  private int nextLineStart(int position, CharSequence source) {
    int i = position;
    while (i < source.length() && (i == 0 || source.charAt(i - 1) != '\n')) {
      i++;
    }
    return i == source.length() ? Integer.MAX_VALUE : i;
  }

  private static boolean startsWithFrom(int line, String from, CharSequence source) {
    return line + from.length() <= source.length()
        && source.subSequence(line, line + from.length()).toString().equals(from);
  }

  private static boolean isBlankLine(int line, CharSequence source) {
    for (int i = line; i < source.length() && !Indentation.isLineBreak(source.charAt(i)); i++) {
      if (!Indentation.isBlank(source.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
