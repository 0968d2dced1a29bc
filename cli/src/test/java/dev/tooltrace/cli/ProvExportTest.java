/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static dev.tooltrace.cli.TestQueue.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import dev.tooltrace.cli.TestQueue.V;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prov} output validated against the vendored PROV-JSON and OpenLineage schemas (see
 * src/test/resources/schemas/README.md), with format assertions on (uri, date-time, uuid).
 */
class ProvExportTest {
  static final ObjectMapper M = new ObjectMapper();
  static final SchemaValidatorsConfig STRICT =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  @TempDir Path dir;

  @BeforeEach
  void writePipeline() {
    V doc = V.str("input document");
    V parsed = V.obj("example.Parsed", "words=2", 0);
    V score = V.str("score=0.9");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(
          1,
          "main",
          call(0x11, 0x10, "parse", 1, 2).arg("doc", doc).returns(parsed),
          call(0x12, 0x10, "score", 4, 2).confidence(0.9).arg("p", parsed).returns(score),
          call(0x10, 0, "pipeline", 0, 10).arg("doc", doc).returns(score));
      q.batch(
          2,
          "worker",
          call(0x20, 0, "Publisher#publish", 12, 1)
              .trace(2)
              .arg("s", score)
              .fails("java.io.IOException", "broker \"down\""));
      q.runEnd(TestQueue.T0 + 20 * TestQueue.MS);
    }
  }

  private static JsonSchema provSchema() {
    return JsonSchemaFactory.getInstance(VersionFlag.V4)
        .getSchema(
            SchemaLocation.of("classpath:schemas/prov-json/prov-json-schema-v4.json"), STRICT);
  }

  static JsonSchemaFactory openLineage() {
    return JsonSchemaFactory.getInstance(
        VersionFlag.V202012,
        b ->
            b.schemaMappers(
                m ->
                    m.mapPrefix("https://openlineage.io/spec/", "classpath:schemas/openlineage/")));
  }

  private static void assertValid(JsonSchema schema, JsonNode doc) {
    Set<ValidationMessage> errors = schema.validate(doc);
    assertTrue(errors.isEmpty(), errors + " in " + doc);
  }

  @Test
  void provJsonValidatesAndHoldsTheGraph() throws Exception {
    Cli.Result r = Cli.run("prov", "--dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode doc = M.readTree(r.out());
    assertValid(provSchema(), doc);
    assertEquals(4, doc.get("activity").size());
    assertTrue(doc.get("activity").has("call:" + span(0x20)));
    assertEquals(3, doc.get("wasGeneratedBy").size(), "parse, score, pipeline returned values");
    // used: parse(doc) score(p) pipeline(doc, returned score) publish(s)
    assertEquals(5, doc.get("used").size());
    assertEquals(2, doc.get("wasStartedBy").size(), "parse and score ran inside pipeline");
    Set<String> informed = new HashSet<>();
    doc.get("wasInformedBy")
        .forEach(
            n ->
                informed.add(
                    n.get("prov:informed").asText() + "<" + n.get("prov:informant").asText()));
    assertEquals(
        Set.of(
            "call:" + span(0x12) + "<call:" + span(0x11),
            "call:" + span(0x10) + "<call:" + span(0x12),
            "call:" + span(0x20) + "<call:" + span(0x10)),
        informed);
    assertEquals(5, doc.get("agent").size(), "four tools and the run");
    assertEquals(
        "java.io.IOException",
        doc.get("activity").get("call:" + span(0x20)).get("tt:errorType").asText());
    // Validation must be able to fail: a broken document is rejected.
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("used").elements().next())
        .put("prov:time", "not a time");
    assertTrue(!provSchema().validate(doc).isEmpty());
  }

  @Test
  void openLineageEventsValidate() throws Exception {
    Cli.Result r = Cli.run("prov", "--dir", dir.toString(), "--format", "openlineage");
    assertEquals(0, r.code(), r.err());
    JsonSchemaFactory f = openLineage();
    JsonSchema event =
        f.getSchema(
            SchemaLocation.of("https://openlineage.io/spec/2-0-2/OpenLineage.json"), STRICT);
    JsonSchema parentFacet =
        f.getSchema(
            SchemaLocation.of("https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json"),
            STRICT);
    JsonSchema errorFacet =
        f.getSchema(
            SchemaLocation.of("https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json"),
            STRICT);
    List<JsonNode> events = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      events.add(M.readTree(line));
    }
    assertEquals(2 + 4 * 2, events.size(), "run START/COMPLETE and START+end per call");
    List<String> types = new ArrayList<>();
    for (JsonNode e : events) {
      assertValid(event, e);
      JsonNode facets = e.get("run").get("facets");
      if (facets != null) {
        assertValid(parentFacet, facets);
        assertValid(errorFacet, facets);
      }
      types.add(e.get("eventType").asText() + " " + e.get("job").get("name").asText());
    }
    assertEquals("START test-pipeline", types.get(0));
    assertEquals("COMPLETE test-pipeline", types.get(types.size() - 1));
    assertTrue(types.contains("FAIL Publisher#publish"), types.toString());
    JsonNode scoreEnd =
        events.stream()
            .filter(e -> e.get("eventType").asText().equals("COMPLETE"))
            .filter(e -> e.get("job").get("name").asText().equals("score"))
            .findFirst()
            .orElseThrow();
    JsonNode parseEnd =
        events.stream()
            .filter(e -> e.get("eventType").asText().equals("COMPLETE"))
            .filter(e -> e.get("job").get("name").asText().equals("parse"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        parseEnd.get("outputs").get(0).get("name").asText(),
        scoreEnd.get("inputs").get(0).get("name").asText(),
        "parse's output is score's input dataset");
    assertEquals(
        "pipeline",
        scoreEnd.get("run").get("facets").get("parent").get("job").get("name").asText());
  }
}
