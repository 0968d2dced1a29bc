/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.MessageLite;
import dev.tooltrace.it.app.ReproPipelineApp;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A secret passed as a {@code @Redacted} argument, as an environment variable, as a secret-named
 * system property and as a secret-named program argument is found nowhere: not in the queue files,
 * not in what the agent exported over OTLP, not in any CLI output.
 */
class RedactionTest {
  private static final String SECRET = "tt-s3cr3t-7Qz9xK2p";
  private Path tmp;
  private OtlpReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    tmp = Files.createTempDirectory("redaction-it");
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    receiver.close();
    AgentCli.deleteTree(tmp);
  }

  @Test
  void secretIsNowhere() throws Exception {
    Path queue = tmp.resolve("q");
    ForkedJvm.Result app =
        ForkedJvm.of(
                ReproPipelineApp.class.getName(), "--api-token=" + SECRET, "--linger-ms", "1500")
            .agent("dir=" + queue + ",export=otlp,http.enabled=false,capture.args=true")
            .jvmArg("-Dapp.password=" + SECRET)
            .env("MY_API_TOKEN", SECRET)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.grpcEndpoint())
            .env("OTEL_SERVICE_NAME", "redaction-it")
            .run();
    assertEquals(0, app.exitCode(), app.stderr());
    OtlpReceiver.await(
        Duration.ofSeconds(60),
        "the connect span and the pipeline's spans",
        () -> receiver.spans().size() >= 21);

    Recorded rec = Recorded.read(queue);
    CallRecord connect = rec.tool("repro.connect").get(0);
    assertEquals(RecordFormat.VALUE_REDACTED, connect.args().get(1).kind());
    assertEquals(null, connect.args().get(1).hash());
    String env = rec.runs.get(0).environmentJson();
    assertTrue(env.contains("\"MY_API_TOKEN\":\"<redacted>\""), env);

    ByteArrayOutputStream everything = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(queue)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] b = Files.readAllBytes(f);
        assertFalse(contains(b, SECRET), "queue file " + f);
        everything.write(b);
      }
    }
    List<MessageLite> otlp = new ArrayList<>();
    otlp.addAll(receiver.traceRequests());
    otlp.addAll(receiver.metricRequests());
    otlp.addAll(receiver.logRequests());
    assertFalse(otlp.isEmpty());
    for (MessageLite m : otlp) {
      assertFalse(contains(m.toByteArray(), SECRET), "OTLP payload " + m);
    }
    assertFalse(app.stdout().contains(SECRET) || app.stderr().contains(SECRET), "agent output");

    String dir = queue.toString();
    String run = rec.runs.get(0).runId();
    List<String[]> commands =
        List.of(
            new String[] {"show", "--dir", dir},
            new String[] {"show", "--dir", dir, "--json"},
            new String[] {"stats", "--dir", dir, "--json"},
            new String[] {"runs", "--dir", dir, "--json"},
            new String[] {"diff", run, run, "--dir", dir, "--json"},
            new String[] {"diff", run, run, "--dir", dir},
            new String[] {"rerun-script", run, "--dir", dir},
            new String[] {"evidence", "--dir", dir, "--json"});
    for (String[] c : commands) {
      ForkedJvm.Result r = AgentCli.inProcess(c);
      assertEquals(0, r.exitCode(), String.join(" ", c) + ": " + r.stderr());
      assertFalse((r.stdout() + r.stderr()).contains(SECRET), String.join(" ", c));
    }
    ForkedJvm.Result replay =
        AgentCli.jar(
            "replay",
            connect.spanId(),
            "--dir",
            dir,
            "--classpath",
            Paths.testClasses() + File.pathSeparator + Paths.bootstrapJar());
    assertEquals(4, replay.exitCode(), replay.stdout() + replay.stderr());
    assertTrue(
        replay.stdout().contains("argument 's' (java.lang.String) is redacted"), replay.stdout());
    assertFalse((replay.stdout() + replay.stderr()).contains(SECRET));
  }

  private static boolean contains(byte[] hay, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= hay.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (hay[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
