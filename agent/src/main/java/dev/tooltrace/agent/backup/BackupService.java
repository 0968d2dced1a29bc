/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.backup;

import dev.tooltrace.agent.config.Config;
import dev.tooltrace.agent.config.Keys;
import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.agent.telemetry.health.HealthCheck;
import dev.tooltrace.agent.telemetry.health.HealthResult;
import dev.tooltrace.backup.BackupProgress;
import dev.tooltrace.backup.BackupResult;
import dev.tooltrace.backup.QueueBackup;
import dev.tooltrace.exporter.ExportSettings;
import dev.tooltrace.exporter.MetricNames;
import io.opentelemetry.api.metrics.Meter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Scheduled backups ({@code backup.dir}, {@code backup.interval}) and retention ({@code
 * retention.days}, {@code retention.max.bytes}, {@code retention.interval}) inside the agent, on a
 * daemon thread of their own ({@code tooltrace-backup}): a backup may take minutes and must not
 * delay the housekeeper's one-second checks. The backup is the same code as the CLI's {@code
 * backup} command, so a backup the agent took is verified and restored by the CLI.
 *
 * <p>Call {@link #start()} once the queue is open and {@link #stop()} before it is closed. Every
 * failure is logged in one line (once per distinct reason) and reported in {@link #status()};
 * nothing here can reach the application.
 */
public final class BackupService {
  private static final AgentLog.Component LOG = AgentLog.of("backup");

  private final QueueWriter writer;
  private final Path backupDir;
  private final Duration interval;
  private final Duration retentionInterval;
  private final long retentionMaxAgeMillis;
  private final long retentionMaxBytes;
  private final boolean exportOn;
  private final AtomicLong filesCopied = new AtomicLong();
  private final AtomicLong retentionDeleted = new AtomicLong();
  private volatile long lastSuccess;
  private volatile long lastAttempt;
  private volatile String lastError;
  private volatile String heldBack;
  private String lastLogged;
  private ScheduledExecutorService scheduler;
  private final Retention.BeforeDelete beforeDelete;

  public BackupService(Config config, QueueWriter writer) {
    this(config, writer, file -> true);
  }

  /**
   * @param beforeDelete called before retention deletes a file (the agent seals it there)
   */
  public BackupService(Config config, QueueWriter writer, Retention.BeforeDelete beforeDelete) {
    this.writer = writer;
    this.beforeDelete = beforeDelete;
    String dir = config.get(Keys.BACKUP_DIR);
    this.backupDir = dir.isEmpty() ? null : Path.of(dir).toAbsolutePath().normalize();
    this.interval = config.get(Keys.BACKUP_INTERVAL);
    this.retentionInterval = config.get(Keys.RETENTION_INTERVAL);
    this.retentionMaxAgeMillis = Duration.ofDays(config.get(Keys.RETENTION_DAYS)).toMillis();
    this.retentionMaxBytes = config.get(Keys.RETENTION_MAX_BYTES);
    this.exportOn = "otlp".equals(config.get(Keys.EXPORT));
  }

  public boolean backupEnabled() {
    return backupDir != null;
  }

  public boolean retentionEnabled() {
    return retentionMaxAgeMillis > 0 || retentionMaxBytes > 0;
  }

  /** Starts the schedule (nothing when neither backups nor retention are configured). */
  public synchronized void start() {
    if (scheduler != null || !backupEnabled() && !retentionEnabled()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tooltrace-backup");
              t.setDaemon(true);
              t.setContextClassLoader(BackupService.class.getClassLoader());
              return t;
            });
    if (backupEnabled()) {
      long ms = interval.toMillis();
      scheduler.scheduleWithFixedDelay(this::backupOnce, ms, ms, TimeUnit.MILLISECONDS);
      LOG.info("backing up " + writer.dir() + " into " + backupDir + " every " + interval);
    }
    if (retentionEnabled()) {
      long ms = retentionInterval.toMillis();
      scheduler.scheduleWithFixedDelay(this::retentionOnce, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the schedule; a backup in progress is interrupted and leaves the previous intact. */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }

  /** Runs one backup now (the scheduler's task; public for tests and a future admin call). */
  public void backupOnce() {
    if (backupDir == null) {
      return;
    }
    lastAttempt = System.currentTimeMillis();
    try {
      BackupResult r = QueueBackup.run(writer.dir(), backupDir, BackupProgress.NONE);
      filesCopied.addAndGet(r.copied().size());
      lastSuccess = System.currentTimeMillis();
      lastError = null;
      logOnce(null);
      if (!r.copied().isEmpty()) {
        LOG.debug(
            "backup into "
                + backupDir
                + ": "
                + r.copied().size()
                + " files, "
                + r.bytesCopied()
                + " bytes");
      }
    } catch (Throwable t) {
      lastError = String.valueOf(t.getMessage() == null ? t : t.getMessage());
      logOnce(
          "backup into "
              + backupDir
              + " failed: "
              + lastError
              + "; the queue is kept, retention waits for the next successful backup");
    }
  }

  /** Runs retention once now. */
  public void retentionOnce() {
    try {
      SingleChronicleQueue q = writer.queue();
      if (q == null) {
        return;
      }
      List<Retention.Gate> gates = new ArrayList<>();
      if (exportOn) {
        gates.add(
            Retention.exported(
                q, () -> q.indexForId(ExportSettings.DEFAULT_CONSUMER_ID).getVolatileValue()));
      }
      if (backupDir != null) {
        gates.add(file -> QueueBackup.covers(backupDir, file) ? null : "not backed up yet");
      }
      Retention r =
          new Retention(
              writer.dir(), retentionMaxAgeMillis, retentionMaxBytes, gates, beforeDelete);
      List<Path> deleted = r.run(System.currentTimeMillis());
      heldBack = r.heldBack();
      if (!deleted.isEmpty()) {
        retentionDeleted.addAndGet(deleted.size());
        q.refreshDirectoryListing();
        LOG.info(
            "retention deleted "
                + deleted.size()
                + " queue files, oldest "
                + deleted.get(0).getFileName());
      }
    } catch (Throwable t) {
      logOnce("retention failed: " + t);
    }
  }

  private synchronized void logOnce(String problem) {
    if (problem != null && !problem.equals(lastLogged)) {
      LOG.warn(problem);
    }
    lastLogged = problem;
  }

  public BackupStatus status() {
    return new BackupStatus(
        backupEnabled(),
        lastSuccess,
        lastAttempt,
        lastError,
        filesCopied.get(),
        retentionDeleted.get(),
        heldBack);
  }

  /**
   * {@code backup}: DOWN when the last backup failed, or when none succeeded for two intervals
   * (plus a minute for a long copy) since the agent started.
   */
  public HealthCheck healthCheck() {
    long started = System.currentTimeMillis();
    return new HealthCheck() {
      @Override
      public String name() {
        return "backup";
      }

      @Override
      public HealthResult check() {
        BackupStatus s = status();
        long now = System.currentTimeMillis();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", String.valueOf(backupDir));
        m.put("last.success", s.lastSuccessEpochMillis() / 1000);
        m.put("age.seconds", s.ageSeconds(now));
        m.put("files.copied", s.filesCopied());
        m.put("retention.deleted.files", s.retentionDeletedFiles());
        if (s.retentionHeldBack() != null) {
          m.put("retention.held.back", s.retentionHeldBack());
        }
        long allowed = 2 * interval.toMillis() + 60_000;
        if (s.lastError() != null) {
          return HealthResult.down("last backup failed: " + s.lastError(), m);
        }
        long since = s.lastSuccessEpochMillis() == 0 ? started : s.lastSuccessEpochMillis();
        if (now - since > allowed) {
          return HealthResult.down("no successful backup for " + (now - since) / 1000 + "s", m);
        }
        return HealthResult.up(
            s.lastSuccessEpochMillis() == 0
                ? "no backup yet"
                : "last backup " + Math.round(s.ageSeconds(now)) + "s ago",
            m);
      }
    };
  }

  /**
   * {@code tooltrace.backup.last.success} (unix seconds) and {@code tooltrace.backup.age} (s), both
   * absent until a backup succeeded; {@code tooltrace.backup.files} and {@code
   * tooltrace.retention.deleted} (files).
   */
  public void registerMetrics(Meter meter) {
    if (backupEnabled()) {
      meter
          .gaugeBuilder(MetricNames.BACKUP_LAST_SUCCESS)
          .setUnit("s")
          .setDescription("Unix time of the last successful backup")
          .buildWithCallback(
              o -> {
                long t = lastSuccess;
                if (t > 0) {
                  o.record(t / 1000.0);
                }
              });
      meter
          .gaugeBuilder(MetricNames.BACKUP_AGE)
          .setUnit("s")
          .setDescription("Seconds since the last successful backup")
          .buildWithCallback(
              o -> {
                long t = lastSuccess;
                if (t > 0) {
                  o.record((System.currentTimeMillis() - t) / 1000.0);
                }
              });
      meter
          .counterBuilder(MetricNames.BACKUP_FILES)
          .setUnit("{file}")
          .setDescription("Queue files stored by scheduled backups")
          .buildWithCallback(o -> o.record(filesCopied.get()));
    }
    if (retentionEnabled()) {
      meter
          .counterBuilder(MetricNames.RETENTION_DELETED)
          .setUnit("{file}")
          .setDescription("Queue files deleted by retention")
          .buildWithCallback(o -> o.record(retentionDeleted.get()));
    }
  }
}
