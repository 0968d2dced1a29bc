/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpServer;
import dev.tooltrace.cli.TestQueue.V;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code prov --format openlineage --send} posts every event to a local OpenLineage receiver (the
 * shape of Marquez's {@code /api/v1/lineage}), configured the OpenLineage way: the receiver checks
 * each request (path, content type, the API key as a bearer token) and validates each event against
 * the official OpenLineage schema; the events are exactly what {@code prov --format openlineage}
 * prints, in order.
 */
class OpenLineageSendTest {
  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path dir;
  HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> problems = new CopyOnWriteArrayList<>();
  final AtomicInteger failAfter = new AtomicInteger(Integer.MAX_VALUE);
  JsonSchema schema;

  @BeforeEach
  void queueAndReceiver() throws Exception {
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      V doc = V.str("raw text");
      q.batch(1, "main", call(0x10, 0, "load", 0, 1).arg("path", V.str("/in")).returns(doc));
      q.batch(1, "main", call(0x11, 0, "parse", 2, 1).arg("doc", doc).returns(V.str("parsed")));
      q.batch(1, "main", call(0x12, 0, "publish", 4, 1).fails("java.io.IOException", "down"));
      q.runEnd(TestQueue.T0 + 10 * TestQueue.MS);
    }
    schema =
        ProvExportTest.openLineage()
            .getSchema(
                SchemaLocation.of("https://openlineage.io/spec/2-0-2/OpenLineage.json"),
                ProvExportTest.STRICT);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!ex.getRequestMethod().equals("POST")) {
              problems.add("method " + ex.getRequestMethod());
            }
            if (!ex.getRequestURI().getPath().equals("/api/v1/lineage")) {
              problems.add("path " + ex.getRequestURI());
            }
            if (!"application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
              problems.add("content type " + ex.getRequestHeaders().getFirst("Content-Type"));
            }
            if (!"Bearer s3cret".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
              problems.add("authorization " + ex.getRequestHeaders().getFirst("Authorization"));
            }
            Set<ValidationMessage> errors = schema.validate(M.readTree(body));
            if (!errors.isEmpty()) {
              problems.add(errors + " in " + body);
            }
            if (bodies.size() >= failAfter.get()) {
              byte[] no = "{\"error\":\"storage down\"}".getBytes(StandardCharsets.UTF_8);
              ex.sendResponseHeaders(500, no.length);
              ex.getResponseBody().write(no);
            } else {
              bodies.add(body);
              ex.sendResponseHeaders(201, -1);
            }
          } catch (Exception e) {
            problems.add(e.toString());
            ex.sendResponseHeaders(400, -1);
          } finally {
            ex.close();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Runs the CLI with {@code env} as the process environment of {@code prov}. */
  private Cli.Result run(Map<String, String> env, String... args) {
    CommandLine cl = TooltraceCli.commandLine();
    ((ProvCommand) cl.getSubcommands().get("prov").getCommand()).environment = env;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Cli.Result(code, out.toString(), err.toString());
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENLINEAGE_URL", base());
    env.put("OPENLINEAGE_API_KEY", "s3cret");
    return env;
  }

  @Test
  void everyEventReachesTheEndpointValidAndInOrder() throws Exception {
    Cli.Result printed = Cli.run("prov", "--dir", dir.toString(), "--format", "openlineage");
    assertEquals(0, printed.code(), printed.err());
    List<String> expected = printed.out().lines().toList();
    assertEquals(2 + 3 * 2, expected.size());

    Cli.Result r = run(env(), "prov", "--dir", dir.toString(), "--format", "openlineage", "--send");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "sent " + expected.size() + " OpenLineage events to " + base() + "/api/v1/lineage\n",
        r.out());
    assertEquals(List.of(), problems);
    assertEquals(expected, bodies);
    List<String> types = new ArrayList<>();
    for (String b : bodies) {
      JsonNode e = M.readTree(b);
      types.add(e.get("eventType").asText());
    }
    assertEquals("START", types.get(0));
    assertEquals("COMPLETE", types.get(types.size() - 1));
    assertTrue(types.contains("FAIL"), types.toString());
  }

  @Test
  void aRefusedEventStopsTheSendingWithOneLine() {
    failAfter.set(3);
    Cli.Result r = run(env(), "prov", "--dir", dir.toString(), "--format", "openlineage", "--send");
    assertEquals(ExitCodes.SEND_FAILED, r.code());
    assertEquals(
        "tooltrace: sent 3 of 8 OpenLineage events: "
            + base()
            + "/api/v1/lineage answered 500 ({\"error\":\"storage down\"}) to event 4\n",
        r.err());
    assertEquals(3, bodies.size());
  }

  @Test
  void configurationErrorsAreUsageErrors() {
    Cli.Result none =
        run(Map.of(), "prov", "--dir", dir.toString(), "--format", "openlineage", "--send");
    assertEquals(ExitCodes.USAGE, none.code());
    assertTrue(none.err().startsWith("tooltrace: no OpenLineage endpoint: set OPENLINEAGE_URL"));
    Cli.Result json = run(env(), "prov", "--dir", dir.toString(), "--send");
    assertEquals(ExitCodes.USAGE, json.code());
    Cli.Result ftp =
        run(env(), "prov", "--dir", dir.toString(), "--format", "openlineage", "--url", "ftp://x");
    assertEquals("tooltrace: OpenLineage URL 'ftp://x' is not an http(s) URL\n", ftp.err());
    Map<String, String> other = env();
    other.put("OPENLINEAGE_ENDPOINT", "/custom/lineage");
    other.put("OPENLINEAGE_URL", base() + "/");
    Cli.Result custom =
        run(other, "prov", "--dir", dir.toString(), "--format", "openlineage", "--send");
    assertEquals(0, custom.code(), custom.err());
    assertTrue(
        problems.stream().allMatch(p -> p.startsWith("path /custom/lineage")), problems.toString());
    Map<String, String> off = env();
    off.put("OPENLINEAGE_DISABLED", "true");
    int before = bodies.size();
    Cli.Result disabled =
        run(off, "prov", "--dir", dir.toString(), "--format", "openlineage", "--send");
    assertEquals("OPENLINEAGE_DISABLED is set: 8 events not sent\n", disabled.out());
    assertEquals(before, bodies.size());
  }
}
