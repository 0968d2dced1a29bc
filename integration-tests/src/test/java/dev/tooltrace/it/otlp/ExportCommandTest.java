/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.cli.TooltraceCli;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone {@code export} command: drains the queue of a process killed with SIGKILL
 * mid-write, so that every span id the queue holds reaches the receiver; bad input gives one line
 * and exit 2.
 */
class ExportCommandTest {
  @TempDir Path dir;
  OtlpReceiver receiver;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    receiver = OtlpReceiver.start();
    System.setProperty("otel.exporter.otlp.endpoint", receiver.grpcEndpoint());
    System.setProperty("otel.exporter.otlp.timeout", "2000");
    System.setProperty("otel.metric.export.interval", "3600000");
  }

  @AfterEach
  void stop() {
    System.clearProperty("otel.exporter.otlp.endpoint");
    System.clearProperty("otel.exporter.otlp.timeout");
    System.clearProperty("otel.metric.export.interval");
    receiver.close();
  }

  @Test
  void drainsTheQueueOfAProcessKilledWithSigkill() throws Exception {
    Process app = fork(QueueWriterMain.class.getName(), dir.toString());
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready", r.readLine());
    }
    Thread.sleep(300);
    app.destroyForcibly(); // SIGKILL: no shutdown hook, no RUN_END, maybe a half-written document
    assertTrue(app.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, app.exitValue());

    Set<String> inQueue = spanIdsIn(dir);
    assertTrue(inQueue.size() >= 200, "the app wrote " + inQueue.size());
    int code = run("--dir", dir.toString(), "--until-drained", "--max-wait", "60");
    assertEquals(0, code, err::toString);
    assertTrue(
        out.toString().startsWith("drained: " + inQueue.size() + " calls exported"), out::toString);
    assertEquals(inQueue, receiver.spanIds());
    assertTrue(
        receiver.spans().stream()
            .allMatch(s -> "killed-app".equals(s.resourceAttr("service.name"))));

    // Run again: nothing new, nothing re-sent.
    int before = receiver.spans().size();
    assertEquals(0, run("--dir", dir.toString(), "--until-drained"));
    assertEquals(before, receiver.spans().size());
  }

  @Test
  void notDrainedWithinMaxWaitExitsOne() throws Exception {
    Process app = fork(QueueWriterMain.class.getName(), dir.toString(), "150");
    assertTrue(app.waitFor(60, TimeUnit.SECONDS));
    receiver.stop();
    int code = run("--dir", dir.toString(), "--until-drained", "--max-wait", "1");
    assertEquals(1, code);
    assertTrue(out.toString().startsWith("NOT drained"), out::toString);
    assertEquals(
        1, err.toString().lines().filter(l -> l.contains("export failing")).count(), err::toString);
  }

  @Test
  void badDirectoryGivesOneLineAndExitTwo() {
    int code = run("--dir", dir.resolve("nope").toString(), "--until-drained");
    assertEquals(2, code);
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err::toString);
    assertTrue(lines.get(0).startsWith("tooltrace: queue directory"), lines::toString);
    assertTrue(lines.get(0).endsWith("does not exist"), lines::toString);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    String[] words = new String[args.length + 1];
    words[0] = "export";
    System.arraycopy(args, 0, words, 1, args.length);
    return TooltraceCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), words);
  }

  static Set<String> spanIdsIn(Path dir) {
    Set<String> ids = new HashSet<>();
    try (QueueReader r = QueueReader.open(dir)) {
      r.readAll(
          new RecordVisitor() {
            @Override
            public void onCall(CallRecord call) {
              ids.add(call.spanId());
            }
          });
    }
    return ids;
  }

  static Process fork(String main, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-D")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
