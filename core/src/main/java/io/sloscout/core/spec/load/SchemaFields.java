package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Source.Position;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Readers for fields of documents that already passed their schema, shared by the parsers. */
final class SchemaFields {

  /** {@code {{.window}}} as Sloth users also write it: {@code {{ .window }}}. */
  private static final Pattern WINDOW = Pattern.compile("\\{\\{-?\\s*\\.window\\s*-?}}");

  static final String NO_WINDOW =
      "query has no "
          + Sli.WINDOW
          + " placeholder: every alert window would compute the same value"
          + " (write e.g. rate(http_requests_total[{{.window}}]))";

  private SchemaFields() {}

  /** A string-to-string mapping; absent means empty. */
  static Map<String, String> strings(JsonNode obj) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** The query with every spelling of the window placeholder turned into {@link Sli#WINDOW}. */
  static String canonicalWindow(String query) {
    return WINDOW.matcher(query).replaceAll(java.util.regex.Matcher.quoteReplacement(Sli.WINDOW));
  }

  static boolean hasWindow(String query) {
    return WINDOW.matcher(query).find();
  }

  /** The duration at {@code pointer}, or null after reporting why it is not one. */
  static PromDuration duration(YamlDocument doc, ParseContext ctx, String pointer) {
    String text = doc.at(pointer).asText();
    try {
      return PromDuration.parse(text);
    } catch (IllegalArgumentException e) {
      ctx.error(doc, pointer, e.getMessage());
      return null;
    }
  }

  /** Where the node at {@code pointer} sits, with its field path. */
  static Position position(YamlDocument doc, String pointer) {
    Position p = doc.positionOf(pointer);
    return new Position(p.line(), p.column(), doc.fieldPath(pointer));
  }
}
