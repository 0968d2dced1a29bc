/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON string escaping of the record contract (RUN JSON, captures). */
class JsonTest {
  private static String string(String s) {
    StringBuilder sb = new StringBuilder();
    Json.string(sb, s);
    return sb.toString();
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\"", string("a\"b\\c\n\r\t\u0001\u001f"));
  }

  @Test
  void loneSurrogatesAreEscapedAndPairsKept() {
    String high = "\ud83d";
    String low = "\ude00";
    String pair = high + low;
    assertEquals("\"x" + pair + "y\"", string("x" + pair + "y"));
    assertEquals("\"x\\ud83dy\"", string("x" + high + "y"));
    assertEquals("\"\\ude00\\ud83d\"", string(low + high), "a reversed pair is two lone halves");
    assertEquals("\"end\\ud83d\"", string("end" + high));
  }

  @Test
  void everyStringSurvivesTheQueuesUtf8AndAJsonParser() throws Exception {
    // The path a RUN document's JSON takes: Json, then Buf's UTF-8, then a reader's parser.
    ObjectMapper mapper = new ObjectMapper();
    for (String s :
        List.of("plain", "naïve 日本 😀", "lone \ud83d high", "lone \ude00 low", "\u0000\u007f")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("v", s);
      Buf b = new Buf(16).str(Json.write(m));
      String back = new In(b.toByteArray()).str();
      assertEquals(s, mapper.readTree(back).get("v").asText(), s);
    }
  }

  @Test
  void writesMapsListsNumbersAndBooleans() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", 1);
    m.put("d", Double.NaN);
    m.put("l", List.of(true, "x"));
    m.put("z", null);
    assertEquals("{\"n\":1,\"d\":null,\"l\":[true,\"x\"],\"z\":null}", Json.write(m));
  }
}
