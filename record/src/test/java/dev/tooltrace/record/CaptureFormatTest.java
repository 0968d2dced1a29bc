/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The capture contract's two halves against each other: what {@link CaptureJsonWriter} writes,
 * parsed by a real JSON parser, {@link CaptureReader} reads back as the intended {@link
 * CaptureValue}; the JSON itself is pinned where the format is documented.
 */
class CaptureFormatTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String write(Consumer<CaptureJsonWriter> w) {
    CaptureJsonWriter writer = new CaptureJsonWriter(new StringBuilder());
    w.accept(writer);
    return writer.out().toString();
  }

  private static CaptureValue read(String json) throws Exception {
    return CaptureReader.read(MAPPER.readValue(json, Object.class));
  }

  @Test
  void scalarsAndBoxedPrimitives() throws Exception {
    assertEquals("null", write(CaptureJsonWriter::nullValue));
    assertEquals("\"a\\\"b\"", write(w -> w.string("a\"b")));
    assertEquals("{\"int\":5}", write(w -> w.boxed(5)));
    assertEquals("{\"long\":-7}", write(w -> w.boxed(-7L)));
    assertEquals("{\"double\":\"NaN\"}", write(w -> w.boxed(Double.NaN)));
    assertEquals("{\"float\":\"1.5\"}", write(w -> w.boxed(1.5f)));
    assertEquals("{\"char\":\"x\"}", write(w -> w.boxed('x')));
    assertEquals("", write(w -> assertTrue(!w.boxed(new java.math.BigInteger("1")))));

    assertEquals(new CaptureValue.Null(), read("null"));
    assertEquals(new CaptureValue.Bool(true), read(write(w -> w.bool(true))));
    assertEquals(new CaptureValue.Str("a\"b"), read("\"a\\\"b\""));
    assertEquals(new CaptureValue.Primitive("int", "5"), read("{\"int\":5}"));
    assertEquals(
        new CaptureValue.Primitive("long", "9007199254740993"),
        read(write(w -> w.boxed(9007199254740993L))),
        "a long beyond a double's precision keeps every digit");
    assertEquals(new CaptureValue.Primitive("double", "NaN"), read("{\"double\":\"NaN\"}"));
  }

  @Test
  void containersNestWithTheirSeparators() throws Exception {
    String json =
        write(
            w -> {
              w.beginRecord("ex.Rec");
              w.enumValue("ex.Color", "RED");
              w.beginArray("int");
              w.primitiveItem(1);
              w.primitiveItem(2);
              w.endArray();
              w.beginArray("char");
              w.primitiveItem('c');
              w.endArray();
              w.beginCollection(false, "java.util.ArrayList");
              w.string("a");
              w.nullValue();
              w.endCollection();
              w.beginCollection(true, "java.util.HashSet");
              w.endCollection();
              w.beginMap("java.util.TreeMap");
              w.beginEntry();
              w.string("k");
              w.boxed(1);
              w.endEntry();
              w.beginEntry();
              w.string("k2");
              w.nullValue();
              w.endEntry();
              w.endMap();
              w.beginOptional();
              w.string("o");
              w.endOptional();
              w.beginBean("ex.Bean");
              w.property("a");
              w.bool(false);
              w.property("b");
              w.beginArray("boolean");
              w.primitiveItem(true);
              w.endArray();
              w.endBean();
              w.endRecord();
            });
    assertEquals(
        "{\"record\":\"ex.Rec\",\"components\":["
            + "{\"enum\":\"ex.Color\",\"name\":\"RED\"},"
            + "{\"array\":\"int\",\"items\":[1,2]},"
            + "{\"array\":\"char\",\"items\":[\"c\"]},"
            + "{\"list\":\"java.util.ArrayList\",\"items\":[\"a\",null]},"
            + "{\"set\":\"java.util.HashSet\",\"items\":[]},"
            + "{\"map\":\"java.util.TreeMap\",\"entries\":[[\"k\",{\"int\":1}],[\"k2\",null]]},"
            + "{\"optional\":\"o\"},"
            + "{\"bean\":\"ex.Bean\",\"properties\":{\"a\":false,\"b\":"
            + "{\"array\":\"boolean\",\"items\":[true]}}}]}",
        json);
    assertEquals(
        new CaptureValue.Rec(
            "ex.Rec",
            List.of(
                new CaptureValue.EnumConstant("ex.Color", "RED"),
                new CaptureValue.Array(
                    "int",
                    List.of(
                        new CaptureValue.Primitive("int", "1"),
                        new CaptureValue.Primitive("int", "2"))),
                new CaptureValue.Array("char", List.of(new CaptureValue.Primitive("char", "c"))),
                new CaptureValue.Collection(
                    false,
                    "java.util.ArrayList",
                    List.of(new CaptureValue.Str("a"), new CaptureValue.Null())),
                new CaptureValue.Collection(true, "java.util.HashSet", List.of()),
                new CaptureValue.MapEntries(
                    "java.util.TreeMap",
                    List.of(
                        new CaptureValue.Entry(
                            new CaptureValue.Str("k"), new CaptureValue.Primitive("int", "1")),
                        new CaptureValue.Entry(
                            new CaptureValue.Str("k2"), new CaptureValue.Null()))),
                new CaptureValue.Opt(new CaptureValue.Str("o")),
                new CaptureValue.Bean(
                    "ex.Bean",
                    Map.of(
                        "a",
                        new CaptureValue.Bool(false),
                        "b",
                        new CaptureValue.Array("boolean", List.of(new CaptureValue.Bool(true))))))),
        read(json));
  }

  @Test
  void uncapturedReplacesWhateverWasWritten() throws Exception {
    String json =
        write(
            w -> {
              w.beginCollection(false, "java.util.ArrayList");
              w.string("half");
              w.uncaptured("element 1: type ex.Socket is not replayable");
            });
    assertEquals("{\"uncaptured\":\"element 1: type ex.Socket is not replayable\"}", json);
    assertEquals(
        new CaptureValue.Uncaptured("element 1: type ex.Socket is not replayable"), read(json));
  }

  @Test
  void loneSurrogatesSurviveACapture() throws Exception {
    String s = "a\ud83db";
    assertEquals(new CaptureValue.Str(s), read(write(w -> w.string(s))));
  }

  @Test
  void somethingElseIsNamedNotGuessed() {
    CaptureReader.MalformedCaptureException e =
        assertThrows(CaptureReader.MalformedCaptureException.class, () -> read("{\"pointer\":1}"));
    assertEquals("unknown capture kind pointer", e.getMessage());
    assertThrows(CaptureReader.MalformedCaptureException.class, () -> read("42"));
    assertThrows(
        CaptureReader.MalformedCaptureException.class,
        () -> read("{\"map\":\"java.util.HashMap\",\"entries\":[[1]]}"));
  }
}
