/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.openlineage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends OpenLineage run events to an OpenLineage HTTP endpoint (Marquez's {@code /api/v1/lineage}),
 * configured as OpenLineage's own clients are: {@code OPENLINEAGE_URL} (the server, e.g. {@code
 * http://localhost:5000}), {@code OPENLINEAGE_ENDPOINT} (the path, default {@value
 * #DEFAULT_ENDPOINT}), {@code OPENLINEAGE_API_KEY} (sent as {@code Authorization: Bearer KEY}) and
 * {@code OPENLINEAGE_DISABLED=true} (send nothing). One event per {@code POST}, in order (a run's
 * START before its COMPLETE), as the OpenLineage HTTP transport does; the first answer that is not
 * 2xx stops the sending.
 */
public final class OpenLineageHttp {
  public static final String DEFAULT_ENDPOINT = "api/v1/lineage";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI target;
  private final String apiKey;
  private final boolean disabled;
  private final HttpClient client;

  OpenLineageHttp(URI target, String apiKey, boolean disabled) {
    this.target = target;
    this.apiKey = apiKey;
    this.disabled = disabled;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * The transport {@code env} configures; {@code url} (the command's {@code --url}) overrides
   * {@code OPENLINEAGE_URL}. Throws {@link IllegalArgumentException} (a message for users) when
   * there is no URL or it is not an http(s) URL.
   */
  public static OpenLineageHttp configure(String url, Map<String, String> env) {
    String base = url != null ? url : env.get("OPENLINEAGE_URL");
    if (base == null || base.isBlank()) {
      throw new IllegalArgumentException(
          "no OpenLineage endpoint: set OPENLINEAGE_URL (e.g. http://localhost:5000) or --url");
    }
    URI uri;
    try {
      uri = URI.create(base.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("OpenLineage URL '" + base + "' is not a URL");
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("OpenLineage URL '" + base + "' is not an http(s) URL");
    }
    String endpoint = env.getOrDefault("OPENLINEAGE_ENDPOINT", DEFAULT_ENDPOINT);
    String b = uri.toString();
    String path = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
    URI target = URI.create((b.endsWith("/") ? b : b + "/") + path);
    String key = env.get("OPENLINEAGE_API_KEY");
    boolean disabled = "true".equalsIgnoreCase(env.getOrDefault("OPENLINEAGE_DISABLED", ""));
    return new OpenLineageHttp(target, key == null || key.isBlank() ? null : key, disabled);
  }

  public URI target() {
    return target;
  }

  public boolean disabled() {
    return disabled;
  }

  /** Why sending stopped: the event's place, and the answer or the failure. */
  public static final class SendFailed extends Exception {
    private final long sent;

    SendFailed(long sent, String message) {
      super(message);
      this.sent = sent;
    }

    /** Events the endpoint accepted before the failure. */
    public long sent() {
      return sent;
    }
  }

  /** Posts each event (a JSON document) in order; returns how many were accepted. */
  public long send(Iterable<String> events) throws SendFailed {
    long sent = 0;
    if (disabled) {
      return 0;
    }
    for (String event : events) {
      HttpRequest.Builder r =
          HttpRequest.newBuilder(target)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8));
      if (apiKey != null) {
        r.header("Authorization", "Bearer " + apiKey);
      }
      HttpResponse<String> answer;
      try {
        answer = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new SendFailed(sent, "cannot reach " + target + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SendFailed(sent, "interrupted while sending to " + target);
      }
      if (answer.statusCode() / 100 != 2) {
        String body = answer.body().lines().findFirst().orElse("").strip();
        throw new SendFailed(
            sent,
            target
                + " answered "
                + answer.statusCode()
                + (body.isEmpty() ? "" : " (" + body + ")")
                + " to event "
                + (sent + 1));
      }
      sent++;
    }
    return sent;
  }
}
