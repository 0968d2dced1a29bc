/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default {@code redact.names}: secret-like names are redacted wherever the word sits in the
 * name (camelCase, snake_case, environment variables), while the words of text pipelines that only
 * look like them (a tokenizer's {@code tokens}, {@code keywords}, {@code author}) stay linkable.
 */
class RedactNamesDefaultTest {
  private static final Pattern DEFAULT =
      Config.load("", new Properties(), Map.of()).get(Keys.REDACT_NAMES);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "dbPassword",
        "DB_PASSWD",
        "pwd",
        "secret",
        "clientSecret",
        "AWS_SECRET_ACCESS_KEY",
        "credentials",
        "token",
        "accessToken",
        "GITHUB_TOKEN",
        "refresh_token",
        "authToken",
        "auth",
        "authorization",
        "Authorization",
        "apiKey",
        "api_key",
        "privateKey",
        "key",
        "keys",
        "javax.net.ssl.keyStorePassword"
      })
  void secretLikeNamesAreRedacted(String name) {
    assertTrue(DEFAULT.matcher(name).matches(), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tokens",
        "maxTokens",
        "tokenizer",
        "tokenized",
        "tokenise",
        "keywords",
        "keyboardLayout",
        "author",
        "authors",
        "text",
        "documents",
        "user.home"
      })
  void pipelineWordsThatOnlyLookSecretStayVisible(String name) {
    assertFalse(DEFAULT.matcher(name).matches(), name);
  }
}
