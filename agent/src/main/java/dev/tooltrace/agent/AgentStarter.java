/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent;

import dev.tooltrace.agent.audit.Sealer;
import dev.tooltrace.agent.config.Config;
import dev.tooltrace.agent.config.Keys;
import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.agent.recording.Recorder;
import dev.tooltrace.agent.run.RunSnapshot;
import dev.tooltrace.agent.weave.ContextPropagation;
import dev.tooltrace.agent.weave.Weaver;
import dev.tooltrace.bootstrap.Bridge;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ChainPoint;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.Json;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the agent inside its isolated class loader, in a fixed order: configuration and logger;
 * the queue; the recorder (installed into the bootstrap {@code Bridge}); the run's environment
 * snapshot; the weaving; then background services (housekeeping, export, HTTP). Any failure is
 * reported in one line and leaves the application running, untracked if need be.
 */
public final class AgentStarter {
  private static final AgentLog.Component LOG = AgentLog.of("agent");

  private AgentStarter() {}

  public static void start(Instrumentation inst, String args, File agentJar) {
    Config config = Config.load(args);
    AgentLog.configure(
        config.get(Keys.LOG_LEVEL),
        config.get(Keys.LOG_LEVELS),
        config.get(Keys.LOG_FORMAT),
        config.get(Keys.LOG_FILE),
        config.get(Keys.LOG_FILE_MAX_BYTES));
    for (String p : config.problems()) {
      LOG.warn(p);
    }
    if (!config.get(Keys.ENABLED)) {
      LOG.info("tracking disabled (enabled=false): nothing is woven or recorded");
      return;
    }
    SecureRandom random = new SecureRandom();
    long runHi = random.nextLong();
    long runLo = random.nextLong();
    String runId = Hex.of(runHi, runLo);

    Path dir = Path.of(config.get(Keys.DIR));
    QueueWriter writer =
        new QueueWriter(
            dir,
            config.get(Keys.ROLL_CYCLE),
            config.get(Keys.DISK_MAX_BYTES),
            config.get(Keys.DISK_MIN_FREE),
            config.get(Keys.AUDIT_CHAIN));
    writer.open();
    writer.check();
    Sealer sealer = new Sealer(writer, runHi, runLo, Sealer.loadSigner(config.get(Keys.AUDIT_KEY)));

    Recorder recorder =
        new Recorder(
            writer,
            runHi,
            runLo,
            config.get(Keys.PREVIEW_CHARS),
            config.get(Keys.HASH_MAX_BYTES),
            config.get(Keys.CAPTURE_MAX_BYTES),
            config.get(Keys.REDACT_NAMES),
            config.get(Keys.ELEMENTS_MAX),
            config.get(Keys.BUDGET_MICROS));
    if (!Bridge.install(recorder)) {
      LOG.warn("another tooltrace agent is already installed in this JVM; this one stays idle");
      return;
    }
    String service = ServiceName.resolve(config);
    Map<String, Object> env =
        RunSnapshot.take(
            runId,
            service,
            config.get(Keys.RUN_NAME),
            config.get(Keys.RUN_TAGS),
            config.get(Keys.REDACT_NAMES),
            config.asText());
    Buf doc = new Buf(4096);
    long startEpochNanos = System.currentTimeMillis() * 1_000_000L;
    Encoder.run(doc, runHi, runLo, startEpochNanos, ProcessHandle.current().pid(), Json.write(env));
    ChainPoint runStart = writer.appendFromAgentAt(doc);
    long runIndex = writer.lastIndex();

    new Weaver(
            config.get(Keys.INCLUDE),
            config.get(Keys.EXCLUDE),
            config.get(Keys.REDACT_NAMES),
            config.get(Keys.CAPTURE_ARGS),
            config.get(Keys.CAPTURE_COST),
            config.get(Keys.CAPTURE_HASH))
        .install(inst);
    ContextPropagation.install(inst);

    AgentServices services =
        new AgentServices(config, writer, recorder, service, runIndex, runHi, runLo, sealer);
    services.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    services.stop();
                    sealer.sealRolls();
                    Map<String, Object> counters = new LinkedHashMap<>();
                    counters.put("records.written", writer.written());
                    counters.put("records.dropped", writer.dropped());
                    counters.put("recording.failures", recorder.failures());
                    counters.put("values.sampled", recorder.sampledValues());
                    counters.put("values.degraded", recorder.degradedValues());
                    Buf end = new Buf(256);
                    Encoder.runEnd(
                        end,
                        runHi,
                        runLo,
                        System.currentTimeMillis() * 1_000_000L,
                        Json.write(counters));
                    sealer.sealRun(runStart, writer.appendFinalAt(end));
                    writer.close();
                    String summary =
                        "run "
                            + runId
                            + " ended: "
                            + writer.written()
                            + " records written, "
                            + writer.dropped()
                            + " dropped, "
                            + recorder.failures()
                            + " recording failures";
                    if (writer.dropped() > 0 || recorder.failures() > 0) {
                      LOG.warn(
                          summary
                              + (writer.problem() == null ? "" : " (" + writer.problem() + ")"));
                    } else {
                      LOG.info(summary);
                    }
                  } catch (Throwable t) {
                    LOG.warn("shutdown: " + t);
                  }
                },
                "tooltrace-shutdown"));
    LOG.info(
        "recording run "
            + runId
            + " of service '"
            + service
            + "' into "
            + writer.dir()
            + (writer.accepting() ? "" : " (NOT writable now: " + writer.problem() + ")"));
  }
}
