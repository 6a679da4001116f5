package lshbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data a page's charts draw, as JSON written by Jackson into a
 * {@code <script type="application/json">} block. {@code <}, {@code >} and {@code &} are
 * written as {@code \u003c …} so that free text (a model name, a folder name) can never close
 * the script element; a JSON reader reads them back unchanged.
 */
final class PageJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static {
    JSON.getFactory().setCharacterEscapes(new HtmlSafe());
  }

  private PageJson() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A number, or null for NaN and infinities, which JSON cannot hold. */
  static void put(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  static String write(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("page data not writable as JSON", e);
    }
  }

  /** The {@code <script type="application/json" id="ID">} element holding {@code tree}. */
  static String script(String id, Object tree) {
    return "<script type=\"application/json\" id=\"" + id + "\">" + write(tree) + "</script>\n";
  }

  private static final class HtmlSafe extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes = standardAsciiEscapesForJSON();

    HtmlSafe() {
      escapes['<'] = ESCAPE_STANDARD;
      escapes['>'] = ESCAPE_STANDARD;
      escapes['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
