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
import dev.tooltrace.record.QueueFiles;
import java.io.File;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the agent inside its isolated class loader. Premain does only what must happen before the
 * application's first class loads: configuration and logger, the recorder (installed into the
 * bootstrap {@code Bridge}), the weaving's cheap pre-filter, and the shutdown hook. The slow parts
 * run on two daemon threads while the application starts:
 *
 * <ul>
 *   <li>{@code tooltrace-weave} builds the Byte Buddy transformer and retransforms the JDK's task
 *       classes for context propagation, then releases the weaving; a class with tools that loads
 *       earlier waits for it (so no tracked call ever runs without context propagation);
 *   <li>{@code tooltrace-init} opens the queue, takes the run's environment snapshot and writes the
 *       RUN document, then lets appends through ({@link QueueWriter#ready}; an application thread
 *       whose batch needs appending earlier waits for it), and starts the background services
 *       (housekeeping, export, HTTP, sampling).
 * </ul>
 *
 * Any failure is reported in one line and leaves the application running, untracked if need be.
 */
public final class AgentStarter {
  private static final AgentLog.Component LOG = AgentLog.of("agent");

  /** How long the shutdown hook waits for a queue still being opened. */
  private static final long OPEN_WAIT_AT_EXIT_MILLIS = 10_000;

  /** How long the shutdown hook waits, in all, for threads still inside a tracked call's exit. */
  private static final long FLUSH_WAIT_AT_EXIT_NANOS = 500_000_000L;

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
    long startEpochNanos = System.currentTimeMillis() * 1_000_000L;

    QueueWriter writer =
        new QueueWriter(
            Path.of(config.get(Keys.DIR)),
            config.get(Keys.ROLL_CYCLE),
            config.get(Keys.DISK_MAX_BYTES),
            config.get(Keys.DISK_MIN_FREE),
            config.get(Keys.AUDIT_CHAIN));
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
    recorder.qualityThresholds(
        config.get(Keys.CONFIDENCE_HIGH), config.get(Keys.CONFIDENCE_MEDIUM));
    recorder.batchMaxAge(config.get(Keys.BATCH_MAX_AGE));
    if (!Bridge.install(recorder)) {
      LOG.warn("another tooltrace agent is already installed in this JVM; this one stays idle");
      return;
    }
    String service = ServiceName.resolve(config);
    Weaver weaver =
        new Weaver(
            config.get(Keys.INCLUDE),
            config.get(Keys.EXCLUDE),
            config.get(Keys.REDACT_NAMES),
            config.get(Keys.CAPTURE_ARGS),
            config.get(Keys.CAPTURE_COST),
            config.get(Keys.CAPTURE_HASH));
    weaver.installDeferred(inst);
    AgentServices services =
        new AgentServices(config, writer, recorder, service, runHi, runLo, startEpochNanos, sealer);
    // Where the RUN document sits in the chain (for the run's seal at exit); set before the queue
    // is ready, which the shutdown hook waits for.
    AtomicReference<ChainPoint> runStart = new AtomicReference<>();
    daemon("tooltrace-weave", () -> weave(inst, weaver));
    daemon(
        "tooltrace-init",
        () -> {
          openQueue(config, writer, service, runHi, runLo, startEpochNanos, runStart);
          services.start();
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    shutdown(
                        writer,
                        recorder,
                        services,
                        sealer,
                        runStart,
                        Hex.of(runHi, runLo),
                        runHi,
                        runLo),
                "tooltrace-shutdown"));
  }

  private static Thread daemon(String name, Runnable work) {
    Thread t =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (Throwable e) {
                LOG.warn(name + " failed: " + e);
              }
            },
            name);
    t.setDaemon(true);
    t.setContextClassLoader(AgentStarter.class.getClassLoader());
    t.start();
    return t;
  }

  /** Builds the weaving and context propagation, then lets tracked classes be woven. */
  private static void weave(Instrumentation inst, Weaver weaver) {
    ClassFileTransformer bb = null;
    try {
      bb = weaver.build();
      ContextPropagation.install(inst);
    } catch (Throwable t) {
      LOG.warn("cannot build the weaving: " + t + "; the application runs untracked");
      bb = null;
    } finally {
      weaver.release(bb);
    }
  }

  /** Opens the queue, writes the run's RUN document first, then lets the batches through. */
  private static void openQueue(
      Config config,
      QueueWriter writer,
      String service,
      long runHi,
      long runLo,
      long startEpochNanos,
      AtomicReference<ChainPoint> runStart) {
    try {
      writer.open();
      writer.check();
      String runId = Hex.of(runHi, runLo);
      Map<String, Object> env =
          RunSnapshot.take(
              runId,
              service,
              config.get(Keys.RUN_NAME),
              config.get(Keys.RUN_TAGS),
              config.get(Keys.REDACT_NAMES),
              config.asText());
      Buf doc = new Buf(4096);
      Encoder.run(
          doc, runHi, runLo, startEpochNanos, ProcessHandle.current().pid(), Json.write(env));
      runStart.set(writer.appendFromAgentAt(doc));
      LOG.info(
          "recording run "
              + runId
              + " of service '"
              + service
              + "' into "
              + writer.dir()
              + (writer.accepting() ? "" : " (NOT writable now: " + writer.problem() + ")"));
    } finally {
      writer.ready();
    }
  }

  private static Map<String, Object> counters(QueueWriter writer, Recorder recorder) {
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("records.written", writer.written());
    counters.put("records.dropped", writer.dropped());
    counters.put("recording.failures", recorder.failures());
    counters.put("values.sampled", recorder.sampledValues());
    counters.put("values.degraded", recorder.degradedValues());
    return counters;
  }

  /**
   * The shutdown hook: every batch into the queue, the services stopped (none waits for a backend
   * that does not answer), the files rolled away from sealed, the run's counters in RUN_END and the
   * run's seal after it, the queue closed.
   */
  private static void shutdown(
      QueueWriter writer,
      Recorder recorder,
      AgentServices services,
      Sealer sealer,
      AtomicReference<ChainPoint> runStart,
      String runId,
      long runHi,
      long runLo) {
    try {
      if (!writer.awaitReady(0)) {
        // A short job ended while the queue is still being opened: let that finish.
        QueueFiles.allowOpeningDuringShutdown();
      }
      if (!writer.awaitReady(OPEN_WAIT_AT_EXIT_MILLIS)) {
        LOG.warn("the queue was still being opened at exit; the run's last records are lost");
      }
      recorder.flushAll(FLUSH_WAIT_AT_EXIT_NANOS);
      services.stop();
      recorder.flushAll(0);
      sealer.sealRolls();
      Buf end = new Buf(256);
      Encoder.runEnd(
          end,
          runHi,
          runLo,
          System.currentTimeMillis() * 1_000_000L,
          Json.write(counters(writer, recorder)));
      sealer.sealRun(runStart.get(), writer.appendFinalAt(end));
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
        LOG.warn(summary + (writer.problem() == null ? "" : " (" + writer.problem() + ")"));
      } else {
        LOG.info(summary);
      }
    } catch (Throwable t) {
      LOG.warn("shutdown: " + t);
    }
  }
}
